/**
 * Tokeniser over normalised text: runs of letters and digits. Mentions (@user) and links are
 * masked because they say who or where, not what. Results live in reused buffers.
 */
import { isWordUnit } from "./normalize";

export interface Tokens {
  count: number;
  start: Int32Array;
  end: Int32Array;
}

let cap = 0;
let ts = new Int32Array(0);
let te = new Int32Array(0);
const result: Tokens = { count: 0, start: ts, end: te };

export function tokenize(text: string): Tokens {
  const len = text.length;
  const need = (len >> 1) + 2;
  if (need > cap) {
    cap = Math.max(need, cap * 2, 256);
    ts = new Int32Array(cap);
    te = new Int32Array(cap);
    result.start = ts;
    result.end = te;
  }
  let n = 0;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    if (c === 0x40 /* @ */ || (c === 0x68 && text.startsWith("http", i)) || (c === 0x77 && text.startsWith("www.", i))) {
      while (i < len && text.charCodeAt(i) !== 0x20) i++;
      continue;
    }
    if (!isWordUnit(c)) {
      i++;
      continue;
    }
    const s = i;
    while (i < len && isWordUnit(text.charCodeAt(i))) i++;
    ts[n] = s;
    te[n] = i;
    n++;
  }
  result.count = n;
  return result;
}
