/** Weight file format and its expansion (shared by training and inference; no I/O here). */
import type { TrainOptions } from "./logreg";

export interface TaskWeights {
  bias: number;
  threshold: number;
  /** Delta-encoded feature indices (ascending). */
  idx: number[];
  /** Weights × 1000, rounded. */
  w: number[];
}

export interface ModelWeights {
  /** 2: `tasks.hate` is P(hate | offensive); the hate probability is P(offensive) × that. */
  format: 2;
  dimBits: number;
  ngrams: [number, number];
  trainedOn: string;
  params: Record<string, TrainOptions & { keep: number }>;
  tasks: { offensive: TaskWeights; hate: TaskWeights };
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
