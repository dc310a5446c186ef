/**
 * Words written without the space between them ("ihatewomen", "الشيعةكلهم خونة", "womenare
 * trash"): a token that is no known word but is two or three known words in a row, one of them a
 * content word (a group or pattern word, not only function words). In Arabic a space dropped after
 * a letter that does not join the next (ة ا د ر و …) is hard to see, and common.
 *
 * The last part must be a content word of four letters or more ("hate|women", "are|trash") or one
 * of a few function words ("women|are", "kill|all", "immigrants|should", "الشيعه|كلهم"). Tokens
 * of fewer than seven units are not split (no fused statement that short was found worth the cost).
 *
 * Cost: per token of seven units or more, its last three to six units hashed backwards (one
 * running hash) and a Bloom probe each: could a word that may end a fused token end this one?
 * About one such token in fifty in the bench posts passes. Only then one probe per unit in each direction:
 * a forward pass marks the lengths at which a known word could end (prefix hashes), a backward
 * pass the offsets at which one could begin (the suffix hashed backwards, against a filter of the
 * words reversed); strings are made only where both meet.
 */
import { HashFilter, type Tokens } from "../tokens";

const FNV = 0x811c9dc5;
const PRIME = 16777619;
/** Tokens shorter than this are words as written; longer than MAX_UNITS are not tried. */
const MIN_UNITS = 7;
const MAX_UNITS = 40;

const reverse = (s: string) => [...s].reverse().join("");

export class FusedWords {
  private readonly words: Set<string>;
  private readonly content: Set<string>;
  private readonly lasts: Set<string>;
  private readonly ends: HashFilter;
  private readonly starts: HashFilter;
  /** Words a token may end with: of three, four and five letters, and the last six letters of longer ones. */
  private readonly last3: HashFilter;
  private readonly last4: HashFilter;
  private readonly last5: HashFilter;
  private readonly last6: HashFilter;
  /** Marks by offset in the token: a known word can end here / begin here. */
  private readonly endAt = new Uint8Array(MAX_UNITS + 1);
  private readonly startAt = new Uint8Array(MAX_UNITS + 1);
  private readonly cuts: number[] = [];

  /**
   * `words`: every word a part may be (parts shorter than three letters only if listed in
   * `short`: "i", "we"); `content`: the words one part at least must be (one of four letters or
   * more); `tails`: words other than content words that may end the token.
   */
  constructor(words: Iterable<string>, content: Iterable<string>, short: readonly string[], tails: readonly string[]) {
    const shortSet = new Set(short);
    this.words = new Set([...words, ...tails].filter((w) => w.length >= 3 || shortSet.has(w)));
    // Content parts have four letters at least: three-letter ones end too many ordinary words (الي+دين).
    this.content = new Set([...content].filter((w) => w.length >= 4 && this.words.has(w)));
    this.lasts = new Set([...this.content, ...tails.filter((w) => w.length >= 3)]);
    this.ends = new HashFilter(this.words);
    this.starts = new HashFilter([...this.words].map(reverse));
    const lasts = [...this.lasts];
    this.last3 = new HashFilter(lasts.filter((w) => w.length === 3).map(reverse));
    this.last4 = new HashFilter(lasts.filter((w) => w.length === 4).map(reverse));
    this.last5 = new HashFilter(lasts.filter((w) => w.length === 5).map(reverse));
    this.last6 = new HashFilter(lasts.filter((w) => w.length >= 6).map((w) => reverse(w.slice(-6))));
  }

  /** Appends to `out` the offsets where the text's tokens split; true if any does. */
  cutsOf(text: string, u: Uint16Array, tk: Tokens, out: number[]): boolean {
    const { start, end, count } = tk;
    let any = false;
    for (let i = 0; i < count; i++) {
      const e = end[i];
      const len = e - start[i];
      if (len < MIN_UNITS || len > MAX_UNITS || !this.mayEnd(u, e)) continue;
      const cuts = this.split(text, u, start[i], e);
      if (cuts === null) continue;
      for (let k = 0; k < cuts.length; k++) out.push(cuts[k]);
      any = true;
    }
    return any;
  }

