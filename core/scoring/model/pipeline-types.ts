/** Weight file format and its expansion (shared by training and inference; no I/O here). */
import type { TrainOptions } from "./logreg";

export interface TaskWeights {
  bias: number;
  /** Delta-encoded feature indices (ascending). */
  idx: number[];
  /** Weights × 1000, rounded. */
  w: number[];
}

export type ModelClass = "official" | "executive" | "employee";
/** Flag threshold per account class, for one task of one language. */
export type ClassThresholds = Record<ModelClass, number>;

/** One language's pair of models and their flag thresholds. */
export interface LanguageModel {
  /** Sources and weights it was trained on, and the validation set its thresholds come from. */
  trainedOn: string[];
  validatedOn: string;
  offensive: TaskWeights;
  /** The offensive task's word-only model (word unigrams and bigrams, no character n-grams). */
  offensiveWords: TaskWeights;
  /** P(offensive) = σ((1 − blend)·z(offensive) + blend·z(offensiveWords)). */
  blend: number;
  /** P(hate | offensive); the hate probability is P(offensive) × that. */
  hate: TaskWeights;
  thresholds: { offensive: ClassThresholds; hate: ClassThresholds };
}

export interface ModelWeights {
  /**
   * 4: per language (ar, en) an offensive model over character n-grams and words blended with a
   * word-only one, a hate-given-offensive model, thresholds per task and account class.
   */
  format: 4;
  dimBits: number;
  ngrams: [number, number];
  params: Record<string, TrainOptions & { keep: number; nb: number }>;
  models: { ar: LanguageModel; en: LanguageModel };
}

export function dense(t: TaskWeights, dim: number): Float32Array {
  const w = new Float32Array(dim);
  let i = 0;
  for (let k = 0; k < t.idx.length; k++) {
    i += t.idx[k];
    w[i] = t.w[k] / 1000;
  }
  return w;
}
