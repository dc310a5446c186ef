/**
 * `npm run train:scorer` — trains the Arabic and English offensive / hate classifiers on the sets
 * of the data folder (env SCORER_DATA, default ../shared/data beside the repository), chooses their
 * flag thresholds on validation data, and writes core/scoring/model/weights.json (committed).
 */
import { writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { trainModel } from "../../core/scoring/model/pipeline";
import { dataDir, loadSets } from "./corpus";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "../..");
const t0 = Date.now();
const weights = trainModel(loadSets(repoRoot));
const out = resolve(repoRoot, "core/scoring/model/weights.json");
const json = JSON.stringify(weights);
writeFileSync(out, json + "\n");
const lines = [`trained from ${dataDir(repoRoot)} in ${((Date.now() - t0) / 1000).toFixed(1)}s; ${out} ${(json.length / 1024).toFixed(0)} KiB`];
for (const [lang, m] of Object.entries(weights.models)) {
  lines.push(
    `${lang}: ${m.trainedOn.join(", ")}; thresholds from ${m.validatedOn}: ` +
      `offensive ${JSON.stringify(m.thresholds.offensive)} (${m.offensive.w.length} weights), ` +
      `hate ${JSON.stringify(m.thresholds.hate)} (${m.hate.w.length} weights)`,
  );
}
process.stderr.write(lines.join("\n") + "\n");
