/**
 * Training pipeline shared by `scripts/scoring/train.ts`, `eval.ts` and the weights test: parse OSACT, featurise,
 * train both tasks, choose each threshold on a held-out part of the training data only, prune
 * and quantise. Deterministic: same file in, byte-identical weights out.
 */
import { normalize } from "../normalize";
import { tokenize } from "../tokens";
import { DIM, DIM_BITS, MAX_N, MIN_N, extractFeatures } from "./features";
import { dense, type ModelWeights, type TaskWeights } from "./pipeline-types";
import { bestThreshold, mulberry32, predict, shuffled, trainLogReg, type SparseDoc, type TrainOptions } from "./logreg";

export interface Corpus {
  texts: string[];
  off: Uint8Array;
  hs: Uint8Array;
}

export type { TaskWeights, ModelWeights };

export const SEED = 20201;
export const PARAMS: { offensive: TrainOptions & { keep: number }; hate: TrainOptions & { keep: number } } = {
  offensive: { dim: DIM, epochs: 6, lr: 0.1, l2: 1e-6, seed: SEED, posWeight: 2.5, keep: 60000 },
  /**
   * Hate given offensive: trained on the offensive tweets only (hate vs plain insult), so it learns
   * what makes an insult hateful (aimed at a group, origin, sect) rather than re-learning what makes
   * a tweet offensive. P(hate) = P(offensive) × P(hate | offensive).
   */
  hate: { dim: DIM, epochs: 15, lr: 0.1, l2: 1e-6, seed: SEED + 2, posWeight: 1.5, keep: 40000 },
};

/** OSACT's TSV (`text \t OFF|NOT_OFF \t HS|NOT_HS`); `name` labels errors. */
export function parseCorpus(tsv: string, name: string): Corpus {
  const texts: string[] = [];
  const off: number[] = [];
  const hs: number[] = [];
  for (const line of tsv.split("\n")) {
    if (!line.trim()) continue;
    const parts = line.split("\t");
    if (parts.length < 3) throw new Error(`${name}: expected 3 tab-separated fields, got ${parts.length}`);
    texts.push(parts[0]);
    off.push(parts[1].trim() === "OFF" ? 1 : 0);
    hs.push(parts[2].trim() === "HS" ? 1 : 0);
  }
  return { texts, off: Uint8Array.from(off), hs: Uint8Array.from(hs) };
}

/** Undo OSACT's placeholders so training text looks like live text. */
export function cleanOsact(t: string): string {
  return t.replace(/<LF>/g, "\n").replace(/^RT /, "").replace(/@USER:?/g, " ").replace(/\bURL\b/g, " ");
}

export function featurize(text: string): SparseDoc {
  const norm = normalize(text);
  const fb = extractFeatures(norm.text, tokenize(norm.text));
  const idx = fb.idx.slice(0, fb.count);
  return { idx, scale: fb.count > 0 ? 1 / Math.sqrt(fb.count) : 0 };
}

export function featurizeCorpus(c: Corpus): SparseDoc[] {
  return c.texts.map((t) => featurize(cleanOsact(t)));
}

function subset<T>(a: T[], ids: ArrayLike<number>): T[] {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i++) out.push(a[ids[i]]);
  return out;
}
function subsetY(y: Uint8Array, ids: ArrayLike<number>): Uint8Array {
  const out = new Uint8Array(ids.length);
  for (let i = 0; i < ids.length; i++) out[i] = y[ids[i]];
  return out;
}

/** Stratified k-fold assignment (fold id per item) with a fixed seed. */
export function stratifiedFolds(strata: ArrayLike<number>, k: number, seed: number): Int32Array {
  const fold = new Int32Array(strata.length);
  const rand = mulberry32(seed);
  const order = shuffled(strata.length, rand);
  const counters = new Map<number, number>();
  for (let j = 0; j < order.length; j++) {
    const i = order[j];
    const c = counters.get(strata[i]) ?? 0;
    fold[i] = c % k;
    counters.set(strata[i], c + 1);
  }
  return fold;
}

