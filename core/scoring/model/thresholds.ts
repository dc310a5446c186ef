/**
 * Flag thresholds of the classifiers, per language, task and account class. They were chosen on
 * validation data when the weights were trained (`calibrate.ts` says how) and travel in the weight
 * file, so a retrained model always comes with its own thresholds.
 */
import * as classifier from "./classifier";
import type { Lang } from "./data";
import type { ModelClass } from "./pipeline-types";

// Read once (an imported name is a getter call per use under a CommonJS transform).
const { currentModels } = classifier;

export function flagThreshold(lang: Lang, task: "offensive" | "hate", accountClass: ModelClass): number {
  return currentModels()[lang].thresholds[task][accountClass];
}

/** A probability at or above its threshold, rescaled so the threshold reads as 0.5 and 1 as 1. */
export function flagScore(p: number, threshold: number): number {
  return 0.5 + (0.5 * (p - threshold)) / (1 - threshold);
}