  /** Could a word that may end a fused token end at `e`? (Tokens of MIN_UNITS or more.) */
  private mayEnd(u: Uint16Array, e: number): boolean {
    // The tail hashed backwards, so the three- to six-unit tails are one running hash.
    let h = Math.imul(Math.imul(Math.imul(FNV ^ u[e - 1], PRIME) ^ u[e - 2], PRIME) ^ u[e - 3], PRIME);
    if (this.last3.has(h)) return true;
    h = Math.imul(h ^ u[e - 4], PRIME);
    if (this.last4.has(h)) return true;
    h = Math.imul(h ^ u[e - 5], PRIME);
    if (this.last5.has(h)) return true;
    return this.last6.has(Math.imul(h ^ u[e - 6], PRIME));
  }

  /**
   * Where units [s, e) of `text` (`u` holds its units) split into known words: one or two offsets
   * into `text`, or null. The returned array is reused by the next call.
   */
  private split(text: string, u: Uint16Array, s: number, e: number): readonly number[] | null {
    const len = e - s;
    const { endAt, startAt } = this;
    let h = FNV;
    let ends = 0;
    for (let k = s; k < e - 1; k++) {
      h = Math.imul(h ^ u[k], PRIME);
      if (this.ends.has(h)) {
        endAt[k + 1 - s] = 1;
        ends++;
      }
    }
    if (ends === 0) return null; // most tokens: no known word begins them
    h = Math.imul(h ^ u[e - 1], PRIME);
    let found: readonly number[] | null = null;
    // The token itself a known word: nothing to split.
    if (!(this.ends.has(h) && this.words.has(text.slice(s, e)))) {
      h = FNV;
      let starts = 0;
      for (let k = e - 1; k > s; k--) {
        h = Math.imul(h ^ u[k], PRIME);
        if (this.starts.has(h)) {
          startAt[k - s] = 1;
          starts++;
        }
      }
      if (starts > 0) found = this.meet(text, s, len);
      startAt.fill(0, 0, len);
    }
    endAt.fill(0, 0, len);
    return found;
  }

  /** Two parts where an end mark meets a start mark; else three, with a known middle. */
  private meet(text: string, s: number, len: number): readonly number[] | null {
    const { endAt, startAt, cuts } = this;
    cuts.length = 0;
    for (let p = 1; p < len; p++) {
      if (endAt[p] === 0 || startAt[p] === 0) continue;
      if (this.known([text.slice(s, s + p), text.slice(s + p, s + len)])) {
        cuts.push(s + p);
        return cuts;
      }
    }
    for (let p = 1; p < len; p++) {
      if (endAt[p] === 0) continue;
      for (let q = p + 1; q < len; q++) {
        if (startAt[q] === 0) continue;
        if (this.known([text.slice(s, s + p), text.slice(s + p, s + q), text.slice(s + q, s + len)])) {
          cuts.push(s + p, s + q);
          return cuts;
        }
      }
    }
    return null;
  }

  private known(parts: string[]): boolean {
    return this.lasts.has(parts[parts.length - 1]) && parts.every((p) => this.words.has(p)) && parts.some((p) => this.content.has(p));
  }
}

/** For tests: the parts a word splits into, or null. */
export function partsOf(f: FusedWords, word: string): string[] | null {
  const u = new Uint16Array(word.length);
  for (let i = 0; i < word.length; i++) u[i] = word.charCodeAt(i);
  const cuts: number[] = [];
  const one = { count: 1, start: Int32Array.of(0), end: Int32Array.of(word.length), hash: Int32Array.of(0) };
  if (!f.cutsOf(word, u, one, cuts)) return null;
  const out: string[] = [];
  let a = 0;
  for (const c of [...cuts, word.length]) {
    out.push(word.slice(a, c));
    a = c;
  }
  return out;
}
