/**
 * Leave-one-dataset-out: retrain the held-out source's language without that source (same
 * pipeline, same data weights, thresholds from whatever validation data remains) and test on it.
 * The honest estimate for data the scorer has never seen.
 */
import { concatSets, type Lang, type LabelledSet } from "./data";
import { DATA, planLanguage, trainLanguage } from "./pipeline";
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
  /** The language's model trained without the source. */
  model: LanguageModel;
  test: LabelledSet;
}

export function leaveOut(sets: Record<string, LabelledSet>, source: (typeof SOURCES)[number]): HeldOut {
  const rest: Record<string, LabelledSet> = {};
  for (const [name, s] of Object.entries(sets)) if (!source.sets.includes(name)) rest[name] = s;
  const d = DATA[source.lang];
  const data = {
    train: d.train.filter(([n]) => !source.sets.includes(n)),
    validate: d.validate !== null && !source.sets.includes(d.validate) ? d.validate : null,
    prevalence: d.prevalence,
    share: d.share,
  };
  const model = trainLanguage(planLanguage(source.lang, rest, data));
  return { source: source.name, lang: source.lang, model, test: concatSets(source.name, source.sets.map((n) => sets[n])) };
}
