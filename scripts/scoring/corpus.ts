/** Reads the labelled data sets from disk for the scoring scripts and tests (core/ does no I/O). */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { neutralProse, parseSet, type Lang, type LabelledSet, type SetFormat } from "../../core/scoring/model/data";
import { NEUTRAL_TEMPLATES } from "../../connectors/sandbox/texts";

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

/**
 * Official-register prose the scorer trains on as not-offensive items (never a test suite): the
 * CSB's Arabic text on social-media conduct (the reference folder beside the data folder, env
 * SCORER_REFERENCE) and the sandbox's neutral post templates.
 */
export const PROSE_FILE = "csb-social-media-meeting.ar.txt";
export function referenceDir(repoRoot: string): string {
  return process.env.SCORER_REFERENCE ?? resolve(dataDir(repoRoot), "../reference");
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
  const csb = resolve(referenceDir(repoRoot), PROSE_FILE);
  if (!existsSync(csb)) throw new Error(`training prose missing: ${csb} (set SCORER_REFERENCE to the reference folder)`);
  out["prose-ar"] = neutralProse("prose-ar", "ar", [readFileSync(csb, "utf8"), ...NEUTRAL_TEMPLATES.ar]);
  out["prose-en"] = neutralProse("prose-en", "en", NEUTRAL_TEMPLATES.en);
  return out;
}
