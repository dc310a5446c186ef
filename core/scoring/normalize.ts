/**
 * Arabic-aware normalisation for matching, with an offset map back to the original text.
 *
 * The output is a folded string where every output unit i came from the original UTF-16 range
 * [srcStart[i], srcEnd[i]). A match on output [a, b) maps back to [srcStart[a], srcEnd[b - 1]).
 * Folding is for matching only: evidence shown to people is always sliced from the original.
 *
 * Buffers are module-level and reused, so normalising a post allocates only the result string.
 */

export interface Normalized {
  /** Folded text used by matchers and the classifier. */
  text: string;
  /** The same folded text as UTF-16 units (first `length` entries; cheaper to scan than the string). */
  units: Uint16Array;
  /** Per output unit: start of the original range it came from (UTF-16 index). */
  srcStart: Int32Array;
  /** Per output unit: end (exclusive) of the original range it came from. */
  srcEnd: Int32Array;
  /** Per output unit: 1 where the unit came from Arabizi transliteration. */
  arabizi: Uint8Array;
  length: number;
  /** Arabic letters in the output (after folding). */
  arabicLetters: number;
  /** Latin letters a–z in the output. */
  latinLetters: number;
  /** False only if the original has no digit (ASCII, Arabic-Indic, Persian or full-width). */
  mayHaveDigit: boolean;
  /** False only if the original has no "@" (or full-width "＠"). */
  mayHaveAt: boolean;
}

const DROP = 0xffff; // sentinel: the unit is removed
const MULTI_MARK = 0xfffe; // sentinel: look the unit up in MULTI
const SPACE = 0x20;

/** Single-unit folding table for the BMP (built once). DROP = remove, else replacement unit. */
const FOLD = new Uint16Array(0x10000);
/** Multi-unit replacements (presentation-form ligatures such as ﻻ → لا). */
const MULTI = new Map<number, string>();

function buildTables(): void {
  for (let c = 0; c < 0x10000; c++) FOLD[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) FOLD[c] = c + 32; // Latin lower case
  const drop = (a: number, b = a) => {
    for (let c = a; c <= b; c++) FOLD[c] = DROP;
  };
  drop(0x064b, 0x065f); // harakat, tanween, shadda, sukun, small marks
  drop(0x0670); // superscript alef
  drop(0x0610, 0x061a); // Quranic honorifics and small marks
  drop(0x06d6, 0x06dc); // Quranic annotation signs
  drop(0x06df, 0x06e4);
  drop(0x06e7, 0x06e8);
  drop(0x06ea, 0x06ed);
  drop(0x08d3, 0x08ff); // extended Quranic marks
  drop(0x0640); // tatweel
  drop(0x200b, 0x200f); // zero-width space/joiners, LRM/RLM
  drop(0x202a, 0x202e); // bidi embeddings and overrides
  drop(0x2060, 0x2069); // word joiner, bidi isolates
  drop(0xfeff); // BOM / ZWNBSP
  drop(0x061c); // Arabic letter mark
  drop(0x00ad); // soft hyphen
  drop(0x034f); // combining grapheme joiner
  drop(0x180e);
  drop(0xfe00, 0xfe0f); // variation selectors
  const map = (to: number, ...from: number[]) => {
    for (const f of from) FOLD[f] = to;
  };
  map(0x0627, 0x0622, 0x0623, 0x0625, 0x0671, 0x0672, 0x0673); // alef variants → ا
  map(0x064a, 0x0649, 0x06cc, 0x0626, 0x06d0, 0x06d2); // yaa variants (ى ی ئ ې ے) → ي
  map(0x0647, 0x0629, 0x06c1, 0x06be, 0x06d5, 0x06c0); // taa marbuta and haa variants → ه
  map(0x0648, 0x0624, 0x06c4, 0x06c6, 0x06cb); // waw with hamza and variants → و
  map(0x0643, 0x06a9, 0x06aa, 0x0686); // ک, and Gulf چ (k pronounced ch: چلب = كلب) → ك
  map(0x0642, 0x06af, 0x06a8); // Gulf گ (q pronounced g) → ق
  map(0x0628, 0x067e); // پ → ب
  map(0x0641, 0x06a4, 0x06a5); // ڤ → ف
  map(0x062c, 0x0683, 0x0684); // dotted jeem variants → ج
  for (let d = 0; d < 10; d++) {
    FOLD[0x0660 + d] = 0x30 + d; // Arabic-Indic digits
    FOLD[0x06f0 + d] = 0x30 + d; // Persian digits
  }
  // Every kind of whitespace becomes one plain space.
  map(SPACE, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000);
  for (let c = 0x2000; c <= 0x200a; c++) FOLD[c] = SPACE;
  // Presentation forms and full-width Latin: NFKC of the single unit, then folded again.
  const ranges: [number, number][] = [
    [0xfb50, 0xfdff],
    [0xfe70, 0xfefc],
    [0xff01, 0xff5e],
  ];
  for (const [a, b] of ranges) {
    for (let c = a; c <= b; c++) {
      const n = String.fromCharCode(c).normalize("NFKC");
      if (n === String.fromCharCode(c)) continue;
      let out = "";
      for (let k = 0; k < n.length; k++) {
        const f = FOLD[n.charCodeAt(k)];
        if (f !== DROP && !(f === SPACE && (out.length === 0 || k === n.length - 1))) out += String.fromCharCode(f);
      }
      if (out.length === 0) FOLD[c] = DROP;
      else if (out.length === 1) FOLD[c] = out.charCodeAt(0);
      else {
        MULTI.set(c, out);
        FOLD[c] = MULTI_MARK;
      }
    }
  }
}
buildTables();

