/**
 * Held-out estimates. Leave-one-dataset-out: retrain the held-out source's language without that
 * source (same pipeline, same data weights, thresholds from the out-of-fold predictions of what
 * remains) and test on it — the honest estimate for data from elsewhere. Cross-validation within a
 * source: the same, leaving out one fold of it at a time — the estimate for new data from the same
 * source (the OffensEval-2020 test split is drawn like OSACT train and dev).
 */
import { concatSets, type Lang, type LabelledSet } from "./data";
import { DATA, foldSplit, pick, planLanguage, SEED, setFolds, trainLanguage } from "./pipeline";
import type { LanguageModel } from "./pipeline-types";

/** Each source (the unit left out) and the sets it is made of. */
export const SOURCES: { name: string; lang: Lang; sets: string[] }[] = [
  { name: "osact", lang: "ar", sets: ["osact-train", "osact-dev"] },
  { name: "osact-dev", lang: "ar", sets: ["osact-dev"] },
  { name: "mlma-ar", lang: "ar", sets: ["mlma-ar"] },
  { name: "mlma-en", lang: "en", sets: ["mlma-en"] },
  { name: "davidson", lang: "en", sets: ["davidson"] },
];

export interface HeldOut {
  source: string;
  lang: Lang;
  /** The language's model trained without the held-out items. */
  model: LanguageModel;
  test: LabelledSet;
}

export function leaveOut(sets: Record<string, LabelledSet>, source: (typeof SOURCES)[number]): HeldOut {
  const rest: Record<string, LabelledSet> = {};
  for (const [name, s] of Object.entries(sets)) if (!source.sets.includes(name)) rest[name] = s;
  const d = DATA[source.lang];
  const data = { ...d, train: d.train.filter(([n]) => !source.sets.includes(n)), validate: d.validate.filter((n) => !source.sets.includes(n)) };
  const model = trainLanguage(planLanguage(source.lang, rest, data));
  return { source: source.name, lang: source.lang, model, test: concatSets(source.name, source.sets.map((n) => sets[n])) };
}

/**
 * `k`-fold cross-validation over a source: for each fold, the language retrained (thresholds
 * included) without that fold's items, and the fold as the test set. Folds are stratified over
 * the source's sets joined, with a seed of their own.
 */
export function* crossValidate(sets: Record<string, LabelledSet>, source: (typeof SOURCES)[number], k: number): Generator<HeldOut> {
  const joined = concatSets(source.name, source.sets.map((n) => sets[n]));
  const folds = setFolds(joined, k, SEED + 500);
  for (let f = 0; f < k; f++) {
    const { keep, held } = foldSplit(source.sets.map((n) => sets[n].texts.length), folds, f);
    const rest: Record<string, LabelledSet> = { ...sets };
    source.sets.forEach((n, j) => (rest[n] = pick(sets[n], keep[j])));
    yield { source: `${source.name} fold ${f + 1}/${k}`, lang: source.lang, model: trainLanguage(planLanguage(source.lang, rest)), test: pick(joined, held) };
  }
}
