/**
 * Training pipeline shared by `scripts/scoring/train.ts`, `eval.ts` and the weights test: featurise,
 * train each language's offensive and hate-given-offensive models, prune and quantise, and choose
 * the flag thresholds per account class on validation data with the pruned weights (exactly what
 * inference uses). Deterministic: same files in, byte-identical weights out.
 */
import { normalize } from "../normalize";
import { tokenize } from "../tokens";
import { DIM, DIM_BITS, MAX_N, MIN_N, extractFeatures } from "./features";
import { dense, type ClassThresholds, type LanguageModel, type ModelWeights, type TaskWeights } from "./pipeline-types";
import { logit, mulberry32, nbRatios, predict, shuffled, trainLogReg, type SparseDoc, type TrainOptions } from "./logreg";
import { chooseThresholds, HATE_MIN_PRECISION } from "./calibrate";
import { concatSets, rebalance, type Lang, type LabelledSet } from "./data";

export type { TaskWeights, ModelWeights };

export const SEED = 20201;
export type TaskParams = TrainOptions & {
  keep: number;
  /** NB smoothing (the pseudo-count added to each class's feature counts); 0 = plain LR */
  nb: number;
  /**
   * Least (weighted) number of training documents a feature must occur in to get a weight. A
   * word seen once or twice, always in an insult, otherwise learns a large weight from nothing
   * (التعديات, الحشرات, الالكترونية each occur in 1–2 tweets, all offensive) and flags neutral posts.
   */
  minDf: number;
  /** Multiplier of the short neutral fragments' weight for this task (default 1; see `shortNegatives`). */
  shortScale?: number;
};
export interface LangParams {
  offensive: TaskParams;
  /** The offensive task's word-only model (blended with `offensive`, see BLEND). */
  words: TaskParams;
  /** Weight of the word-only model in P(offensive), on the logit scale. */
  blend: number;
  /** Hate given offensive: trained on the offensive items only (hate vs plain insult). */
  hate: TaskParams;
}

/**
 * Weight of the word-only model in P(offensive), on the logit scale (Arabic; English has none).
 * Character n-grams read spelling variants and forms never seen; word unigrams and bigrams read
 * phrasing. Model-only AUC, held-out OSACT dev / MLMA ar (LODO): characters alone 0.939 / 0.721,
 * words alone 0.941 / 0.688, the even blend 0.951 / 0.724. Not tuned (README, "2026.12-4").
 */
export const BLEND = 0.5;

export const PARAMS: Record<Lang, LangParams> = {
  ar: {
    // nb 5 (was 1): a word seen in a handful of tweets, most of them insults (صغير 21 of 40,
    // التعديات 1 of 1, الدولة 5 of 8), kept a near-full NB ratio, and a few such ordinary words
    // added up to a flag on neutral announcements. A larger pseudo-count shrinks the ratio of what
    // few observations say (README, "2026.12-3").
    offensive: { dim: DIM, epochs: 10, lr: 0.3, l2: 1e-6, seed: SEED, posWeight: 2.5, keep: 80000, nb: 5, minDf: 3 },
    // Word-only model: every word counts (minDf 0: its bigrams are mostly rare; minDf 3 cost 0.007
    // model-only AUC on held-out OSACT dev), and the short neutral fragments at 0.35 of their weight
    // (held-out OSACT dev / MLMA ar AUC at full weight 0.949 / 0.721, at 0.35 0.951 / 0.724, without
    // them 0.952 / 0.728, but then 4 official posts flag).
    words: { dim: DIM, epochs: 10, lr: 0.3, l2: 1e-6, seed: SEED + 8, posWeight: 1, keep: 60000, nb: 0, minDf: 0, shortScale: 0.35 },
    hate: { dim: DIM, epochs: 15, lr: 0.1, l2: 1e-6, seed: SEED + 2, posWeight: 1.5, keep: 40000, nb: 0, minDf: 3 },
    blend: BLEND,
  },
  en: {
    offensive: { dim: DIM, epochs: 10, lr: 0.3, l2: 1e-6, seed: SEED + 4, posWeight: 1, keep: 60000, nb: 5, minDf: 3 },
    // No word-only model in English (blend 0, so none is trained): blended, it moved held-out MLMA
    // en by −0.02 and Davidson by +0.005, and reopened English hate flags (README, "2026.12-4").
    words: { dim: DIM, epochs: 10, lr: 0.3, l2: 1e-6, seed: SEED + 10, posWeight: 1, keep: 0, nb: 0, minDf: 3 },
    hate: { dim: DIM, epochs: 15, lr: 0.1, l2: 1e-6, seed: SEED + 6, posWeight: 1.5, keep: 40000, nb: 0, minDf: 3 },
    blend: 0,
  },
};