/** Arabic letters (after folding) and Latin letters. */
export function isArabicLetter(c: number): boolean {
  return (c >= 0x0621 && c <= 0x063a) || (c >= 0x0641 && c <= 0x064a);
}
export function isLatinLetter(c: number): boolean {
  return c >= 0x61 && c <= 0x7a;
}
/** Arabic or Latin letter or ASCII digit (one table look-up; the table is built below). */
export function isWordUnit(c: number): boolean {
  return (CLASS[c] & (C_LETTER | C_DIGIT)) !== 0;
}
/** Punctuation people put inside a word to dodge filters (ح.م.ا.ر, f*ck, ش_ر_م_و_ط_ه). */
function isInWordSeparator(c: number): boolean {
  return c === 0x2e || c === 0x2a || c === 0x5f || c === 0x2d || c === 0xb7 || c === 0x2022 || c === 0x066d || c === 0x2c || c === 0x060c || c === 0x7e || c === 0x2f || c === 0x7c;
}

// Arabizi: digits that stand for Arabic letters, and Latin letters/digraphs.
const ARABIZI_DIGIT: Record<number, number> = {
  0x32: 0x0621, // 2 = ء
  0x33: 0x0639, // 3 = ع
  0x35: 0x062e, // 5 = خ
  0x36: 0x0637, // 6 = ط
  0x37: 0x062d, // 7 = ح
  0x38: 0x063a, // 8 = غ
  0x39: 0x0642, // 9 = ق
};
const ARABIZI_DIGRAPH: Record<string, number> = {
  sh: 0x0634, ch: 0x0634, kh: 0x062e, th: 0x062b, gh: 0x063a, dh: 0x0630,
};
const ARABIZI_LETTER: Record<number, number> = {};
for (const [l, a] of Object.entries({
  a: 0x0627, b: 0x0628, c: 0x0643, d: 0x062f, e: 0x064a, f: 0x0641, g: 0x0642, h: 0x0647, i: 0x064a, j: 0x062c,
  k: 0x0643, l: 0x0644, m: 0x0645, n: 0x0646, o: 0x0648, p: 0x0628, q: 0x0642, r: 0x0631, s: 0x0633, t: 0x062a,
  u: 0x0648, v: 0x0641, w: 0x0648, x: 0x0643, y: 0x064a, z: 0x0632,
})) ARABIZI_LETTER[l.charCodeAt(0)] = a;

