/**
 * Tokeniser over normalised text: runs of letters and digits. Mentions (@user) and links are
 * masked because they say who or where, not what. Results live in reused buffers.
 */
import { isWordUnit as isWordUnitExport } from "./normalize";

// Local bindings for the per-character loop: under a CommonJS transform (tsx, the workers) an
// imported name is read through a getter on every use, which cost ~9 % of the scorer's time.
const isWordUnit = isWordUnitExport;

export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
  /** FNV-1a hash of each token's units (see `hashToken`), for cheap set pre-checks. */
  hash: Int32Array;
}

const FNV = 0x811c9dc5;
const PRIME = 16777619;

/** The hash `tokenize` records for a token, computed on a string (to build look-up sets). */
export function hashToken(s: string): number {
  let h = FNV;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), PRIME);
  return h;
}

/**
 * A Bloom filter over token hashes: `has` is false only for tokens that are certainly not in the
 * set it was built from, so the caller does the exact (allocating) look-up only on a hit. Three
 * probes from the one FNV hash (most tokens stop at the first): with a single probe, 22k of the
 * 771k bench-post tokens reached the lexicon's look-up for nothing and 62k the named expressions'
 * (none of them a name); with three, none and 5k.
 */
export class HashFilter {
  private readonly bits: Int32Array;
  private readonly mask: number;
  /** Sized to at least 16 bits per word (small enough to stay in cache). */
  constructor(words: Iterable<string>) {
    const list = [...words];
    let logBits = 10;
    while (logBits < 20 && 1 << logBits < list.length * 16) logBits++;
    this.bits = new Int32Array(1 << (logBits - 5));
    this.mask = (1 << logBits) - 1;
    for (const w of list) {
      const h = hashToken(w);
      const st = probeStep(h);
      for (let k = 0; k < 3; k++) {
        const b = (h + k * st) & this.mask;
        this.bits[b >>> 5] |= 1 << (b & 31);
      }
    }
  }
  has(hash: number): boolean {
    const bits = this.bits;
    const mask = this.mask;
    const b0 = hash & mask;
    if ((bits[b0 >>> 5] & (1 << (b0 & 31))) === 0) return false;
    const st = probeStep(hash);
    const b1 = (hash + st) & mask;
    if ((bits[b1 >>> 5] & (1 << (b1 & 31))) === 0) return false;
    const b2 = (hash + 2 * st) & mask;
    return (bits[b2 >>> 5] & (1 << (b2 & 31))) !== 0;
  }
}

/** The probe step: from the high bits of a product, so it depends on every bit of the hash (the low bits alone would make all probes agree). */
function probeStep(h: number): number {
  return (Math.imul(h, 0x9e3779b1) >>> 12) | 1;
}

let cap = 0;
let ts = new Int32Array(0);
let te = new Int32Array(0);
let th = new Int32Array(0);
const result: Tokens = { count: 0, start: ts, end: te, hash: th };

let copy = new Uint16Array(256);

/**
 * Tokens of normalised `text`. `units`, when given, holds the same text as UTF-16 units (see
 * `Normalized.units`): reading a typed array is cheaper than reading the string.
 */
export function tokenize(text: string, units?: Uint16Array): Tokens {
  const len = text.length;
  let u = units;
  if (u === undefined) {
    if (len > copy.length) copy = new Uint16Array(Math.max(len, copy.length * 2));
    for (let i = 0; i < len; i++) copy[i] = text.charCodeAt(i);
    u = copy;
  }
  const need = (len >> 1) + 2;
  if (need > cap) {
    cap = Math.max(need, cap * 2, 256);
    ts = new Int32Array(cap);
    te = new Int32Array(cap);
    th = new Int32Array(cap);
    result.start = ts;
    result.end = te;
    result.hash = th;
  }
  // Buffers in locals, and the first unit's test done once: fewer loads and checks per unit.
  const starts = ts;
  const ends = te;
  const hashes = th;
  let n = 0;
  let i = 0;
  while (i < len) {
    const c = u[i];
    if (!isWordUnit(c)) {
      if (c === 0x40 /* @ */) {
        while (i < len && u[i] !== 0x20) i++;
        continue;
      }
      i++;
      continue;
    }
    // Links ("http…", "www."), compared unit by unit: many English words start with h or w.
    if ((c === 0x68 && i + 3 < len && u[i + 1] === 0x74 && u[i + 2] === 0x74 && u[i + 3] === 0x70) ||
      (c === 0x77 && i + 3 < len && u[i + 1] === 0x77 && u[i + 2] === 0x77 && u[i + 3] === 0x2e)) {
      while (i < len && u[i] !== 0x20) i++;
      continue;
    }
    const s = i;
    let h = Math.imul(FNV ^ c, PRIME);
    while (++i < len) {
      const d = u[i];
      if (!isWordUnit(d)) break;
      h = Math.imul(h ^ d, PRIME);
    }
    starts[n] = s;
    ends[n] = i;
    hashes[n] = h;
    n++;
  }
  result.count = n;
  return result;
}