/**
 * Offensive share each training set is rebalanced to (OSACT train is 19 % offensive, MLMA ar 73 %,
 * Davidson 83 %, MLMA en 88 %). Without it a word typical of MLMA's topics (الدولة, أتباع,
 * الالكترونية) learns MLMA's base rate. 0.3 rather than OSACT's own 0.19: whole-scorer offensive
 * macro-F1 on OSACT dev (official class) 0.880, against 0.868 unbalanced and 0.868 at 0.2.
 */
export const SHARE = 0.3;

/**
 * What each language trains on (set name → weight multiplier; every set listed trains the final
 * model) and which of those sets choose the thresholds, through out-of-fold predictions
 * (`CV_FOLDS`-fold cross-validation: each fold scored by a model trained without it). MLMA is noisy
 * and labels "offensive" far more broadly than OSACT or Davidson (73–88 % of its tweets), so it
 * trains at half weight and is not validated on in Arabic; its items where annotators disagreed
 * are halved again (see data.ts).
 */
export interface DataPlan {
  train: [string, number][];
  /**
   * Training sets whose out-of-fold predictions choose the thresholds. When none of them is
   * available (a leave-one-dataset-out run left them out), every remaining training set is.
   */
  validate: string[];
  /**
   * Positive shares the thresholds are chosen for (validation negatives reweighted to them). The
   * English sets are 84 % offensive and 10 % hate, nothing like live posts; their thresholds are
   * chosen as if they had OSACT's shares (20 %, 5 %). Arabic validates on OSACT itself, whose
   * shares these are (a near no-op), and keeps them when a LODO run leaves OSACT out.
   */
  prevalence: { offensive: number; hate: number };
  /**
   * Offensive share every training set is rebalanced to before they are joined (`rebalance`), or
   * null to join them as they are.
   */
  share?: number | null;
}
export const DATA: Record<Lang, DataPlan> = {
  ar: { train: [["osact-train", 1], ["osact-dev", 1], ["mlma-ar", 0.5]], validate: ["osact-train", "osact-dev"], prevalence: { offensive: 0.2, hate: 0.05 }, share: SHARE },
  en: { train: [["davidson", 1], ["mlma-en", 0.5]], validate: ["davidson", "mlma-en"], prevalence: { offensive: 0.2, hate: 0.05 }, share: SHARE },
};
/** Folds of the cross-validation that chooses the thresholds. */
export const CV_FOLDS = 5;
/** Weight of the short neutral fragments (see `shortNegatives`). */
const SHORT_WEIGHT = 0.5;

/** A document's features: all of them, and its word features alone (for the word-only model). */
export type Doc = SparseDoc & { words: SparseDoc };