let cap = 0;
let buf = new Uint16Array(0);
let ss = new Int32Array(0);
let se = new Int32Array(0);
let az = new Uint8Array(0);
/** az may hold a 1 only below this index (so a text without Arabizi seldom has to clear it). */
let azDirty = 0;
/** Units the last `normalize` call wrote (its result reads them until the next call). */
let live = 0;

function ensure(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 1024);
  buf = new Uint16Array(cap);
  ss = new Int32Array(cap);
  se = new Int32Array(cap);
  az = new Uint8Array(cap);
  azDirty = 0;
  bytes = NodeBuffer ? NodeBuffer.from(buf.buffer) : null;
}

/**
 * Node's Buffer decodes UTF-16 about three times faster than TextDecoder for post-sized text and
 * keeps lone surrogates as they are; elsewhere (no Buffer) the TextDecoder path is used.
 */
const NodeBuffer = (globalThis as { Buffer?: typeof Buffer }).Buffer;
let bytes: Buffer | null = null;
const decoder = typeof TextDecoder === "function" ? new TextDecoder("utf-16le") : null;

/** The first n units of buf as a string. `loneSurrogate`: a decoder would replace it, so copy units. */
function toString(n: number, loneSurrogate: boolean): string {
  if (bytes !== null) return bytes.toString("utf16le", 0, 2 * n);
  if (decoder !== null && !loneSurrogate && n > 16) return decoder.decode(new Uint8Array(buf.buffer, 0, 2 * n));
  if (n <= 4096) return String.fromCharCode.apply(null, buf.subarray(0, n) as unknown as number[]);
  let s = "";
  for (let i = 0; i < n; i += 4096) {
    s += String.fromCharCode.apply(null, buf.subarray(i, Math.min(n, i + 4096)) as unknown as number[]);
  }
  return s;
}

/** Unit classes after folding, for the checks that decide which passes a text needs. */
const C_LETTER = 1;
const C_LATIN = 2;
const C_DIGIT = 4;
const C_FILLER = 8;
const C_AR_RANGE = 16; // U+0621–U+064A, as counted by "mostly Arabic"
const C_AT = 32;
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  let k = 0;
  if (isArabicLetter(c) || isLatinLetter(c)) k |= C_LETTER;
  if (isLatinLetter(c)) k |= C_LATIN;
  if (c >= 0x30 && c <= 0x39) k |= C_DIGIT;
  if (c === 0x2a || c === 0x5f || c === 0xb7 || c === 0x2022 || c === 0x066d) k |= C_FILLER;
  if (c >= 0x0621 && c <= 0x064a) k |= C_AR_RANGE;
  if (c === 0x40) k |= C_AT;
  CLASS[c] = k;
}

/** Flag in UNIT for the units `foldPass` must look at closely: surrogates, dropped, noncharacters, ligatures. */
const C_RARE = 64;
/** Per original unit: CLASS of its folding, or C_RARE (one table look-up on the common path). */
const UNIT = new Uint8Array(0x10000);
for (let c = 0; c < 0x10000; c++) {
  const rare = (c & 0xf800) === 0xd800 || FOLD[c] === DROP || FOLD[c] === MULTI_MARK || c === 0xfffe || c === 0xffff;
  UNIT[c] = rare ? C_RARE : CLASS[FOLD[c]];
}

let loneSurrogate = false;
let maybeRun = false;
/** What `foldPass` saw in its output (see `normalize`); `irregular`: a unit it did not classify. */
let fSeen = 0;
let fAr = 0;
let fLat = 0;
let fSingles = 0;
let irregular = false;

/**
 * Pass 1: per-unit folding, dropping invisible marks, collapsing whitespace. With `collapse`, runs
 * of the same Arabic letter are also collapsed here (what pass 4 would do), which is exact when
 * pass 2 does not run. Sets `maybeRun` when pass 4 may still find a run, and `loneSurrogate`.
 */
