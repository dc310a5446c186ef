/**
 * Inference for the committed offensive / hate classifiers. Weights are imported as a JSON module
 * and expanded once into dense arrays; scoring a post is one pass over its hashed features.
 */
import weights from "./weights.json";
import { DIM, extractFeatures } from "./features";
import { dense, type ModelWeights } from "./pipeline-types";
import type { Tokens } from "../tokens";

const W = weights as unknown as ModelWeights;
if (W.dimBits !== Math.log2(DIM)) throw new Error("model weights were trained with a different feature size; run npm run train:scorer");
const offW = dense(W.tasks.offensive, DIM);
const hsW = dense(W.tasks.hate, DIM);
export const OFF_THRESHOLD = W.tasks.offensive.threshold;
export const HS_THRESHOLD = W.tasks.hate.threshold;
/**
 * Thresholds for flagging live posts. The model's thresholds maximise macro-F1 on OSACT, where a
 * fifth of tweets are offensive; government posts are mostly neutral and out of the training
 * domain, so a flag from the classifier alone needs a clearer probability.
 */
export const OFF_FLAG_THRESHOLD = Math.max(OFF_THRESHOLD, 0.8);
export const HS_FLAG_THRESHOLD = Math.max(HS_THRESHOLD, 0.8);

export interface ClassifierResult {
  pOff: number;
  pHs: number;
}

let lastIdx: Int32Array = new Int32Array(0);
let lastOwner: Int32Array = new Int32Array(0);
let lastCount = 0;
let lastScale = 0;

/**
 * Probabilities for both tasks. Tokens marked in `mask` (insult words used neutrally) are left
 * out, so "لا تترك كلبك في السيارة" is judged on its other words.
 */
export function classify(text: string, tk: Tokens, mask?: Uint8Array): ClassifierResult {
  const fb = extractFeatures(text, tk);
  let n = fb.count;
  if (mask) {
    let w = 0;
    for (let j = 0; j < n; j++) {
      if (mask[fb.owner[j]] === 1) continue;
      fb.idx[w] = fb.idx[j];
      fb.owner[w] = fb.owner[j];
      w++;
    }
    n = w;
  }
  lastIdx = fb.idx;
  lastOwner = fb.owner;
  lastCount = n;
  if (n === 0) {
    lastScale = 0;
    return { pOff: sigmoid(W.tasks.offensive.bias), pHs: sigmoid(W.tasks.hate.bias) };
  }
  const s = 1 / Math.sqrt(n);
  lastScale = s;
  let zo = 0;
  let zh = 0;
  const idx = fb.idx;
  for (let j = 0; j < n; j++) {
    const i = idx[j];
    zo += offW[i];
    zh += hsW[i];
  }
  return { pOff: sigmoid(W.tasks.offensive.bias + zo * s), pHs: sigmoid(W.tasks.hate.bias + zh * s) };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Explain the last `classify` call: tokens whose features pushed the task's score up the most.
 * Returns token indices, strongest first (at most `max`).
 */
export function explainLast(task: "offensive" | "hate", tokenCount: number, max = 3): number[] {
  if (lastCount === 0) return [];
  const w = task === "offensive" ? offW : hsW;
  const contrib = new Float64Array(tokenCount);
  for (let j = 0; j < lastCount; j++) contrib[lastOwner[j]] += w[lastIdx[j]] * lastScale;
  const order: number[] = [];
  for (let t = 0; t < tokenCount; t++) if (contrib[t] > 0) order.push(t);
  order.sort((a, b) => contrib[b] - contrib[a]);
  if (order.length === 0) return [];
  const top = contrib[order[0]];
  return order.filter((t) => contrib[t] >= top * 0.35).slice(0, max);
}
