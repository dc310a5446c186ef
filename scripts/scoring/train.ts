/**
 * `npm run train:scorer [path/to/train.tsv]` — trains the offensive and hate classifiers on OSACT
 * 2020 and writes core/scoring/model/weights.json (committed). Path: argument, else env
 * OSACT_TRAIN, else ../shared/data/osact2020/train.tsv relative to the repository root.
 */
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { trainModel } from "../../core/scoring/model/pipeline";
import { defaultTrainPath, loadCorpus } from "./corpus";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const path = process.argv[2] ?? defaultTrainPath(repoRoot);
const t0 = Date.now();
const corpus = loadCorpus(path);
const weights = trainModel(corpus);
const out = resolve(here, "model/weights.json");
const json = JSON.stringify(weights);
writeFileSync(out, json + "\n");
process.stderr.write(
  `trained on ${corpus.texts.length} tweets from ${path} in ${((Date.now() - t0) / 1000).toFixed(1)}s; ` +
    `offensive: ${weights.tasks.offensive.w.length} weights, threshold ${weights.tasks.offensive.threshold}; ` +
    `hate: ${weights.tasks.hate.w.length} weights, threshold ${weights.tasks.hate.threshold}; ` +
    `${out} ${(json.length / 1024).toFixed(0)} KiB\n`,
);
