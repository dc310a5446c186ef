/**
 * Lexicon matcher over normalised tokens. Words with neutral uses ("vocative" mode) count only
 * when aimed at someone, so "لا تترك كلبك في السيارة" stays clean while "يا كلب" is caught.
 */
import { foldTerm, type Normalized } from "../normalize";
import { HashFilter, type Tokens } from "../tokens";
import { BRIDGE_WORDS, CONFUSABLES, DEMONSTRATIVE_TRIGGERS, ENTITY_WORDS, KIN_TRIGGERS, LEXICON, PREDICATE_INSULTS, PRONOUN_TRIGGERS, VOCATIVE_TRIGGERS, type LexCategory, type LexEntry } from "../lexicons/terms";

interface Compiled {
  entry: LexEntry;
  /** Folded tokens of the term. */
  tokens: string[];
  /** The last token matches as a prefix ("الموت لل*"). */
  prefixLast: boolean;
}

export interface LexHit {
  category: LexCategory;
  term: string;
  /** Normalised offsets. */
  start: number;
  end: number;
}

const single = new Map<string, Compiled>();
const phrases = new Map<string, Compiled[]>();
/** Consonant skeletons of Arabic single-word terms, for Arabizi words (sharmoo6a, 7mar). */
const skeletons = new Map<string, Compiled>();

const PREFIXES = ["وال", "فال", "بال", "كال", "يال", "لل", "ال", "يا", "و", "ف", "ب", "ل"];
const SUFFIXES = ["كم", "كن", "ها", "هم", "ين", "ات", "ون", "تك", "ك", "ه", "ي"];

function splitTokens(s: string): string[] {
  return s.split(/[^a-z0-9\u0621-\u064a]+/).filter((t) => t.length > 0);
}

export function skeleton(tok: string): string {
  // Keep the first letter; drop long vowels and a final ه/ا, which Arabizi spells inconsistently.
  let s = tok[0];
  for (let i = 1; i < tok.length; i++) {
    const ch = tok[i];
    if (ch === "ا" || ch === "و" || ch === "ي" || ch === "ء") continue;
    if (ch === "ه" && i === tok.length - 1) continue;
    s += ch;
  }
  return s;
}

for (const entry of LEXICON) {
  let term = entry.term;
  const prefixLast = term.endsWith("*");
  if (prefixLast) term = term.slice(0, -1);
  const tokens = splitTokens(foldTerm(term));
  if (tokens.length === 0) continue;
  const c: Compiled = { entry, tokens, prefixLast };
  if (tokens.length === 1 && !prefixLast) {
    if (!single.has(tokens[0])) single.set(tokens[0], c);
    const sk = skeleton(tokens[0]);
    if (/^[\u0621-\u064a]+$/.test(tokens[0]) && sk.length >= 3 && !skeletons.has(sk)) skeletons.set(sk, c);
  } else {
    const list = phrases.get(tokens[0]) ?? [];
    list.push(c);
    phrases.set(tokens[0], list);
  }
}

const vocatives = new Set(VOCATIVE_TRIGGERS.map(foldTerm));
const kin = new Set(KIN_TRIGGERS.map(foldTerm));
const pronouns = new Set(PRONOUN_TRIGGERS.map(foldTerm));
const demonstratives = new Set(DEMONSTRATIVE_TRIGGERS.map(foldTerm));
const predicateInsults = new Set(PREDICATE_INSULTS.map(foldTerm));
const bridges = new Set(BRIDGE_WORDS.map(foldTerm));
const entityWords = new Set(ENTITY_WORDS.map(foldTerm));

/** Number of distinct lexicon keys (for the README and tests). */
export function lexiconSize(): number {
  let n = single.size;
  for (const l of phrases.values()) n += l.length;
  return n;
}

interface Lookup {
  c: Compiled;
  prefix: string;
  /** The form is a neutral-use word (كلبك): never a hit, but hidden from the classifier. */
  neutral: boolean;
  /** A confusable (see CONFUSABLES): neutral only after one of these words, if given. */
  after?: Set<string>;
}

/**
 * Every accepted surface form (clitic prefixes, and suffixes for "always" words) expanded once,
 * so matching a token is a single map look-up. Precedence: exact term, then prefixed forms,
 * then suffixed forms; a stripped remainder keeps at least three letters (so بكس is not كس).
 */
const forms = new Map<string, Lookup>();
function addForm(key: string, l: Lookup): void {
  if (!forms.has(key)) forms.set(key, l);
}
for (const [t, c] of single) addForm(t, { c, prefix: "", neutral: false });
const arabicSingles = [...single].filter(([t]) => t.charCodeAt(0) >= 0x0621);
for (const p of PREFIXES) {
  for (const [t, c] of arabicSingles) {
    if (t.length < 3) continue;
    addForm(p + t, { c, prefix: p, neutral: false });
    for (const s of SUFFIXES) addForm(p + t + s, { c, prefix: p, neutral: c.entry.mode === "vocative" });
  }
}
for (const [t, c] of arabicSingles) {
  if (t.length < 3) continue;
  for (const s of SUFFIXES) addForm(t + s, { c, prefix: "", neutral: c.entry.mode === "vocative" });
}