export function featurize(text: string): Doc {
  const norm = normalize(text);
  const fb = extractFeatures(norm.text, tokenize(norm.text));
  const idx = fb.idx.slice(0, fb.count);
  const widx = fb.wordIdx.slice(0, fb.wordCount);
  return {
    idx,
    scale: fb.count > 0 ? 1 / Math.sqrt(fb.count) : 0,
    words: { idx: widx, scale: fb.wordCount > 0 ? 1 / Math.sqrt(fb.wordCount) : 0 },
  };
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

/** A fold for every item of a set, stratified by its offensive and hate labels. */
export function setFolds(s: LabelledSet, k: number, seed: number): Int32Array {
  return stratifiedFolds(Uint8Array.from(s.off, (o, i) => o + s.hs[i]), k, seed);
}

/**
 * Sets of these lengths, joined in order, split by fold `k`: each set's own ids outside the fold
 * (`keep[j]`), and the joined ids inside it (`held`).
 */
export function foldSplit(lengths: readonly number[], folds: Int32Array, k: number): { keep: number[][]; held: number[] } {
  const keep: number[][] = [];
  const held: number[] = [];
  let at = 0;
  for (const n of lengths) {
    const ids: number[] = [];
    for (let i = 0; i < n; i++) {
      if (folds[at + i] === k) held.push(at + i);
      else ids.push(i);
    }
    keep.push(ids);
    at += n;
  }
  return { keep, held };
}

/** Items of `s` at `ids`, as a set of its own. */
export function pick(s: LabelledSet, ids: ArrayLike<number>, name = s.name): LabelledSet {
  const a = Array.from(ids);
  return {
    name,
    lang: s.lang,
    texts: a.map((i) => s.texts[i]),
    off: Uint8Array.from(a, (i) => s.off[i]),
    hs: Uint8Array.from(a, (i) => s.hs[i]),
    weight: Float32Array.from(a, (i) => s.weight[i]),
  };
}

/** Keep the `keep` largest weights, quantised to 1/1000. */
export function prune(w: Float64Array, bias: number, keep: number): TaskWeights {
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
  return { bias: Math.round(bias * 1e6) / 1e6, idx, w: q };
}

/** The documents with only the features that occur in at least `minDf` (weighted) documents; scale unchanged. */
export function dropRareFeatures(docs: SparseDoc[], sw: Float32Array, dim: number, minDf: number): SparseDoc[] {
  if (minDf <= 0) return docs;
  const df = new Float64Array(dim);
  const seen = new Int32Array(dim).fill(-1);
  docs.forEach((d, k) => {
    for (const i of d.idx) {
      if (seen[i] === k) continue;
      seen[i] = k;
      df[i] += sw[k];
    }
  });
  return docs.map((d) => ({ idx: d.idx.filter((i) => df[i] >= minDf), scale: d.scale }));
}

function fitTask(all: SparseDoc[], y: Uint8Array, sw: Float32Array, p: TaskParams): TaskWeights {
  const docs = dropRareFeatures(all, sw, p.dim, p.minDf);
  const fs = p.nb > 0 ? nbRatios(docs, y, p.dim, p.nb, sw) : undefined;
  const m = trainLogReg(docs, y, p, sw, fs);
  return prune(m.w, m.bias, p.keep);
}

const NO_WEIGHTS: TaskWeights = { bias: 0, idx: [], w: [] };

export interface TrainedPair {
  offensive: TaskWeights;
  offensiveWords: TaskWeights;
  blend: number;
  hate: TaskWeights;
}

/**
 * Train the offensive models on everything and the hate model on the offensive items only.
 * `shortFrom`: index of the first short neutral fragment in `set` (see `shortNegatives`).
 */
export function trainPair(set: LabelledSet, docs: Doc[], p: LangParams, shortFrom = set.texts.length): TrainedPair {
  const offensive = fitTask(docs, set.off, set.weight, p.offensive);
  const sk = p.words.shortScale ?? 1;
  const ww = shortFrom < set.texts.length && sk !== 1 ? Float32Array.from(set.weight, (w, i) => (i >= shortFrom ? w * sk : w)) : set.weight;
  // A language without the blend (English) trains no word-only model: it would weigh nothing.
  const offensiveWords = p.blend === 0 ? NO_WEIGHTS : fitTask(docs.map((d) => d.words), set.off, ww, p.words);
  const ids: number[] = [];
  for (let i = 0; i < docs.length; i++) if (set.off[i] === 1 && set.weight[i] > 0) ids.push(i);
  const hate = fitTask(
    ids.map((i) => docs[i]),
    Uint8Array.from(ids, (i) => set.hs[i]),
    Float32Array.from(ids, (i) => set.weight[i]),
    p.hate,
  );
  return { offensive, offensiveWords, blend: p.blend, hate };
}

/** Dense models of a trained pair, for prediction in training and evaluation. */
export class PairPredictor {
  private readonly off: { w: Float32Array; bias: number };
  private readonly offWords: { w: Float32Array; bias: number };
  private readonly blend: number;
  private readonly hs: { w: Float32Array; bias: number };
  constructor(pair: TrainedPair) {
    this.off = { w: dense(pair.offensive, DIM), bias: pair.offensive.bias };
    this.offWords = { w: dense(pair.offensiveWords, DIM), bias: pair.offensiveWords.bias };
    this.blend = pair.blend;
    this.hs = { w: dense(pair.hate, DIM), bias: pair.hate.bias };
  }
  /** P(offensive) (the blend of both offensive models) and P(hate) = P(offensive) × P(hate | offensive). */
  predict(d: Doc): { pOff: number; pHs: number } {
    const z = (1 - this.blend) * logit(this.off, d) + this.blend * logit(this.offWords, d.words);
    const pOff = 1 / (1 + Math.exp(-z));
    return { pOff, pHs: pOff * predict(this.hs, d) };
  }
  predictAll(docs: Doc[]): { pOff: Float64Array; pHs: Float64Array } {
    const pOff = new Float64Array(docs.length);
    const pHs = new Float64Array(docs.length);
    docs.forEach((d, i) => {
      const r = this.predict(d);
      pOff[i] = r.pOff;
      pHs[i] = r.pHs;
    });
    return { pOff, pHs };
  }
}

/** One training set of a language: its items, weight multiplier and whether it validates. */
export interface PlanPart {
  set: LabelledSet;
  scale: number;
  validates: boolean;
}

export interface LanguagePlan {
  lang: Lang;
  prevalence: DataPlan["prevalence"];
  share: number | null;
  parts: PlanPart[];
  trainedOn: string[];
  validatedOn: string;
}

/** The training sets of a language and which of them validate, from the named sets (DATA says which). */
export function planLanguage(lang: Lang, sets: Record<string, LabelledSet>, data: DataPlan = DATA[lang]): LanguagePlan {
  const present = data.train.filter(([name]) => sets[name] !== undefined);
  if (present.length === 0) throw new Error(`no training set for ${lang}: need one of ${data.train.map(([n]) => n).join(", ")}`);
  const anyValidates = present.some(([name]) => data.validate.includes(name));
  const parts = present.map(([name, scale]) => ({ set: sets[name], scale, validates: !anyValidates || data.validate.includes(name) }));
  const validating = parts.filter((x) => x.validates).map((x) => x.set.name);
  return {
    lang,
    prevalence: data.prevalence,
    share: data.share ?? null,
    parts,
    trainedOn: present.map(([name, k]) => `${name}×${k}`),
    validatedOn: `${validating.join("+")} (${CV_FOLDS}-fold out-of-fold)`,
  };
}

/**
 * Short neutral fragments: for each not-offensive item of three words or more, one window of one
 * to three of its words, as a not-offensive item. The training tweets are long, live posts and
 * bios are often short, and without these a few ordinary words (or a masked insult word's
 * neighbours) fall near the threshold on the model's bias alone.
 */
export function shortNegatives(s: LabelledSet, seed: number, weight: number): LabelledSet {
  const rand = mulberry32(seed);
  const texts: string[] = [];
  for (let i = 0; i < s.texts.length; i++) {
    if (s.off[i] !== 0 || s.weight[i] === 0) continue;
    const words = s.texts[i].split(/\s+/).filter((w) => w !== "");
    if (words.length < 3) continue;
    const len = 1 + Math.floor(rand() * 3);
    const at = Math.floor(rand() * (words.length - len + 1));
    texts.push(words.slice(at, at + len).join(" "));
  }
  const n = texts.length;
  return { name: `${s.name} short`, lang: s.lang, texts, off: new Uint8Array(n), hs: new Uint8Array(n), weight: new Float32Array(n).fill(weight) };
}

/** Train a pair on the given parts (each rebalanced, joined, plus its short neutral fragments). */
function trainParts(parts: { set: LabelledSet; docs: Doc[]; scale: number }[], share: number | null, p: LangParams): TrainedPair {
  const sets = parts.map((x) => (share === null ? x.set : rebalance(x.set, share)));
  const train = concatSets(sets[0].name, sets, parts.map((x) => x.scale));
  const short = shortNegatives(train, SEED + 9, SHORT_WEIGHT);
  const all = concatSets(train.name, [train, short]);
  const docs = [...parts.flatMap((x) => x.docs), ...short.texts.map(featurize)];
  return trainPair(all, docs, p, train.texts.length);
}

/** Out-of-fold predictions on the validating parts: what the thresholds are chosen on. */
export interface Validation {
  set: LabelledSet;
  pOff: Float64Array;
  pHs: Float64Array;
}

/**
 * Train a language: the out-of-fold predictions of `CV_FOLDS` models, each trained without one
 * fold of the validating sets, choose the thresholds; the final model trains on everything.
 */
export function fitLanguage(plan: LanguagePlan, p: LangParams = PARAMS[plan.lang]): { model: LanguageModel; validation: Validation } {
  const docs = plan.parts.map((x) => x.set.texts.map(featurize));
  const vParts = plan.parts.filter((x) => x.validates);
  const vSet = concatSets(vParts.map((x) => x.set.name).join("+"), vParts.map((x) => x.set));
  const vDocs = plan.parts.flatMap((x, j) => (x.validates ? docs[j] : []));
  const folds = setFolds(vSet, CV_FOLDS, SEED + 300);
  const pOff = new Float64Array(vSet.texts.length);
  const pHs = new Float64Array(vSet.texts.length);
  for (let k = 0; k < CV_FOLDS; k++) {
    const { keep, held } = foldSplit(vParts.map((x) => x.set.texts.length), folds, k);
    let v = 0;
    const parts = plan.parts.map((x, j) => {
      if (!x.validates) return { set: x.set, docs: docs[j], scale: x.scale };
      const ids = keep[v++];
      return { set: pick(x.set, ids), docs: ids.map((i) => docs[j][i]), scale: x.scale };
    });
    const pr = new PairPredictor(trainParts(parts, plan.share, p));
    for (const g of held) {
      const r = pr.predict(vDocs[g]);
      pOff[g] = r.pOff;
      pHs[g] = r.pHs;
    }
  }
  const pair = trainParts(plan.parts.map((x, j) => ({ set: x.set, docs: docs[j], scale: x.scale })), plan.share, p);
  const thresholds: { offensive: ClassThresholds; hate: ClassThresholds } = {
    offensive: chooseThresholds(vSet.off, pOff, plan.prevalence.offensive),
    hate: chooseThresholds(vSet.hs, pHs, plan.prevalence.hate, 0, HATE_MIN_PRECISION),
  };
  return {
    model: {
      trainedOn: plan.trainedOn,
      validatedOn: plan.validatedOn,
      offensive: pair.offensive,
      offensiveWords: pair.offensiveWords,
      blend: pair.blend,
      hate: pair.hate,
      thresholds,
    },
    validation: { set: vSet, pOff, pHs },
  };
}

export function trainLanguage(plan: LanguagePlan, p: LangParams = PARAMS[plan.lang]): LanguageModel {
  return fitLanguage(plan, p).model;
}

/** Train both languages from the named sets (`osact-train`, `osact-dev`, `mlma-ar`, `mlma-en`, `davidson`). */
export function trainModel(sets: Record<string, LabelledSet>): ModelWeights {
  const params: Record<string, TaskParams> = {};
  for (const lang of ["ar", "en"] as const) {
    params[`${lang}.offensive`] = PARAMS[lang].offensive;
    params[`${lang}.words`] = PARAMS[lang].words;
    params[`${lang}.hate`] = PARAMS[lang].hate;
  }
  return {
    format: 4,
    dimBits: DIM_BITS,
    ngrams: [MIN_N, MAX_N],
    params,
    models: { ar: trainLanguage(planLanguage("ar", sets)), en: trainLanguage(planLanguage("en", sets)) },
  };
}
