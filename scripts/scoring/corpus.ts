/** Reads the labelled data sets from disk for the scoring scripts and tests (core/ does no I/O). */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseSet, type Lang, type LabelledSet, type SetFormat } from "../../core/scoring/model/data";

/** Every set the scorer trains or evaluates on: name → file under the data folder, format, language. */
export const SETS: { name: string; file: string; format: SetFormat; lang: Lang }[] = [
  { name: "osact-train", file: "osact2020/train.tsv", format: "osact-train", lang: "ar" },
  { name: "osact-dev", file: "osact2020/dev.tsv", format: "osact-dev", lang: "ar" },
  { name: "mlma-ar", file: "mlma/ar.tsv", format: "mlma", lang: "ar" },
  { name: "mlma-en", file: "mlma/en.tsv", format: "mlma", lang: "en" },
  { name: "davidson", file: "davidson2017/en.tsv", format: "davidson", lang: "en" },
];

/** The data folder: env SCORER_DATA, else ../shared/data beside the repository. */
export function dataDir(repoRoot: string): string {
  return process.env.SCORER_DATA ?? resolve(repoRoot, "../shared/data");
}

export function setPaths(repoRoot: string): string[] {
  return SETS.map((s) => resolve(dataDir(repoRoot), s.file));
}

/** Load every set; a missing file is an error naming it. */
export function loadSets(repoRoot: string): Record<string, LabelledSet> {
  const dir = dataDir(repoRoot);
  const out: Record<string, LabelledSet> = {};
  for (const s of SETS) {
    const path = resolve(dir, s.file);
    if (!existsSync(path)) throw new Error(`training data missing: ${path} (set SCORER_DATA to the data folder)`);
    out[s.name] = parseSet(readFileSync(path, "utf8"), s.format, s.name, s.lang);
  }
  return out;
}