// Confusables: every clitic form hidden from the classifier (they win over nothing: no lexicon term is one).
const confusable: Compiled = { entry: { term: "", category: "insult", mode: "vocative" }, tokens: [], prefixLast: false };
for (const { term, after } of CONFUSABLES) {
  const t = foldTerm(term);
  const ctx = after ? new Set(after.map(foldTerm)) : undefined;
  for (const p of ["", "و", "ف", "ب", "ل", "ال", "وال", "بال", "لل", "فال"]) {
    if (p.endsWith("ال") && t.startsWith("ال")) continue;
    addForm(p + t, { c: confusable, prefix: p, neutral: true, after: ctx });
    if (!t.startsWith("ال")) addForm(p + t + "ه", { c: confusable, prefix: p, neutral: true, after: ctx });
  }
}

/** Every token that can start a hit (single-word forms, phrase heads): a cheap pre-check. */
const startFilter = new HashFilter([...forms.keys(), ...phrases.keys()]);
const entityFilter = new HashFilter(entityWords);
/** Phrase heads only: most tokens that pass `startFilter` start no phrase, and skip that look-up. */
const phraseFilter = new HashFilter(phrases.keys());

function tokAt(norm: Normalized, tk: Tokens, i: number): string {
  return norm.text.slice(tk.start[i], tk.end[i]);
}

/**
 * Is token i aimed at someone (after يا/انت/you, after ابن, or before ابن), or, bare, said of
 * someone (after a pronoun or a demonstrative, or a demonstrative and a definite noun)?
 */
function aimed(norm: Normalized, tk: Tokens, i: number, prefix: string, term: string): boolean {
  if (prefix === "يا" || prefix === "يال") return true;
  if (prefix === "" && i > 0 && predicateInsults.has(term) && predicateOf(norm, tk, i)) return true;
  let j = i - 1;
  let bridged = 0;
  while (j >= 0 && bridged <= 2) {
    const t = tokAt(norm, tk, j);
    if (vocatives.has(t)) return true;
    if (kin.has(t) && j === i - 1) return true;
    if (!bridges.has(t) && !kin.has(t)) break;
    bridged++;
    j--;
  }
  if (prefix === "" && i + 1 < tk.count && kin.has(tokAt(norm, tk, i + 1))) return true;
  return false;
}

/** Is the bare word at i (i > 0) a predicate about someone: "هم كلاب", "هذا حمار", "هذا الإعلامي حمار", "هالشخص حمار"? */
function predicateOf(norm: Normalized, tk: Tokens, i: number): boolean {
  const prev = tokAt(norm, tk, i - 1);
  if (pronouns.has(prev) || demonstratives.has(prev)) return true;
  if (prev.length > 4 && prev.startsWith("هال")) return true; // هال- is "this" fused to a noun
  return i > 1 && prev.length > 3 && prev.startsWith("ال") && demonstratives.has(tokAt(norm, tk, i - 2));
}

/**
 * Find lexicon hits in the tokenised normalised text. Appends to `out`. When `neutral` is given,
 * marks tokens that are insult words used neutrally (كلبك, "the dog"), so the classifier can
 * ignore them: a lexicon word alone must not make a post offensive. Returns how many it marked.
 */
export function matchLexicon(norm: Normalized, tk: Tokens, out: LexHit[], neutral?: Uint8Array): number {
  const hash = tk.hash;
  const starts = tk.start;
  const arabizi = norm.arabizi;
  let marked = 0;
  for (let i = 0; i < tk.count; i++) {
    const az = arabizi[starts[i]] === 1;
    if (!az && !startFilter.has(hash[i])) continue;
    const tok = tokAt(norm, tk, i);
    const ph = phraseFilter.has(hash[i]) ? phrases.get(tok) : undefined;
    if (ph) {
      for (const c of ph) {
        const n = c.tokens.length;
        if (i + n > tk.count) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) {
          const t = tokAt(norm, tk, i + k);
          // A prefix match needs a real word after it (الموت للخونة, not الموت لا يرحم).
          ok = c.prefixLast && k === n - 1 ? t.startsWith(c.tokens[k]) && t.length >= c.tokens[k].length + 3 : t === c.tokens[k];
        }
        if (ok) out.push({ category: c.entry.category, term: c.entry.term, start: tk.start[i], end: tk.end[i + n - 1] });
      }
    }
    let found = forms.get(tok);
    if (!found && az) {
      const c = skeletons.get(skeleton(tok));
      if (c) found = { c, prefix: "", neutral: false };
    }
    if (!found) continue;
    const { c, prefix } = found;
    if (found.neutral) {
      if (found.after && (i === 0 || !found.after.has(tokAt(norm, tk, i - 1)))) continue;
      if (neutral) neutral[i] = 1;
      marked++;
      continue;
    }
    if (c.entry.mode === "vocative" && !aimed(norm, tk, i, prefix, c.tokens[0])) {
      if (neutral) neutral[i] = 1;
      marked++;
      continue;
    }
    out.push({ category: c.entry.category, term: c.entry.term, start: tk.start[i], end: tk.end[i] });
  }
  return marked;
}

/** Normalised ranges of words naming a government body. */
export function matchEntityWords(norm: Normalized, tk: Tokens, out: [number, number][]): void {
  for (let i = 0; i < tk.count; i++) {
    if (entityFilter.has(tk.hash[i]) && entityWords.has(tokAt(norm, tk, i))) out.push([tk.start[i], tk.end[i]]);
  }
}
