/**
 * Deterministic class-weighted logistic regression on hashed sparse features (SGD with AdaGrad,
 * fixed seeded order). Used only by training; inference reads the pruned weights.
 */

export interface SparseDoc {
  idx: Int32Array;
  /** Per-feature value (1/sqrt(n) for a document with n features). */
  scale: number;
}

export interface TrainOptions {
  dim: number;
  epochs: number;
  lr: number;
  l2: number;
  seed: number;
  /** Weight of the positive class relative to the negative class. */
  posWeight: number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled(n: number, rand: () => number): Int32Array {
  const a = new Int32Array(n);
  for (let i = 0; i < n; i++) a[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

export interface LinearModel {
  w: Float64Array;
  bias: number;
}

/**
 * Naive-Bayes log-count ratios (Wang & Manning 2012): r_j = log((p_j/|p|) / (q_j/|q|)) over
 * feature presence in positive (p) and negative (q) documents, smoothed by `alpha`. Training on
 * features scaled by r ("NB-LR") and folding r into the weights afterwards gives an ordinary
 * linear model, so inference is unchanged.
 */
export function nbRatios(docs: SparseDoc[], y: Uint8Array, dim: number, alpha: number, sw?: Float32Array): Float64Array {
  const p = new Float64Array(dim).fill(alpha);
  const q = new Float64Array(dim).fill(alpha);
  const seen = new Int32Array(dim).fill(-1);
  for (let k = 0; k < docs.length; k++) {
    const c = y[k] === 1 ? p : q;
    const wk = sw === undefined ? 1 : sw[k];
    const idx = docs[k].idx;
    for (let j = 0; j < idx.length; j++) {
      const i = idx[j];
      if (seen[i] === k) continue; // presence, not count
      seen[i] = k;
      c[i] += wk;
    }
  }
  let sp = 0;
  let sq = 0;
  for (let i = 0; i < dim; i++) {
    sp += p[i];
    sq += q[i];
  }
  const r = new Float64Array(dim);
  for (let i = 0; i < dim; i++) r[i] = Math.log(p[i] / sp) - Math.log(q[i] / sq);
  return r;
}

/**
 * `sw`: optional per-document weight (multiplies the class weight). `fs`: optional per-feature
 * scale (NB ratios); the returned weights already include it.
 */
export function trainLogReg(docs: SparseDoc[], y: Uint8Array, opts: TrainOptions, sw?: Float32Array, fs?: Float64Array): LinearModel {
  const w = new Float64Array(opts.dim);
  const g2 = new Float64Array(opts.dim);
  let bias = 0;
  let gb2 = 0;
  const rand = mulberry32(opts.seed);
  const eps = 1e-8;
  for (let ep = 0; ep < opts.epochs; ep++) {
    const order = shuffled(docs.length, rand);
    for (let k = 0; k < order.length; k++) {
      const d = docs[order[k]];
      const idx = d.idx;
      const s = d.scale;
      const wk = sw === undefined ? 1 : sw[order[k]];
      if (wk === 0) continue;
      let z = bias;
      if (fs === undefined) for (let j = 0; j < idx.length; j++) z += w[idx[j]] * s;
      else for (let j = 0; j < idx.length; j++) z += w[idx[j]] * fs[idx[j]] * s;
      const p = 1 / (1 + Math.exp(-z));
      const yk = y[order[k]];
      const g = (p - yk) * (yk === 1 ? opts.posWeight : 1) * wk;
      for (let j = 0; j < idx.length; j++) {
        const i = idx[j];
        const gi = g * s * (fs === undefined ? 1 : fs[i]) + opts.l2 * w[i];
        g2[i] += gi * gi;
        w[i] -= (opts.lr * gi) / Math.sqrt(g2[i] + eps);
      }
      gb2 += g * g;
      bias -= (opts.lr * g) / Math.sqrt(gb2 + eps);
    }
  }
  if (fs !== undefined) for (let i = 0; i < w.length; i++) w[i] *= fs[i];
  return { w, bias };
}

/** The model's log-odds for a document. */
export function logit(m: { w: ArrayLike<number>; bias: number }, d: SparseDoc): number {
  let z = m.bias;
  for (let j = 0; j < d.idx.length; j++) z += m.w[d.idx[j]] * d.scale;
  return z;
}

export function predict(m: { w: ArrayLike<number>; bias: number }, d: SparseDoc): number {
  return 1 / (1 + Math.exp(-logit(m, d)));
}

/** Macro-F1 of a binary prediction. */
export function macroF1(y: Uint8Array, pred: Uint8Array): number {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (let i = 0; i < y.length; i++) {
    if (pred[i] === 1) {
      if (y[i] === 1) tp++;
      else fp++;
    } else if (y[i] === 1) fn++;
    else tn++;
  }
  const f = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
  return (f(tp, fp, fn) + f(tn, fn, fp)) / 2;
}

/** The threshold (on a fixed grid) that maximises macro-F1 on held-out probabilities. */
export function bestThreshold(y: Uint8Array, p: Float64Array): number {
  let best = 0.5;
  let bestF = -1;
  const pred = new Uint8Array(y.length);
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const th = Math.round(t * 100) / 100;
    for (let i = 0; i < p.length; i++) pred[i] = p[i] >= th ? 1 : 0;
    const f = macroF1(y, pred);
    if (f > bestF) {
      bestF = f;
      best = th;
    }
  }
  return best;
}
