/**
 * Inference for the committed offensive / hate classifiers, one pair per language (Arabic,
 * English). Weights are imported as a JSON module and expanded once into compact tables; scoring a
 * post is one pass over its hashed features.
 */
import weights from "./weights.json";
import * as features from "./features";
import type { LanguageModel, ModelWeights, TaskWeights } from "./pipeline-types";
import type { Lang } from "./data";
import type { Tokens } from "../tokens";

// Local bindings for the per-word loop (an imported name is a getter call under a CommonJS transform).
const { bigramFeature, DIM, isNumberToken, maxWordFeatures, wordFeatures, wordHash } = features;

const W = weights as unknown as ModelWeights;
if (W.format !== 4) throw new Error("model weights are in an old format; run npm run train:scorer");
if (W.dimBits !== Math.log2(DIM)) throw new Error("model weights were trained with a different feature size; run npm run train:scorer");

let MODELS: Readonly<Record<Lang, LanguageModel>> = W.models;

/** The language models in use (their thresholds are read per call). */
export function currentModels(): Readonly<Record<Lang, LanguageModel>> {
  return MODELS;
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

const CACHE_SIZE = 1 << 12;
const CACHE_MASK = CACHE_SIZE - 1;
const UNITS = 16;
let scratch = new Int32Array(256);

/**
 * A model's weights as feature buckets and values, exactly as `dense()` (pipeline-types.ts) would
 * hold them (zeros left out: a zero weight is no weight). The file's indices ascend; anything else
 * is a broken file.
 */
function sparse(t: TaskWeights): { at: Int32Array; val: Float32Array } {
  const at = new Int32Array(t.idx.length);
  const val = new Float32Array(t.idx.length);
  let n = 0;
  let i = 0;
  for (let k = 0; k < t.idx.length; k++) {
    if (k > 0 && t.idx[k] <= 0) throw new Error("model weights: feature indices must ascend; run npm run train:scorer");
    i += t.idx[k];
    if (i >= DIM) throw new Error(`model weights: feature ${i} is outside the feature space (${DIM})`);
    if (t.w[k] === 0) continue;
    at[n] = i;
    val[n] = t.w[k] / 1000;
    n++;
  }
  return { at: at.subarray(0, n), val: val.subarray(0, n) };
}

/**
 * One language's models. Weights sit in a compact rank table: a bit per feature bucket says
 * whether any model kept a weight there, a running count per 32 buckets gives its slot, and the
 * three weights sit next to each other (offensive at 3·slot, hate at 3·slot + 1, the offensive
 * word-only model at 3·slot + 2). About 1.5 MB instead of three 4 MB dense arrays, so scoring stays in cache; the values are exactly those of the dense
 * arrays. Each 32-bucket bit word and its running count sit side by side in `bitsRank` (word k at
 * 2k, count at 2k + 1), so a look-up touches one cache line.
 *
 * Per-word cache (direct-mapped, fixed size so memory stays flat): a word's char n-grams and
 * unigram depend on the word alone, and text is mostly common words, so their summed weights are
 * computed once per distinct word; the entry is checked against the word itself, never trusted on
 * the hash alone. An entry is one 64-byte block of one buffer, read through three views (a hit
 * used to touch four arrays, one cache line each):
 * - float64 8k, 8k+1: summed offensive and hate weights;
 * - int32 16k+4, 16k+5, 16k+6: the word's length (-1 while empty), feature count, word hash;
 * - float32 16k+7: the word-only model's weight of the word's unigram (a float32 weight, exact);
 * - uint16 32k+16 … 32k+31: the word's units when it has at most 16 (longer words: `cLong`).
 * (A bigram cache keyed by feature bucket was tried as well: no measurable gain.)
 */
class PairTable {
  readonly bitsRank = new Int32Array(DIM >>> 4);
  readonly vals: Float32Array;
  readonly offBias: number;
  readonly hsBias: number;
  readonly wordsBias: number;
  readonly blend: number;
  readonly cF64: Float64Array;
  readonly cI32: Int32Array;
  readonly cF32: Float32Array;
  readonly cU16: Uint16Array;
  readonly cLong: (string | undefined)[] = new Array<string | undefined>(CACHE_SIZE).fill(undefined);

  constructor(m: LanguageModel) {
    this.offBias = m.offensive.bias;
    this.hsBias = m.hate.bias;
    this.wordsBias = m.offensiveWords.bias;
    this.blend = m.blend;
    const cache = new ArrayBuffer(64 * CACHE_SIZE);
    this.cF64 = new Float64Array(cache);
    this.cI32 = new Int32Array(cache);
    this.cF32 = new Float32Array(cache);
    this.cU16 = new Uint16Array(cache);
    for (let k = 0; k < CACHE_SIZE; k++) this.cI32[16 * k + 4] = -1;
    // Built from the sparse weight lists, not from a dense 4 MB array per model (mostly zeros: 24 MB
    // for both languages, which a web process would keep as freed memory after its first check).
    const models = [sparse(m.offensive), sparse(m.hate), sparse(m.offensiveWords)];
    const br = this.bitsRank;
    let slots = 0;
    for (const t of models) {
      for (let j = 0; j < t.at.length; j++) {
        const i = t.at[j];
        const bit = 1 << (i & 31);
        if ((br[(i >>> 5) << 1] & bit) !== 0) continue;
        br[(i >>> 5) << 1] |= bit;
        slots++;
      }
    }
    let r = 0;
    for (let k = 0; k < DIM >>> 5; k++) {
      br[2 * k + 1] = r;
      r += popcount(br[2 * k]);
    }
    const vals = new Float32Array(3 * slots);
    models.forEach((t, model) => {
      for (let j = 0; j < t.at.length; j++) vals[3 * this.slot(t.at[j]) + model] = t.val[j];
    });
    this.vals = vals;
  }

  /** Slot of feature bucket i in vals / 3, or -1 when no model has a weight there. */
  slot(i: number): number {
    const at = (i >>> 5) << 1;
    const word = this.bitsRank[at];
    const bit = 1 << (i & 31);
    if ((word & bit) === 0) return -1;
    return this.bitsRank[at + 1] + popcount(word & (bit - 1));
  }

  /** Does slot k hold the word [s, e) of `text`? (`units`: the same text as UTF-16 units.) */
  sameWord(k: number, text: string, units: Uint16Array | undefined, s: number, e: number): boolean {
    const len = e - s;
    if (this.cI32[16 * k + 4] !== len) return false;
    if (len > UNITS) {
      const word = this.cLong[k]!;
      for (let j = 0; j < len; j++) if (word.charCodeAt(j) !== text.charCodeAt(s + j)) return false;
      return true;
    }
    const cu = this.cU16;
    const at = 32 * k + 16;
    if (units !== undefined) {
      for (let j = 0; j < len; j++) if (cu[at + j] !== units[s + j]) return false;
    } else {
      for (let j = 0; j < len; j++) if (cu[at + j] !== text.charCodeAt(s + j)) return false;
    }
    return true;
  }

  /** Cache slot holding the word [s, e) of `text` (token hash `th`), filled on a miss. */
  wordSlot(text: string, units: Uint16Array | undefined, s: number, e: number, th: number): number {
    const k = (th ^ (th >>> 14)) & CACHE_MASK;
    if (this.sameWord(k, text, units, s, e)) return k;
    const need = maxWordFeatures(e - s);
    if (need > scratch.length) scratch = new Int32Array(Math.max(need, scratch.length * 2));
    const w = wordHash(text, s, e);
    const n = wordFeatures(text, s, e, w, scratch, 0);
    const vals = this.vals;
    let zo = 0;
    let zh = 0;
    for (let j = 0; j < n; j++) {
      const r = this.slot(scratch[j]);
      if (r < 0) continue;
      zo += vals[3 * r];
      zh += vals[3 * r + 1];
    }
    // The unigram (the word's last feature) is the word-only model's one feature of the word.
    const ru = this.slot(scratch[n - 1]);
    const len = e - s;
    const ci = this.cI32;
    ci[16 * k + 4] = len;
    ci[16 * k + 5] = n;
    ci[16 * k + 6] = w;
    this.cF32[16 * k + 7] = ru < 0 ? 0 : vals[3 * ru + 2];
    if (len > UNITS) this.cLong[k] = text.slice(s, e);
    else {
      this.cLong[k] = undefined;
      for (let j = 0; j < len; j++) this.cU16[32 * k + 16 + j] = text.charCodeAt(s + j);
    }
    this.cF64[8 * k] = zo;
    this.cF64[8 * k + 1] = zh;
    return k;
  }
}

let TABLES: Record<Lang, PairTable> = { ar: new PairTable(W.models.ar), en: new PairTable(W.models.en) };

/**
 * Replace the committed models (evaluation only: `npm run eval:scorer` scores held-out sets
 * through `scoreItem` with models retrained without them). Production never calls this.
 */
export function replaceModels(models: Record<Lang, LanguageModel>): void {
  MODELS = models;
  TABLES = { ar: new PairTable(models.ar), en: new PairTable(models.en) };
}

/**
 * Which language's model reads a text, from its letter counts (normalisation counts them): Arabic
 * when at least half of the letters are Arabic, English when most are Latin, none without letters.
 */
export function modelLanguage(arabicLetters: number, latinLetters: number): Lang | null {
  if (arabicLetters > 0 && arabicLetters >= latinLetters) return "ar";
  if (latinLetters > 0) return "en";
  return null;
}

export interface ClassifierResult {
  pOff: number;
  pHs: number;
}

/** Per-token contributions of the last `classify` call (for explanations). */
let tokOff = new Float64Array(256);
let tokHs = new Float64Array(256);
let tokWords = new Float64Array(256);
let lastTokens = 0;
let lastScale = 0;
let lastWordsScale = 0;
let lastBlend = 0;

/**
 * Probabilities for both tasks with the model of `lang`. Tokens marked in `mask` (insult words
 * used neutrally) are left out, so "لا تترك كلبك في السيارة" is judged on its other words. Same
 * features as training (`extractFeatures`), summed word by word. `units` (optional) is `text` as
 * UTF-16 units (`Normalized.units`), cheaper to compare than the string.
 */
export function classify(text: string, tk: Tokens, mask?: Uint8Array, units?: Uint16Array, lang: Lang = "ar"): ClassifierResult {
  const tab = TABLES[lang];
  const count = tk.count;
  if (count > tokOff.length) {
    tokOff = new Float64Array(Math.max(count, tokOff.length * 2));
    tokHs = new Float64Array(tokOff.length);
    tokWords = new Float64Array(tokOff.length);
  }
  // Arrays in locals: the loop reads them for every token.
  const starts = tk.start;
  const ends = tk.end;
  const hashes = tk.hash;
  const off = tokOff;
  const hs = tokHs;
  const wd = tokWords;
  const cF64 = tab.cF64;
  const cI32 = tab.cI32;
  const cF32 = tab.cF32;
  const vals = tab.vals;
  let n = 0;
  let nw = 0;
  let zo = 0;
  let zh = 0;
  let zw = 0;
  let prevWord = 0;
  let havePrev = false;
  for (let t = 0; t < count; t++) {
    const s = starts[t];
    off[t] = 0;
    hs[t] = 0;
    wd[t] = 0;
    if (isNumberToken(text, s)) {
      havePrev = false; // numbers carry no tone; they also break bigrams
      continue;
    }
    if (mask !== undefined && mask[t] === 1) {
      // A masked word leaves no trace: not its own features, and no bigram with the next word
      // either ("كلب صغير" would otherwise still read as the insult, credited to صغير). The
      // words either side are not joined into a bigram that the text never had.
      havePrev = false;
      continue;
    }
    const k = tab.wordSlot(text, units, s, ends[t], hashes[t]);
    const w = cI32[16 * k + 6];
    let o = cF64[8 * k];
    let h = cF64[8 * k + 1];
    let ww = cF32[16 * k + 7];
    n += cI32[16 * k + 5];
    nw++;
    if (havePrev) {
      n++;
      nw++;
      const r = tab.slot(bigramFeature(prevWord, w));
      if (r >= 0) {
        o += vals[3 * r];
        h += vals[3 * r + 1];
        ww += vals[3 * r + 2];
      }
    }
    off[t] = o;
    hs[t] = h;
    wd[t] = ww;
    zo += o;
    zh += h;
    zw += ww;
    prevWord = w;
    havePrev = true;
  }
  lastTokens = count;
  const b = tab.blend;
  lastBlend = b;
  if (n === 0) {
    lastScale = 0;
    lastWordsScale = 0;
    const p0 = sigmoid((1 - b) * tab.offBias + b * tab.wordsBias);
    return { pOff: p0, pHs: p0 * sigmoid(tab.hsBias) };
  }
  const sc = 1 / Math.sqrt(n);
  const scw = 1 / Math.sqrt(nw);
  lastScale = sc;
  lastWordsScale = scw;
  // P(offensive) blends the two offensive models' logits; the hate model is P(hate | offensive)
  // (trained on offensive items only).
  const pOff = sigmoid((1 - b) * (tab.offBias + zo * sc) + b * (tab.wordsBias + zw * scw));
  return { pOff, pHs: pOff * sigmoid(tab.hsBias + zh * sc) };
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/**
 * Explain the last `classify` call: tokens whose features pushed the task's score up the most.
 * Returns token indices, strongest first (at most `max`).
 */
export function explainLast(task: "offensive" | "hate", tokenCount: number, max = 3): number[] {
  if (lastScale === 0) return [];
  // Hate is P(offensive) × P(hate | offensive): both models' weights push it up. The top `max`
  // tokens by contribution, picked in one pass without allocating (flagged posts are common).
  const hate = task === "hate" ? 1 : 0;
  const m = Math.min(tokenCount, lastTokens);
  const k = Math.min(max, TOP.length);
  const cOff = (1 - lastBlend) * lastScale;
  const cWords = lastBlend * lastWordsScale;
  const cHs = hate * lastScale;
  let found = 0;
  for (let t = 0; t < m; t++) {
    // Each token's share of the logits: both offensive models as blended, plus the hate model's.
    const c = cOff * tokOff[t] + cWords * tokWords[t] + cHs * tokHs[t];
    if (c <= 0) continue;
    // Insert into the sorted top list (strongest first; ties keep the earlier token).
    let j = found < k ? found++ : k;
    if (j === k && c <= TOPV[k - 1]) continue;
    if (j === k) j = k - 1;
    while (j > 0 && TOPV[j - 1] < c) {
      TOPV[j] = TOPV[j - 1];
      TOP[j] = TOP[j - 1];
      j--;
    }
    TOPV[j] = c;
    TOP[j] = t;
  }
  const out: number[] = [];
  for (let j = 0; j < found; j++) if (TOPV[j] >= TOPV[0] * 0.35) out.push(TOP[j]);
  return out;
}

const TOP = new Int32Array(8);
const TOPV = new Float64Array(8);
