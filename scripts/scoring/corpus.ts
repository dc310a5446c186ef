/** Reads the training corpus from disk for the scoring scripts and tests (core/ does no I/O). */
import { readFileSync } from "node:fs";
import { parseCorpus, type Corpus } from "../../core/scoring/model/pipeline";

export function loadCorpus(path: string): Corpus {
  return parseCorpus(readFileSync(path, "utf8"), path);
}

export function defaultTrainPath(repoRoot: string): string {
  return process.env.OSACT_TRAIN ?? `${repoRoot}/../shared/data/osact2020/train.tsv`;
}