function foldPass(input: string, collapse: boolean): number {
  // Buffers in locals, and the last unit written kept in `last`: fewer loads per unit.
  const b = buf;
  const starts = ss;
  const ends = se;
  const len = input.length;
  let n = 0;
  let last = -1;
  loneSurrogate = false;
  maybeRun = false;
  irregular = false;
  let seen = 0;
  let ar = 0;
  let lat = 0;
  let singles = 0;
  let hist = 0;
  for (let i = 0; i < len; i++) {
    const c = input.charCodeAt(i);
    let k = UNIT[c];
    if (k === C_RARE) {
      // Surrogates, dropped marks, noncharacters, ligatures: one table look-up keeps them off the common path.
      const f = FOLD[c];
      if ((c & 0xf800) === 0xd800) {
        const pair = c < 0xdc00 ? (input.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : i > 0 && (input.charCodeAt(i - 1) & 0xfc00) === 0xd800;
        if (!pair) loneSurrogate = true;
        k = 0; // a surrogate folds to itself and has no class
      } else if (f === DROP) {
        if (c === 0xffff) { b[n] = c; starts[n] = i; ends[n] = i + 1; n++; last = c; irregular = true; }
        continue;
      } else if (c === 0xfffe) {
        b[n] = c; starts[n] = i; ends[n] = i + 1; n++; last = c; irregular = true; continue; // noncharacter kept as is
      } else if (f === MULTI_MARK) {
        const m = MULTI.get(c)!;
        maybeRun = true;
        irregular = true;
        for (let j = 0; j < m.length; j++) { b[n] = m.charCodeAt(j); starts[n] = i; ends[n] = i + 1; n++; }
        last = b[n - 1];
        continue;
      }
    }
    const f = FOLD[c];
    if (f === last) {
      if (f === SPACE) { ends[n - 1] = i + 1; continue; }
      if (collapse && (k & (C_LETTER | C_LATIN)) === C_LETTER) { ends[n - 1] = i + 1; continue; }
      // Pass 4 changes only Arabic letter runs and Latin runs of three or more.
      if ((k & C_LETTER) !== 0 && ((k & C_LATIN) === 0 || (n > 1 && b[n - 2] === f))) maybeRun = true;
    }
    b[n] = f; starts[n] = i; ends[n] = i + 1; n++;
    last = f;
    seen |= k;
    ar += (k >> 4) & 1;
    lat += (k >> 1) & 1;
    // Letter flags of the last three units written, newest in bit 0: 0b010 is a one-letter word.
    hist = ((hist << 1) | (k & C_LETTER)) & 7;
    if (hist === 2) singles++;
  }
  if ((hist & 3) === 1) singles++;
  fSeen = seen;
  fAr = ar;
  fLat = lat;
  fSingles = singles;
  return n;
}

/**
 * Normalise `input` for matching. Returns views into reused buffers: copy them if you keep them
 * past the next call (the `text` string is always safe to keep).
 */
export function normalize(input: string): Normalized {
  const len = input.length;
  ensure(len * 3 + 8);
  let n = foldPass(input, true);
  // Which later passes can change this text? One table look-up per unit.
  let seen = fSeen;
  // Pass 2 joins runs of three or more one-letter words (folding without collapsing never makes
  // more of them), so with fewer it changes nothing and the collapsed fold stands.
  let singles = fSingles;
  let ar = fAr;
  let lat = fLat;
  if (irregular) {
    // Ligatures or noncharacters were written: classify the output again, unit by unit.
    seen = 0;
    singles = 0;
    ar = 0;
    lat = 0;
    let prevLetter = 0;
    let prev2Letter = 0;
    for (let i = 0; i < n; i++) {
      const k = CLASS[buf[i]];
      seen |= k;
      ar += (k >> 4) & 1;
      lat += (k >> 1) & 1;
      const l = k & C_LETTER;
      if (prevLetter !== 0 && prev2Letter === 0 && l === 0) singles++;
      prev2Letter = prevLetter;
      prevLetter = l;
    }
    if (prevLetter !== 0 && prev2Letter === 0) singles++;
  }
  const maybeJoin = singles >= 3 || (seen & C_FILLER) !== 0;
  const arabizi = (seen & (C_LATIN | C_DIGIT)) === (C_LATIN | C_DIGIT);
  // Pass 2 must see the uncollapsed letters (a run can be the "word" beside single letters):
  // fold again without collapsing, then pass 4 collapses as before.
  if (maybeJoin) n = joinPass(foldPass(input, false));
  if (arabizi) n = arabiziPass(n);
  else if (azDirty > 0) {
    az.fill(0, 0, azDirty);
    azDirty = 0;
  }
  if (maybeJoin || arabizi || maybeRun) {
    n = elongationPass(n);
    ar = 0;
    lat = 0;
    for (let i = 0; i < n; i++) {
      const k = CLASS[buf[i]];
      ar += (k >> 4) & 1;
      lat += (k >> 1) & 1;
    }
  }
  live = n;
  // `seen` is taken before Arabizi turns digits into letters; folding never drops a digit or "@".
  return {
    text: toString(n, loneSurrogate), units: buf, srcStart: ss, srcEnd: se, arabizi: az, length: n, arabicLetters: ar, latinLetters: lat,
    mayHaveDigit: (seen & C_DIGIT) !== 0, mayHaveAt: (seen & C_AT) !== 0,
  };
}

function joinPass(n: number): number {
  // Pass 2: join spaced-out or dotted single letters (ح م ا ر, ح.م.ا.ر, f.u.c.k) and drop
  // filler symbols inside words (f*ck, ش_رموطه).
  let w = 0;
  for (let r = 0; r < n; ) {
    const c = buf[r];
    if (isLetter(c) && (r === 0 || !isLetter(buf[r - 1]))) {
      const last = singleLetterRunEnd(r, n);
      if (last > 0) {
        for (let k = r; k <= last; k += 2) { buf[w] = buf[k]; ss[w] = ss[k]; se[w] = se[k]; w++; }
        r = last + 1;
        continue;
      }
    }
    if (isFiller(c) && w > 0 && r + 1 < n && isLetter(buf[w - 1]) && isLetter(buf[r + 1]) && sameScript(buf[w - 1], buf[r + 1])) {
      r++;
      continue;
    }
    buf[w] = c; ss[w] = ss[r]; se[w] = se[r]; w++; r++;
  }
  return w;
}

function arabiziPass(n: number): number {
  // Pass 3: Arabizi words (Latin letters mixed with 2/3/5/6/7/8/9) become Arabic letters.
  az.fill(0, 0, n);
  if (n > azDirty) azDirty = n;
  let w = 0;
  for (let r = 0; r < n; ) {
    const c = buf[r];
    if (!isLatinLetter(c) && !(c >= 0x30 && c <= 0x39)) { buf[w] = c; ss[w] = ss[r]; se[w] = se[r]; w++; r++; continue; }
    let e = r;
    let hasLetter = false;
    let hasArabiziDigit = false;
    let hasOtherDigit = false;
    while (e < n && (isLatinLetter(buf[e]) || (buf[e] >= 0x30 && buf[e] <= 0x39))) {
      const d = buf[e];
      if (isLatinLetter(d)) hasLetter = true;
      else if (ARABIZI_DIGIT[d] !== undefined) hasArabiziDigit = true;
      else hasOtherDigit = true;
      e++;
    }
    if (hasLetter && hasArabiziDigit && !hasOtherDigit && e - r <= 24) {
      for (let k = r; k < e; ) {
        const d = buf[k];
        const dg = k + 1 < e ? ARABIZI_DIGRAPH[String.fromCharCode(d, buf[k + 1])] : undefined;
        if (dg !== undefined) { buf[w] = dg; ss[w] = ss[k]; se[w] = se[k + 1]; az[w] = 1; w++; k += 2; continue; }
        // "3'" is the common way to write غ.
        if (d === 0x33 && k + 1 < e && buf[k + 1] === 0x27) { buf[w] = 0x063a; ss[w] = ss[k]; se[w] = se[k + 1]; az[w] = 1; w++; k += 2; continue; }
        buf[w] = ARABIZI_DIGIT[d] ?? ARABIZI_LETTER[d] ?? d; ss[w] = ss[k]; se[w] = se[k]; az[w] = 1; w++; k++;
      }
    } else {
      for (let k = r; k < e; k++) { buf[w] = buf[k]; ss[w] = ss[k]; se[w] = se[k]; w++; }
    }
    r = e;
  }
  return w;
}

function elongationPass(n: number): number {
  // Pass 4: elongation. Arabic letter runs collapse to one (حماااار → حمار; lexicons are folded
  // the same way, so الله → اله on both sides); Latin runs of three or more collapse to one.
  let w = 0;
  for (let r = 0; r < n; ) {
    const c = buf[r];
    let e = r + 1;
    while (e < n && buf[e] === c) e++;
    const run = e - r;
    if (run > 1 && (isArabicLetter(c) || (isLatinLetter(c) && run >= 3))) {
      buf[w] = c; ss[w] = ss[r]; se[w] = se[e - 1]; az[w] = az[r]; w++;
    } else {
      for (let k = r; k < e; k++) { buf[w] = c; ss[w] = ss[k]; se[w] = se[k]; az[w] = az[k]; w++; }
    }
    r = e;
  }
  return w;
}

function isLetter(c: number): boolean {
  return isArabicLetter(c) || isLatinLetter(c);
}
function sameScript(a: number, b: number): boolean {
  return isArabicLetter(a) === isArabicLetter(b);
}
function isFiller(c: number): boolean {
  return c === 0x2a || c === 0x5f || c === 0xb7 || c === 0x2022 || c === 0x066d;
}
/**
 * If a run of at least three single letters separated by one space or separator starts at r
 * (letter, sep, letter, sep, letter …), return the index of its last letter, else -1.
 */
function singleLetterRunEnd(r: number, n: number): number {
  const arabic = isArabicLetter(buf[r]);
  let k = r;
  let count = 1;
  while (k + 2 < n) {
    const sep = buf[k + 1];
    const next = buf[k + 2];
    if (!(sep === SPACE || isInWordSeparator(sep))) break;
    if (!isLetter(next) || isArabicLetter(next) !== arabic) break;
    if (k + 3 < n && isLetter(buf[k + 3])) break; // next token is a word, not a single letter
    k += 2;
    count++;
  }
  if (count < 3) return -1;
  // the run must start as a single letter too
  if (r + 1 < n && isLetter(buf[r + 1])) return -1;
  return k;
}

/** Map a match on normalised [a, b) back to original UTF-16 offsets. */
export function toOriginal(norm: Normalized, a: number, b: number): { start: number; end: number } {
  return { start: norm.srcStart[a], end: norm.srcEnd[b - 1] };
}

/** Fold a lexicon term exactly as text is folded (so both sides meet in the same form). */
export function foldTerm(term: string): string {
  // A detector may fold a word while the post's own normalisation is still in use (its units and
  // offsets live in the shared buffers): keep what the last call wrote, and put it back.
  const keep = Math.min(live + 1, cap);
  if (keep <= 1) return normalize(term).text.trim();
  const b = buf.slice(0, keep);
  const s0 = ss.slice(0, keep);
  const e0 = se.slice(0, keep);
  const a0 = az.slice(0, keep);
  const dirty = azDirty;
  const out = normalize(term).text.trim();
  buf.set(b);
  ss.set(s0);
  se.set(e0);
  az.set(a0);
  azDirty = Math.max(azDirty, dirty, keep);
  live = keep - 1;
  return out;
}