/** Keep the `keep` largest weights, quantised to 1/1000. */
export function prune(w: Float64Array, bias: number, keep: number, threshold: number): TaskWeights {
  const order = Array.from(w.keys()).filter((i) => Math.round(w[i] * 1000) !== 0);
  order.sort((a, b) => Math.abs(w[b]) - Math.abs(w[a]) || a - b);
  const kept = order.slice(0, keep).sort((a, b) => a - b);
  const idx: number[] = [];
  const q: number[] = [];
  let prev = 0;
  for (const i of kept) {
    idx.push(i - prev);
    prev = i;
    q.push(Math.round(w[i] * 1000));
  }
  return { bias: Math.round(bias * 1e6) / 1e6, threshold, idx, w: q };
}

function fitPruned(docs: SparseDoc[], y: Uint8Array, p: TrainOptions & { keep: number }, threshold: number): TaskWeights {
  const m = trainLogReg(docs, y, p);
  return prune(m.w, m.bias, p.keep, threshold);
}

function model(t: TaskWeights, dim: number): { w: Float32Array; bias: number } {
  return { w: dense(t, dim), bias: t.bias };
}

/** Train one task on `docs`: threshold from an inner 80/20 split, then refit on everything. */
export function trainTask(docs: SparseDoc[], y: Uint8Array, p: TrainOptions & { keep: number }): TaskWeights {
  const { fit, hold } = innerSplit(y, p.seed + 7);
  const w1 = model(fitPruned(subset(docs, fit), subsetY(y, fit), p, 0.5), p.dim);
  const ph = new Float64Array(hold.length);
  for (let k = 0; k < hold.length; k++) ph[k] = predict(w1, docs[hold[k]]);
  const threshold = bestThreshold(subsetY(y, hold), ph);
  return fitPruned(docs, y, p, threshold);
}

function innerSplit(y: Uint8Array, seed: number): { fit: number[]; hold: number[] } {
  const inner = stratifiedFolds(y, 5, seed);
  const fit: number[] = [];
  const hold: number[] = [];
  for (let i = 0; i < y.length; i++) (inner[i] === 0 ? hold : fit).push(i);
  return { fit, hold };
}

function positives(y: Uint8Array, ids: ArrayLike<number>): number[] {
  const out: number[] = [];
  for (let k = 0; k < ids.length; k++) if (y[ids[k]] === 1) out.push(ids[k]);
  return out;
}

/** P(hate) = P(offensive) × P(hate | offensive); both models as dense weights. */
export function predictHate(off: { w: ArrayLike<number>; bias: number }, hate: { w: ArrayLike<number>; bias: number }, d: SparseDoc): number {
  return predict(off, d) * predict(hate, d);
}

/**
 * Train the hate-given-offensive model on the offensive tweets of `docs`. Its threshold applies to
 * P(offensive) × P(hate | offensive) and is chosen on an inner 80/20 split (both models refitted
 * on the 80%), then the model is refitted on all offensive tweets.
 */
export function trainHate(docs: SparseDoc[], off: Uint8Array, hs: Uint8Array, pOff: TrainOptions & { keep: number }, p: TrainOptions & { keep: number }): TaskWeights {
  const { fit, hold } = innerSplit(hs, p.seed + 6);
  const offFit = model(fitPruned(subset(docs, fit), subsetY(off, fit), pOff, 0.5), p.dim);
  const fitOff = positives(off, fit);
  const hsFit = model(fitPruned(subset(docs, fitOff), subsetY(hs, fitOff), p, 0.5), p.dim);
  const ph = new Float64Array(hold.length);
  for (let k = 0; k < hold.length; k++) ph[k] = predictHate(offFit, hsFit, docs[hold[k]]);
  const threshold = bestThreshold(subsetY(hs, hold), ph);
  const all = positives(off, Array.from(off.keys()));
  return fitPruned(subset(docs, all), subsetY(hs, all), p, threshold);
}

export function trainModel(c: Corpus, docs: SparseDoc[] = featurizeCorpus(c), trainedOn = "osact2020/train.tsv"): ModelWeights {
  return {
    format: 2,
    dimBits: DIM_BITS,
    ngrams: [MIN_N, MAX_N],
    trainedOn,
    params: { offensive: PARAMS.offensive, hate: PARAMS.hate },
    tasks: {
      offensive: trainTask(docs, c.off, PARAMS.offensive),
      hate: trainHate(docs, c.off, c.hs, PARAMS.offensive, PARAMS.hate),
    },
  };
}

