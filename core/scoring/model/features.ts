/**
 * Hashed features shared by training and inference: character n-grams (2–5) inside word
 * boundaries plus word unigrams and bigrams, over normalised tokens (the offensive task also has a
 * word-only model over the unigrams and bigrams alone). Each feature remembers the
 * token it came from, so a prediction can be explained by the words that drove it.
 */
import type { Tokens } from "../tokens";

export const DIM_BITS = 20;
export const DIM = 1 << DIM_BITS;
const MASK = DIM - 1;
export const MIN_N = 2;
export const MAX_N = 5;

const FNV = 0x811c9dc5;
const PRIME = 16777619;
const BOUND_L = 0x02;
const BOUND_R = 0x03;
const WORD_SEED = 0x9e3779b9;
const BIGRAM_SEED = 0x85ebca6b;

export interface FeatureBuffer {
  count: number;
  idx: Int32Array;
  /** Token index each feature came from (a bigram is credited to its second word). */
  owner: Int32Array;
  /** The word features alone (unigrams and bigrams, a subset of `idx`): the word model reads these. */
  wordCount: number;
  wordIdx: Int32Array;
  wordOwner: Int32Array;
}

let cap = 0;
const fb: FeatureBuffer = { count: 0, idx: new Int32Array(0), owner: new Int32Array(0), wordCount: 0, wordIdx: new Int32Array(0), wordOwner: new Int32Array(0) };

function ensure(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 4096);
  fb.idx = new Int32Array(cap);
  fb.owner = new Int32Array(cap);
  fb.wordIdx = new Int32Array(cap);
  fb.wordOwner = new Int32Array(cap);
}

function hashRange(seed: number, text: string, s: number, e: number): number {
  let h = seed;
  for (let i = s; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), PRIME);
  return h;
}

/** Hash of a word (feeds its unigram and the bigrams it is part of). */
export function wordHash(text: string, s: number, e: number): number {
  return hashRange(WORD_SEED, text, s, e);
}

/** Most features one word [s, e) can produce (char n-grams and its unigram). */
export function maxWordFeatures(len: number): number {
  return (len + 2) * (MAX_N - MIN_N + 1) + 1;
}

/**
 * The features of one word [s, e) of `text`: its char n-grams inside word boundaries, then its
 * unigram (from `w = wordHash(...)`), written to `idx` from `n`. Returns the new count.
 */
export function wordFeatures(text: string, s: number, e: number, w: number, idx: Int32Array, n: number): number {
  const len = e - s + 2;
  // Rolling FNV over the bounded word: every n-gram of length MIN_N..MAX_N starting at p.
  for (let p = 0; p < len - 1; p++) {
    let h = FNV;
    const lim = Math.min(len, p + MAX_N);
    for (let q = p; q < lim; q++) {
      const c = q === 0 ? BOUND_L : q === len - 1 ? BOUND_R : text.charCodeAt(s + q - 1);
      h = Math.imul(h ^ c, PRIME);
      if (q - p + 1 >= MIN_N) idx[n++] = (h ^ (h >>> 15)) & MASK;
    }
  }
  idx[n++] = (w ^ (w >>> 13)) & MASK;
  return n;
}

/** The bigram feature of two consecutive words, from their word hashes. */
export function bigramFeature(prev: number, w: number): number {
  const b = Math.imul(prev ^ BIGRAM_SEED, PRIME) ^ w;
  return (b ^ (b >>> 16)) & MASK;
}

/** Does a token start with a digit? Numbers carry no tone; they also break bigrams. */
export function isNumberToken(text: string, s: number): boolean {
  const c0 = text.charCodeAt(s);
  return c0 >= 0x30 && c0 <= 0x39;
}

/** Extract features into a reused buffer (valid until the next call). */
export function extractFeatures(text: string, tk: Tokens): FeatureBuffer {
  let need = 0;
  for (let t = 0; t < tk.count; t++) need += maxWordFeatures(tk.end[t] - tk.start[t]) + 1;
  ensure(need + 8);
  const idx = fb.idx;
  const owner = fb.owner;
  const wIdx = fb.wordIdx;
  const wOwner = fb.wordOwner;
  let n = 0;
  let nw = 0;
  let prevWord = 0;
  let havePrev = false;
  for (let t = 0; t < tk.count; t++) {
    const s = tk.start[t];
    const e = tk.end[t];
    if (isNumberToken(text, s)) {
      havePrev = false;
      continue;
    }
    const w = wordHash(text, s, e);
    const from = n;
    n = wordFeatures(text, s, e, w, idx, n);
    wIdx[nw] = idx[n - 1]; // the unigram is the last feature of a word
    wOwner[nw++] = t;
    if (havePrev) {
      const b = bigramFeature(prevWord, w);
      idx[n++] = b;
      wIdx[nw] = b;
      wOwner[nw++] = t;
    }
    owner.fill(t, from, n);
    prevWord = w;
    havePrev = true;
  }
  fb.count = n;
  fb.wordCount = nw;
  return fb;
}
