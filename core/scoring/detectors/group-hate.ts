/**
 * Group-directed hate and incitement (COC-6; the CSB text's «نسيج المجتمع الواحد المتماسك»):
 * a statement about a *group* (lexicons/groups.ts) combined with one function of hate speech
 * (lexicons/hate-patterns.ts): derogation or generalisation, dehumanisation, takfir, exclusion,
 * a call to violence, or expressed hatred. Negation ("ليس كل الشيعة خونة"), counter-speech and
 * reporting ("قول إن كل السنة دواعش تحريض مرفوض", "a man was jailed for tweeting …"), a part of
 * the group ("بعض", "العمالة المخالفة", "3 Asian men") and reclaimed use ("أنا رافضي وأفتخر")
 * do not flag. It also vets the lexicon's and the classifier's hate hits against the same
 * contexts.
 *
 * How a statement is recognised, briefly: the group is the subject and the pattern its predicate,
 * with only copulas, generalisers and intensifiers between (الشيعة كلهم خونة, "Muslims are just
 * vermin"); or a verb governs the group (أكره النساء, "deport all immigrants"); or an animal noun
 * stands in construct with it (كلاب الروافض); or a pronoun (اطردوهم, "kill them") stands for a
 * group named earlier. Spelling: the normaliser's folding, Arabic clitics, Arabizi spellings,
 * English leetspeak (musl1ms, w0men, Bl@ck), and one edit (swap, missing or extra letter) when the
 * other half of the statement is present.
 *
 * Cost: one bit-set test per token (`ANCHORS`); only texts with a group or pattern word go on.
 */
import { foldTerm, type Normalized } from "../normalize";
import { hashToken, type Tokens } from "../tokens";
import { FusedWords } from "./fused-words";
import { GROUP_ADJ_EN, GROUP_HEAD_NOUNS_AR, GROUPS, NATIONALITY_ADJ_AR, PEOPLE_NOUNS_EN, type GroupDef, type GroupKind } from "../lexicons/groups";
import {
  BRIDGES, CONTRACTION_HEADS, COPULAS, COUNTER_MARKERS, EXCEPTIVES, FIRST_PERSON, FREE_INCITEMENT, FUSED_TAILS, GENERALISERS, IDIOM_OBJECTS, MODALS,
  NEGATORS, NOT_WANTED_AFTER,
  NUMBER_WORDS, OBJECT_NOUNS, PARTICLE_VERBS_EN, PATTERNS, PHRASE_ENDERS, PRIDE, PRONOUN_PHRASES_EN, PRONOUNS, QUALIFIERS_AFTER,
  QUALIFIERS_BEFORE, RECLAIM_GAP, RELATIVES, REPORT_MARKERS, SUBJECTS_EN, SUBSETS, type PatternDef, type PatternKind,
} from "../lexicons/hate-patterns";
import type { Hit } from "../types";

const COUNTRY_LIST = ["البلد", "بلدنا", "البحرين", "الديره", "ديرتنا", "الوطن", "وطننا", "country", "nation", "kingdom"].map(foldTerm);
const PEOPLE_EN = new Set(["nation", "race", "religion", "ethnicity", "tribe"]);
const PEOPLE_WORDS_LIST = ["شعب", "الشعب", "شعوب", "قوم", "امه", "طائفه", "دين", "مذهب", "جنسيه", "عرق", "people", "race", "nation", "religion", "ethnicity", "tribe"].map(foldTerm);

/** Rule per pattern kind (violence is the existing incitement rule; slurs the existing offence rule). */
export const RULE_OF: Record<PatternKind | "slur" | "incitement", string> = {
  derogation: "hate.group.derogation",
  dehumanisation: "hate.group.dehumanisation",
  takfir: "hate.group.takfir",
  exclusion: "hate.group.exclusion",
  hatred: "hate.group.hatred",
  violence: "hate.incitement",
  incitement: "hate.incitement",
  slur: "hate.offence",
};

export interface GroupHateFinding {
  rule: string;
  /** The group the statement is about (null for a call to violence that names none). */
  group: { id: string; kind: GroupKind; label: { ar: string; en: string } } | null;
  pattern: PatternKind | "slur" | "incitement";
  /** The words of the pattern as written. */
  words: string;
  score: number;
  /** Original UTF-16 ranges: the group, the pattern (and a generaliser). */
  ranges: [number, number][];
}

// ------------------------------------------------------------------ compiled lexicons

type Role =
  | { t: "group"; def: GroupDef; weak: boolean; slur: boolean }
  | { t: "pat"; def: PatternDef }
  | { t: "fn"; bits: number };

interface Phrase {
  toks: string[];
  role: Role;
  /** The clitic prefix the first token carried (و, لل, بال …). */
  pfx: string;
}

const NEG = 1, GEN = 2, BRIDGE = 4, COPULA = 8, MODAL = 16, SUBSET = 32, QUAL_AFTER = 64, QUAL_BEFORE = 128, PRON = 256,
  SUBJ = 512, COUNTER = 1024, REPORT = 2048, FIRST = 4096, PRIDEB = 8192, OBJ = 16384, NUMBER = 32768, EXCEPT = 65536,
  CONTR = 131072, RGAP = 1 << 18, REL = 1 << 19, ENDER = 1 << 20, PATW = 1 << 21;

function splitTokens(s: string): string[] {
  return s.split(/[^a-z0-9\u0621-\u064a]+/).filter((t) => t.length > 0);
}
/** Collapse runs of one Arabic letter (what the normaliser does), after joining a clitic to a stem. */
function collapse(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (i > 0 && c === s.charCodeAt(i - 1) && c >= 0x0621 && c <= 0x064a) continue;
    out += s[i];
  }
  return out;
}
const isArabic = (s: string) => s.length > 0 && s.charCodeAt(0) >= 0x0621 && s.charCodeAt(0) <= 0x064a;

const ARTICLE_FORMS = ["ال", "وال", "بال", "فال", "كال", "لل", "ولل", "هال", "وهال", "وبال", "يال"];
const GROUP_PREFIXES = ["", "و", "ف", "ب", "ل", "ك", "يا", "وب", "ول"];
const CLITICS: Record<string, string[]> = {
  noun: ["", "و", "ف", "ك", "ال", "وال", "كال", "فال"],
  verb: ["", "و", "ف", "ل"],
  masdar: ["", "ال", "و", "ب", "وب", "وال"],
  none: [""],
};

const heads = new Map<string, Phrase[]>();
/** A first-token form and the clitics it carries beyond the term as written. */
type Form = [form: string, pfx: string];
function addPhrase(first: readonly Form[], rest: string[], role: Role): void {
  for (const [f, pfx] of first) {
    const key = collapse(f);
    const list = heads.get(key) ?? [];
    list.push({ toks: [key, ...rest], role, pfx });
    heads.set(key, list);
  }
}

/** First-token forms of an Arabic group term: clitics and the article (required if written with it). */
function groupForms(tok: string, multi: boolean): Form[] {
  if (!isArabic(tok)) return [[tok, ""]];
  const out: Form[] = [];
  const stem = tok.startsWith("ال") ? tok.slice(2) : null;
  if (stem !== null) {
    for (const a of ARTICLE_FORMS) out.push([a + stem, a === "ال" ? "" : a.slice(0, -2) || a]);
    return out;
  }
  for (const p of GROUP_PREFIXES) out.push([p + tok, p]);
  if (!multi) for (const a of ARTICLE_FORMS) out.push([a + tok, a]);
  return out;
}
function withPrefixes(tok: string, prefixes: string[]): Form[] {
  if (!isArabic(tok)) return [[tok, ""]];
  const out: Form[] = [[tok, ""]];
  for (const p of prefixes) if (p !== "" && !(p.endsWith("ال") && tok.startsWith("ال"))) out.push([p + tok, p]);
  return out;
}

/**
 * Single-token keys for one-edit matching (group stems without the article, pattern words),
 * indexed by the key and each of its one-letter deletions: a word meets a key within one edit
 * only if they share one of these, so a look-up is a few map reads.
 */
class OneEditIndex {
  private readonly byVariant = new Map<string, [string, Role][]>();
  private readonly stems: string[] = [];
  keys(): readonly string[] {
    return this.stems;
  }
  set(key: string, role: Role): void {
    if (!this.stems.includes(key)) this.stems.push(key);
    for (const v of [key, ...deletions(key)]) {
      const l = this.byVariant.get(v) ?? [];
      if (!l.some(([k]) => k === key)) l.push([key, role]);
      this.byVariant.set(v, l);
    }
  }
  get(word: string): Role | null {
    for (const v of [word, ...deletions(word)]) {
      const l = this.byVariant.get(v);
      if (l) for (const [k, role] of l) if (oneEdit(k, word)) return role;
    }
    return null;
  }
}
function deletions(w: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < w.length; i++) out.push(w.slice(0, i) + w.slice(i + 1));
  return out;
}
const fuzzyGroups = new OneEditIndex();
const fuzzyPatterns = new OneEditIndex();

for (const def of GROUPS) {
  const add = (terms: string[] | undefined, weak: boolean, slur: boolean, arabizi = false) => {
    for (const term of terms ?? []) {
      const toks = splitTokens(foldTerm(term));
      if (toks.length === 0) continue;
      const role: Role = { t: "group", def, weak, slur };
      addPhrase(arabizi ? [[toks[0], ""]] : groupForms(toks[0], toks.length > 1), toks.slice(1), role);
      // Slurs are never matched within one edit: too many are a letter away from common words (gooks/looks).
      if (toks.length === 1 && !weak && !slur) {
        const stem = toks[0].startsWith("ال") ? toks[0].slice(2) : toks[0];
        if ((isArabic(stem) && stem.length >= 5) || (!isArabic(stem) && stem.length >= 5 && !arabizi)) {
          fuzzyGroups.set(stem, role);
        }
      }
    }
  };
  add(def.ar, false, false);
  add(def.en, false, false);
  add(def.weak, true, false);
  add(def.slur, false, true);
  add(def.arabizi, false, false, true);
}
// "الشعب المصري", "أتباع ذلك المذهب", "Chinese people": head + adjective, as a group of its own kind.
const PEOPLE: GroupDef = { id: "people", kind: "people", label: { ar: "شعب أو جماعة", en: "a people or community" } };
const byAdjective = new Map<string, GroupDef>();
for (const def of GROUPS) for (const t of [...(def.weak ?? []), ...(def.en ?? [])]) byAdjective.set(foldTerm(t), def);
const headNouns = new Set(GROUP_HEAD_NOUNS_AR.map(foldTerm));
const natAdj = new Set(NATIONALITY_ADJ_AR.map(foldTerm));
const adjEn = new Set(GROUP_ADJ_EN.map(foldTerm));
const peopleEn = new Set(PEOPLE_NOUNS_EN.map(foldTerm));
for (const h of headNouns) for (const [f] of groupForms(h, true)) if (!heads.has(collapse(f))) heads.set(collapse(f), []);

for (const def of PATTERNS) {
  for (const term of def.terms) {
    const toks = splitTokens(foldTerm(term));
    if (toks.length === 0) continue;
    const role: Role = { t: "pat", def };
    const cl = def.lang === "ar" ? CLITICS[def.clitics ?? "noun"] : [""];
    addPhrase(withPrefixes(toks[0], cl), toks.slice(1), role);
    if (toks.length === 1) {
      const k = toks[0];
      if ((isArabic(k) && k.length >= 5) || (!isArabic(k) && k.length >= 6)) fuzzyPatterns.set(k, role);
    }
  }
}

/** Function words (single tokens): bit classes. Multi-token markers go through `heads` as "fn" roles. */
const FN = new Map<string, number>();
function fn(words: readonly string[], bit: number): void {
  for (const w of words) {
    const toks = splitTokens(foldTerm(w));
    if (toks.length === 1) FN.set(toks[0], (FN.get(toks[0]) ?? 0) | bit);
    else if (toks.length > 1) addPhrase([[toks[0], ""]], toks.slice(1), { t: "fn", bits: bit });
  }
}
fn(NEGATORS, NEG);
fn(GENERALISERS, GEN);
fn(BRIDGES, BRIDGE);
fn(COPULAS, COPULA);
fn(MODALS, MODAL);
fn(SUBSETS, SUBSET);
fn(QUALIFIERS_AFTER, QUAL_AFTER);
fn(QUALIFIERS_BEFORE, QUAL_BEFORE);
fn(PRONOUNS, PRON);
fn(SUBJECTS_EN, SUBJ);
fn(COUNTER_MARKERS, COUNTER);
fn(REPORT_MARKERS, REPORT);
fn(FIRST_PERSON, FIRST);
fn(PRIDE, PRIDEB);
fn(OBJECT_NOUNS, OBJ);
fn(NUMBER_WORDS, NUMBER);
fn(EXCEPTIVES, EXCEPT);
fn(CONTRACTION_HEADS, CONTR);
fn(RECLAIM_GAP, RGAP);
fn(RELATIVES, REL);
fn(PHRASE_ENDERS, ENDER);
const particleVerbs = new Map(Object.entries(PARTICLE_VERBS_EN).map(([v, ps]) => [v, new Set(ps)]));
const CLAUSE_BREAK = new Set(["when", "how", "it", "that", "if", "what", "because", "whenever", "لما", "اذا", "لين", "عشان", "لان"]);
const NO_AFTER = new Set(["allowed", "welcome", "wanted", "please", "here", "anymore", "more"]);
const NOT_WANTED = new Set(NOT_WANTED_AFTER);
const IDIOMS = new Map<string, string[][]>();
for (const o of IDIOM_OBJECTS) {
  const toks = splitTokens(foldTerm(o));
  const l = IDIOMS.get(toks[0]) ?? [];
  l.push(toks);
  IDIOMS.set(toks[0], l);
}

/** Pre patterns whose group must carry a clitic (الموت للشيعة, تبا للوافدين, اللهم عليك باليهود). */
const REQUIRED_PREFIX = new Map([["الموت", "ل"], ["تبا", "ل"], ["لا مكان", "ل"], ["اللهم عليك", "ب"], ["كرهي ل", ""], ["لا", "ل"]].map(([k, v]) => [foldTerm(k), v]));

interface FreeRule { verbs: Map<string, string[][]>; then: Map<string, string[][]>; score: number; needsSubject: boolean }
const FREE: FreeRule[] = FREE_INCITEMENT.map((r) => {
  const verbs = new Map<string, string[][]>();
  for (const v of r.verbs) {
    const toks = splitTokens(foldTerm(v));
    for (const [f] of withPrefixes(toks[0], r.lang === "ar" ? CLITICS.verb : [""])) {
      const key = collapse(f);
      const l = verbs.get(key) ?? [];
      l.push([key, ...toks.slice(1)]);
      verbs.set(key, l);
    }
  }
  const then = new Map<string, string[][]>();
  for (const t of r.then) {
    const toks = splitTokens(foldTerm(t));
    const l = then.get(toks[0]) ?? [];
    l.push(toks);
    then.set(toks[0], l);
  }
  return { verbs, then, score: r.score, needsSubject: r.needsSubject === true };
});
const freeHeads = new Set<string>();
for (const r of FREE) for (const k of r.verbs.keys()) freeHeads.add(k);

/**
 * Tokens whose presence sends a text to the analysis: every word of a group, pattern or
 * call-to-violence phrase except function words (الله, لا, ما, من, "no", "for" … would send most
 * texts), so a phrase is found through its content words ("الله يلعن" through يلعن).
 */
const STOP = new Set(
  ["اله", "يلا", "يالله", "ال", "el", "al", "keep", "down", "over", "out", "home", "welcome", "up", "it", "workers", "community", "people",
    "rights", "clean", "back", "off", "away", "place", "room", "space", "more", "first", "هذا", "هذه", "ذلك", "المجتمع", "البيت", "البلد",
    "الديره", "الوطن", "مكان", "امان", "لهم", "فيهم", "بهم", "منهم", "عليهم", "بيننا", "even", "this", "that", "members", "followers",
    // Objects of the verb families (خربوا البلد, لا يستحقون الوظائف): the verb is the anchor.
    "بلدنا", "ديرتنا", "البحرين", "وظايفنا", "وظائفنا", "اقتصادنا", "خيراتنا", "شغلنا", "رزقنا", "الوظائف", "الوظايف", "وظائف", "العمل",
    "الشغل", "الجنسيه", "العيش", "البقاء", "الاحترام", "احترام", "الحقوق", "حقوق", "التعليم", "السكن", "المواطنه", "الحياه", "يعيشون",
    "يشتغلون", "يتوظفون", "الارض", "المنطقه", "وطننا", "country", "nation", "kingdom", "media", "banks", "world", "jobs", "religion",
    "kitchen", "space", "oxygen"].map(foldTerm),
);
const anchorWords = new Set<string>();
/** One anchor per phrase: its longest distinctive word ("not even human" → human, "الله يلعن" → يلعن). */
const anchorOf = (toks: readonly string[]) => {
  let best = "";
  for (const t of toks) if (!FN.has(t) && !STOP.has(t) && t.length >= 3 && t.length >= best.length) best = t;
  // A phrase of common words only ("keep out", "not welcome") names no one: its group is the anchor.
  if (best) anchorWords.add(best);
};
for (const list of heads.values()) {
  for (const p of list) {
    // A statement needs a pattern (an anchor of its own), so weak group words and function phrases
    // are not anchors; strong group words are, for a misspelled pattern after them.
    if (p.role.t === "fn" || (p.role.t === "group" && p.role.weak)) continue;
    anchorOf(p.toks);
  }
}
for (const r of FREE) {
  for (const l of r.verbs.values()) for (const toks of l) anchorOf(toks);
  for (const l of r.then.values()) for (const toks of l) anchorOf(toks);
}
/**
 * A Bloom filter over the anchors' token hashes (three probes from the one FNV hash, 2^18 bits =
 * 32 KiB, which stays in the L1 cache): with about seven thousand forms a single-probe bit set
 * would let one token in twenty through; this lets about one in two thousand.
 */
class AnchorFilter {
  readonly bits = new Int32Array(1 << 13);
  constructor(words: Iterable<string>) {
    for (const w of words) {
      const h = hashToken(w);
      const h2 = step(h);
      for (let k = 0; k < 3; k++) {
        const b = (h + Math.imul(k, h2)) & ANCHOR_MASK;
        this.bits[b >>> 5] |= 1 << (b & 31);
      }
    }
  }
  has(h: number): boolean {
    const bits = this.bits;
    const b0 = h & ANCHOR_MASK;
    if ((bits[b0 >>> 5] & (1 << (b0 & 31))) === 0) return false; // most tokens stop here
    const h2 = step(h);
    const b1 = (h + h2) & ANCHOR_MASK;
    if ((bits[b1 >>> 5] & (1 << (b1 & 31))) === 0) return false;
    const b2 = (h + 2 * h2) & ANCHOR_MASK;
    return (bits[b2 >>> 5] & (1 << (b2 & 31))) !== 0;
  }
}
const ANCHOR_MASK = (1 << 18) - 1;
/** The probe step: from the high bits of a product, so it depends on every bit of the hash (the low bits alone would make all probes agree). */
function step(h: number): number {
  return (Math.imul(h, 0x9e3779b1) >>> 12) | 1;
}
const ANCHORS = new AnchorFilter(anchorWords);
/**
 * Anchors that can carry a statement by themselves: group words (weak ones too), slurs, the head
 * nouns and adjectives of named groups, and calls to violence. A text anchored only by pattern
 * words goes on only if a misspelled group may be near (`NEAR_GROUPS`).
 */
const groupishWords = new Set<string>();
for (const [head, list] of heads) {
  for (const p of list) {
    if (p.role.t !== "group") continue;
    let best = "";
    for (const t of p.toks) if (!FN.has(t) && !STOP.has(t) && t.length >= best.length) best = t;
    if (best) groupishWords.add(best);
  }
  if (list.length === 0) groupishWords.add(head);
}
for (const w of [...adjEn, ...natAdj, ...PEOPLE_WORDS_LIST, ...freeHeads, ...COUNTRY_LIST]) groupishWords.add(w);
for (const r of FREE) for (const l of r.then.values()) for (const toks of l) for (const t of toks) if (!FN.has(t)) groupishWords.add(t);
const GROUPISH = new AnchorFilter(groupishWords);
/** Group stems and their one-letter deletions (see misspelledGroupNear). */
const nearGroupWords = new Set<string>();
for (const stem of fuzzyGroups.keys()) {
  nearGroupWords.add(stem);
  for (const d of deletions(stem)) nearGroupWords.add(d);
}
const NEAR_GROUPS = new AnchorFilter(nearGroupWords);
// The country (البلد, البحرين) only completes a statement: a part, not a content word (too many
// ordinary tokens end with it: والبحرين, للبحرين).
const fusedContent = [...anchorWords, ...groupishWords].filter((w) => !COUNTRY_LIST.includes(w));
/** Words written together ("ihatewomen", "الشيعهكلهم"): parts are function or content words, one a content word. */
const FUSED = new FusedWords([...FN.keys(), ...fusedContent, ...COUNTRY_LIST], fusedContent, ["i", "we", "us", "is", "be", "to", "no"], FUSED_TAILS.map(foldTerm));

// ------------------------------------------------------------------ per-text analysis

/** Words of the text under analysis (reused buffers; only texts with an anchor get here). */
let cap = 0;
let ws = new Int32Array(0);
let we = new Int32Array(0);
let sent = new Int32Array(0);
let bits = new Int32Array(0);
const keys: string[] = [];
const alts: (string | null)[] = [];
let groupOf = new Int32Array(0);
let nw = 0;

interface GroupMatch { def: GroupDef; weak: boolean; slur: boolean; start: number; end: number; pfx: string; fuzzy: boolean }
interface PatMatch { def: PatternDef; start: number; end: number; fuzzy: boolean; pfx: string }

function ensure(n: number): void {
  if (n <= cap) return;
  cap = Math.max(n, cap * 2, 64);
  ws = new Int32Array(cap);
  we = new Int32Array(cap);
  sent = new Int32Array(cap);
  bits = new Int32Array(cap);
  groupOf = new Int32Array(cap);
}

/** Characters that end a sentence (between two words). */
function sentenceBreak(text: string, a: number, b: number): boolean {
  for (let k = a; k < b; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2e || c === 0x21 || c === 0x3f || c === 0x61f || c === 0x3b || c === 0x61b || c === 0x0a || c === 0x2026) return true;
  }
  return false;
}
const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s", "!": "i", "|": "l", "*": "" };

/** Latin word with symbols or digits for letters (musl1ms, w0men, bl@ck, h8), folded back. */
function unleet(w: string): string {
  let s = w.toLowerCase();
  if (s === "h8" || s === "h8e") return "hate";
  s = s.replace(/h8/g, "hat");
  let out = "";
  for (const ch of s) out += LEET[ch] ?? ch;
  return out.replace(/(.)\1\1+/g, "$1");
}

/** No cuts: each token one word. */
const NO_CUTS: readonly number[] = [];

/** The words of the text: its tokens, split at `cuts` (ascending offsets inside fused tokens). */
function buildFromTokens(text: string, norm: Normalized, tk: Tokens, cuts: readonly number[] = NO_CUTS): void {
  const n = tk.count + cuts.length;
  ensure(n + 1);
  keys.length = n;
  alts.length = n;
  let w = 0;
  let c = 0;
  let s = 0;
  let prevEnd = 0;
  for (let i = 0; i < tk.count; i++) {
    const end = tk.end[i];
    let from = tk.start[i];
    for (;;) {
      const to = c < cuts.length && cuts[c] < end ? cuts[c++] : end;
      const a = norm.srcStart[from];
      const b = norm.srcEnd[to - 1];
      if (w > 0 && sentenceBreak(text, prevEnd, a)) s++;
      ws[w] = a;
      we[w] = b;
      sent[w] = s;
      prevEnd = b;
      keys[w] = norm.text.slice(from, to);
      // Latin words with digits (and Arabizi that may be leetspeak): keep the un-leeted original too.
      alts[w] = null;
      if (norm.mayHaveDigit && norm.latinLetters > 0) {
        const orig = text.slice(a, b);
        if (/[a-z]/i.test(orig) && /[0-9]/.test(orig)) alts[w] = unleet(orig);
      }
      w++;
      if (to === end) break;
      from = to;
    }
  }
  nw = w;
}

/** Mostly-Latin text with symbols inside words (Bl@ck, musl!ms): split the original instead. */
function buildFromRaw(text: string): void {
  const re = /[A-Za-z0-9@$!|*]+|[\u0600-\u06ff]+/g;
  const found: [number, number, string][] = [];
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    let a = m.index;
    let w = m[0];
    // Trailing/leading symbols are punctuation, not letters ("great!").
    while (w.length > 0 && /[@$!|*]/.test(w[w.length - 1])) w = w.slice(0, -1);
    while (w.length > 0 && /[@$!|*]/.test(w[0])) { w = w.slice(1); a++; }
    if (w.length === 0) continue;
    found.push([a, a + w.length, w]);
  }
  ensure(found.length + 1);
  keys.length = found.length;
  alts.length = found.length;
  let s = 0;
  let prevEnd = 0;
  found.forEach(([a, b, w], i) => {
    if (i > 0 && sentenceBreak(text, prevEnd, a)) s++;
    ws[i] = a;
    we[i] = b;
    sent[i] = s;
    prevEnd = b;
    const arabic = isArabic(w);
    const key = arabic ? foldTerm(w) : w.toLowerCase();
    keys[i] = /[0-9@$!|*]/.test(key) && !arabic ? unleet(key) : key;
    alts[i] = null;
  });
  nw = found.length;
}

function fnBits(i: number): number {
  let b = FN.get(keys[i]) ?? 0;
  const a = alts[i];
  if (a !== null) b |= FN.get(a) ?? 0;
  if (keys[i] === "t" && i > 0 && (bits[i - 1] & CONTR) !== 0) b |= NEG;
  const c0 = keys[i].charCodeAt(0);
  if (c0 >= 0x30 && c0 <= 0x39 && /^[0-9]+$/.test(keys[i])) b |= NUMBER;
  return b;
}

/** Match a phrase list at word i (longest first). */
const NONE: Phrase[] = [];
function matchAt(i: number, key: string): Phrase[] {
  const list = heads.get(key);
  if (!list || list.length === 0) return NONE;
  const out: Phrase[] = [];
  for (const p of list) {
    if (i + p.toks.length > nw) continue;
    let ok = true;
    for (let k = 1; k < p.toks.length && ok; k++) ok = keys[i + k] === p.toks[k] || alts[i + k] === p.toks[k];
    if (ok) out.push(p);
  }
  return out;
}

/**
 * Optimal string alignment distance ≤ 1 (one swap, insertion, deletion or substitution). Arabic
 * allows only an inserted or dropped letter: its roots permute and substitute into other real
 * words (رحيم/حريم, ايران/فيران, سلات/ستات).
 */
function oneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (isArabic(a)) return false;
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return i + 1 < la && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

const AR_STRIP = ["وال", "بال", "فال", "كال", "هال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];
/** Common words one edit away from a group or pattern word: never a fuzzy match. */
const NOT_FUZZY = new Set(
  ["جنود", "الجنود", "عمال", "العمال", "شريعه", "الشريعه", "يعود", "نسا", "woven", "omens", "human", "humans", "muslin", "animal",
    "stupid", "expert", "experts", "asians", "asian", "indians", "indian", "india", "jewels", "women", "woman", "blacks", "migrant",
    "virtue", "cancel", "canceled", "cancelled", "pigeons", "worship", "bugs", "dog", "dogs", "rats", "arabs", "arab", "blanks",
    "ladies", "lazy", "sick", "roaches", "coaches", "coach", "cattle", "battle", "settle", "viruses", "vermin", "virgin",
    "islands", "muslim", "muslims", "jewish", "hindus", "sikhs", "traitor", "trainer", "trainers", "rabbits", "parasite"].map(foldTerm),
);

function fuzzyLookup(index: OneEditIndex, i: number, minLen: number): { role: Role; stemmed: boolean } | null {
  let key = alts[i] ?? keys[i];
  if (NOT_FUZZY.has(key) || heads.has(key) || FN.has(key)) return null;
  // "jewz", "muslimz": a plural written with z.
  if (key.length >= 4 && key.endsWith("z") && !isArabic(key)) {
    const s = key.slice(0, -1) + "s";
    const exact = heads.get(s)?.find((p) => p.role.t === "group" && p.toks.length === 1);
    if (exact) return { role: exact.role, stemmed: false };
    key = s;
  }
  if (key.length >= minLen) {
    const role = index.get(key);
    if (role) return { role, stemmed: false };
  }
  if (isArabic(key)) {
    for (const p of AR_STRIP) {
      if (!key.startsWith(p) || key.length - p.length < minLen) continue;
      const role = index.get(key.slice(p.length));
      if (role) return { role, stemmed: true };
    }
  }
  return null;
}

const groupsFound: GroupMatch[] = [];
const patsFound: PatMatch[] = [];
/** Original ranges of statements that were negated, refuted, reported or reclaimed. */
const defused: [number, number][] = [];

/** An Arabic predicate with one long vowel too many (خوانة for خونة): the pattern it spells. */
function vowelDrop(key: string): PatternDef | null {
  if (!isArabic(key) || key.length < 5) return null;
  for (let k = 1; k < key.length - 1; k++) {
    const c = key[k];
    if (c !== "ا" && c !== "و" && c !== "ي") continue;
    const list = heads.get(key.slice(0, k) + key.slice(k + 1));
    const p = list?.find((x) => x.toks.length === 1 && x.role.t === "pat" && x.role.def.pos === "pred");
    if (p && p.role.t === "pat") return p.role.def;
  }
  return null;
}

/** Does the text (sentence `s`, or the whole text when it is short) read as counter-speech or reporting? */
function quotedOrRefuted(s: number): boolean {
  const short = nw <= 40;
  for (let i = 0; i < nw; i++) {
    if ((bits[i] & (COUNTER | REPORT)) === 0) continue;
    if (short || Math.abs(sent[i] - s) <= 1) return true;
  }
  return false;
}

function negatedBefore(i: number, span: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - span && sent[k] === sent[i]; k--) {
    if ((bits[k] & NEG) !== 0) {
      // "ما هم الا", "nothing but": a restriction, not a negation.
      for (let j = k + 1; j <= Math.min(k + 3, nw - 1); j++) if ((bits[j] & EXCEPT) !== 0) return false;
      return true;
    }
  }
  return false;
}

function subsetAround(g: GroupMatch): boolean {
  const b = g.start - 1;
  if (b >= 0 && sent[b] === sent[g.start] && (bits[b] & (NUMBER | QUAL_BEFORE)) !== 0) return true;
  for (let k = g.start - 1; k >= 0 && k >= g.start - 2; k--) if ((bits[k] & SUBSET) !== 0) return true;
  const a = g.end + 1;
  return a < nw && sent[a] === sent[g.end] && (bits[a] & QUAL_AFTER) !== 0;
}

function generalised(g: GroupMatch, until: number): number {
  for (let k = Math.max(0, g.start - 2); k < until; k++) if (k < g.start || k > g.end) if ((bits[k] & GEN) !== 0 && sent[k] === sent[g.start]) return k;
  return -1;
}

/** The nearest group named before word i (for pronouns), within the two previous sentences. */
function antecedent(i: number): GroupMatch | null {
  let best: GroupMatch | null = null;
  for (const g of groupsFound) if (g.end < i && sent[i] - sent[g.start] <= 2 && (!best || g.end > best.end)) best = g;
  if (best) return best;
  // Named after, in the same sentence: "يجب طردهم جميعا، هؤلاء الوافدين", "they should go, these immigrants".
  for (const g of groupsFound) if (g.start > i && sent[g.start] === sent[i] && !g.weak) return g;
  return null;
}

/** "أنا رافضي وأفتخر", "I'm a proud Paki", "we dykes": a first-person word before the slur (through
 * "a", "proud" …), or pride right after it. */
/** Slurs that are also everyday words next to these ("spic and span", "gobbledy gook", a car's "tranny"). */
const SLUR_GUARDS = new Map<string, Set<string>>([
  ["spic", new Set(["and", "n", "span", "spoc"])],
  ["gook", new Set(["gobbledy", "gobble", "de", "gobbledy-gook"])],
  ["tranny", new Set(["motor", "fluid", "transmission", "engine", "car", "truck", "rebuilt", "auto", "manual", "oil", "e250"])],
  ["coons", new Set(["squirrels", "raccoons", "possums", "hunting", "trap", "traps", "racoons"])],
]);
function everydayWord(g: GroupMatch): boolean {
  const guard = SLUR_GUARDS.get(keys[g.start]);
  if (!guard) return false;
  for (let k = Math.max(0, g.start - 2); k <= Math.min(nw - 1, g.end + 3); k++) if (k !== g.start && guard.has(keys[k])) return true;
  return false;
}

function reclaimed(g: GroupMatch): boolean {
  for (let k = g.start - 1; k >= 0 && k >= g.start - 4 && sent[k] === sent[g.start]; k--) {
    if ((bits[k] & FIRST) !== 0) return true;
    if ((bits[k] & (RGAP | PRIDEB)) === 0) break;
  }
  for (let k = g.end + 1; k < nw && k <= g.end + 3 && sent[k] === sent[g.end]; k++) if ((bits[k] & PRIDEB) !== 0) return true;
  return false;
}

/** Is this weak (singular or ambiguous) group word followed by a noun it qualifies ("Indian food")? */
function qualifiesNoun(g: GroupMatch): boolean {
  const a = g.end + 1;
  if (a >= nw || sent[a] !== sent[g.end]) return false;
  return (bits[a] & ~(REPORT | COUNTER)) === 0 && heads.get(keys[a]) === undefined;
}

const YEAR_AFTER = new Set(["الماضيه", "القادمه", "الجايه", "الحاليه", "الدراسيه", "الماليه", "الجديده", "الهجريه", "الميلاديه", "الاولي", "الثانيه", "الاخيره", "المقبله", "السابقه", "النبويه", "المطهره", "الكبيسه", "كلها", "بكبرها", "وانتم", "وانت"].map(foldTerm));
const YEAR_BEFORE = new Set(["هذه", "هذي", "خلال", "طوال", "طول", "نهايه", "بدايه", "منتصف", "راس", "في", "هاي", "اخر", "نص"].map(foldTerm));

/** السنة is also "the year" and "the Sunnah": only a group when nothing says otherwise. */
function yearReading(g: GroupMatch): boolean {
  if (g.def.id !== "sunni" || g.end !== g.start || !keys[g.start].endsWith("سنه")) return false;
  if (g.pfx.startsWith("ه") || g.pfx === "لل") return true; // هالسنة = this year, للسنة القادمة
  const a = g.end + 1;
  if (a < nw && (YEAR_AFTER.has(keys[a]) || /^[0-9]+$/.test(keys[a]))) return true;
  const b = g.start - 1;
  return b >= 0 && YEAR_BEFORE.has(keys[b]);
}

// ------------------------------------------------------------------ the detector

/**
 * Find group-directed hate in one text. Appends findings to `out`. `text`, `norm` and `tk` are the
 * original, its normalisation and its tokens (see score.ts).
 */
export function findGroupHate(text: string, norm: Normalized, tk: Tokens, out: GroupHateFinding[]): boolean {
  lastText = text;
  const n = tk.count;
  const hashes = tk.hash;
  const first = ANCHORS.bits;
  let anchored = false;
  let strong = false;
  let firstAnchor = -1;
  for (let i = 0; i < n; i++) {
    // The first probe inline: most tokens stop at it.
    const h = hashes[i];
    const b = h & ANCHOR_MASK;
    if ((first[b >>> 5] & (1 << (b & 31))) === 0 || !ANCHORS.has(h)) continue;
    anchored = true;
    firstAnchor = i;
    break;
  }
  // Anchored texts only: is there a word that names a group (or a call to violence)?
  if (anchored) for (let i = 0; i < n && !strong; i++) strong = GROUPISH.has(hashes[i]);
  lastAnchored = anchored;
  if (!anchored) return false;
  if (!strong && norm.latinLetters > 0 && norm.mayHaveDigit) {
    // Leetspeak (musl1ms, w0men) may spell a group next to a pattern word. (Arabizi words with
    // 2 3 5 6 7 8 9 are transliterated by the normaliser, and their Arabic forms are anchors.)
    for (let i = 0; i < n && !strong; i++) strong = norm.arabizi[tk.start[i]] === 1 || leet(norm.units, tk.start[i], tk.end[i]);
  }
  const raw = norm.latinLetters > norm.arabicLetters && symbolsInWords(text);
  // A pattern word with no group word near it: only a misspelled group could make a statement.
  if (!strong && !raw && !misspelledGroupNear(norm, tk, firstAnchor)) return false;
  if (raw) buildFromRaw(text);
  else buildFromTokens(text, norm, tk);
  analyse(out);
  return true;
}

/** Did the last `findGroupHate` see a group or pattern word? */
let lastAnchored = false;
/**
 * Texts of up to this many tokens are searched for words written together even with no group or
 * pattern word elsewhere ("I hatewomen."); longer ones only with one. Cost, as a share of the
 * scorer's time on the bench posts (30 % of them this short): 3 % on every text, 1 % this way.
 */
const FUSED_SHORT_TEXT = 12;
const fusedCuts: number[] = [];
/**
 * The text again with words written together split ("ihatewomen" → i hate women), when the first
 * reading found nothing: a second analysis over the split words, spans still in the original.
 */
function findFused(text: string, norm: Normalized, tk: Tokens, out: GroupHateFinding[], anchored: boolean): void {
  if (!anchored && tk.count > FUSED_SHORT_TEXT) return;
  if (fusedCuts.length > 0) fusedCuts.length = 0;
  if (!FUSED.cutsOf(norm.text, norm.units, tk, fusedCuts)) return;
  lastText = text;
  buildFromTokens(text, norm, tk, fusedCuts);
  analyse(out);
}

const IN_WORD_SYMBOL = /[a-z]([@$!|*]+)[a-z0-9]/gi;
const EMAIL_DOMAIN = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/i;
/** Symbols standing for letters inside a Latin word (Bl@ck, musl!ms), not an e-mail address. */
function symbolsInWords(text: string): boolean {
  IN_WORD_SYMBOL.lastIndex = 0;
  for (let m = IN_WORD_SYMBOL.exec(text); m !== null; m = IN_WORD_SYMBOL.exec(text)) {
    if (m[1] === "@" && EMAIL_DOMAIN.test(text.slice(m.index + 2))) continue;
    return true;
  }
  return false;
}

/** A Latin word with a digit inside it (musl1ms, w0men): letters and digits mixed. */
function leet(u: Uint16Array, a: number, b: number): boolean {
  let letter = false;
  let digit = false;
  for (let k = a; k < b; k++) {
    const c = u[k];
    if (c >= 0x61 && c <= 0x7a) letter = true;
    else if (c >= 0x30 && c <= 0x39) digit = true;
    else return false;
  }
  return letter && digit && b - a >= 4;
}

/** FNV-1a of units [a, b) without unit `skip` (-1: none), as `hashToken` computes it. */
function hashUnits(u: Uint16Array, a: number, b: number, skip: number): number {
  let h = 0x811c9dc5;
  for (let k = a; k < b; k++) if (k !== skip) h = Math.imul(h ^ u[k], 16777619);
  return h;
}

/**
 * Is a token next to the pattern word (three either side: where its subject or object stands)
 * one edit away from a group stem (m*slims → mslims, muzlims)?
 * Tested on hashes (the token and its one-letter deletions, after an Arabic clitic) against
 * `NEAR_GROUPS`, so no string is made.
 */
function misspelledGroupNear(norm: Normalized, tk: Tokens, from: number): boolean {
  const u = norm.units;
  const to = Math.min(tk.count, from + 4);
  for (let i = Math.max(0, from - 3); i < to; i++) {
    const s = tk.start[i];
    const e = tk.end[i];
    if (i === from || e - s < 4 || e - s > 12) continue;
    let a = s;
    if (u[e - 1] === 0x7a && GROUPISH.has(Math.imul(hashUnits(u, a, e - 1, -1) ^ 0x73, 16777619))) return true; // jewz → jews
    for (;;) {
      if (NEAR_GROUPS.has(hashUnits(u, a, e, -1))) return true;
      for (let k = a; k < e; k++) if (NEAR_GROUPS.has(hashUnits(u, a, e, k))) return true;
      // Strip one Arabic clitic (و ف ب ل ك، ال) and try the stem too.
      const c = u[a];
      if (a === s && (c === 0x648 || c === 0x641 || c === 0x628 || c === 0x644 || c === 0x643) && e - a > 4) a++;
      else if (u[a] === 0x627 && u[a + 1] === 0x644 && e - a > 5) a += 2;
      else break;
    }
  }
  return false;
}

function analyse(out: GroupHateFinding[]): void {
  groupsFound.length = 0;
  patsFound.length = 0;
  defused.length = 0;
  for (let i = 0; i < nw; i++) {
    bits[i] = 0;
    groupOf[i] = -1;
  }
  for (let i = 0; i < nw; i++) bits[i] = fnBits(i);

  // 1. Exact matches: groups (longest phrase wins), patterns, multi-word function markers.
  for (let i = 0; i < nw; i++) {
    let cands = matchAt(i, keys[i]);
    if (alts[i] !== null) cands = [...cands, ...matchAt(i, alts[i]!)];
    let bestGroup: Phrase | null = null;
    for (const p of cands) {
      if (p.role.t === "group") {
        if (!bestGroup || p.toks.length > bestGroup.toks.length) bestGroup = p;
      } else if (p.role.t === "pat") {
        patsFound.push({ def: p.role.def, start: i, end: i + p.toks.length - 1, fuzzy: false, pfx: p.pfx });
      } else {
        for (let k = i; k < i + p.toks.length; k++) bits[k] |= p.role.bits;
      }
    }
    const head = headGroup(i);
    if (head && (!bestGroup || head.end - head.start + 1 > bestGroup.toks.length)) pushGroup(head);
    else if (bestGroup && bestGroup.role.t === "group") {
      const g: GroupMatch = { def: bestGroup.role.def, weak: bestGroup.role.weak, slur: bestGroup.role.slur, start: i, end: i + bestGroup.toks.length - 1, pfx: bestGroup.pfx, fuzzy: false };
      if (!yearReading(g)) pushGroup(g);
    }
  }
  // Words inside a pattern are bridges for the next one ("النصارى أعداء الله ومصيرهم النار").
  for (const p of patsFound) if (p.def.pos === "pred") for (let k = p.start; k <= p.end; k++) bits[k] |= PATW;

  // 2. One-edit matches for the missing half of a statement.
  if (groupsFound.length === 0 && patsFound.length > 0) {
    // Only where the group would stand: the subject before a predicate, the object after a verb.
    for (const p of patsFound) {
      const i = p.def.pos === "pred" ? slotBefore(p.start) : p.def.pos === "pron" || p.def.pos === "free" ? -1 : slotAfter(p.end);
      if (i < 0 || groupOf[i] >= 0 || keys[i].length < 4) continue;
      const f = fuzzyLookup(fuzzyGroups, i, isArabic(keys[i]) ? 5 : 4);
      if (f && f.role.t === "group") pushGroup({ def: f.role.def, weak: false, slur: f.role.slur, start: i, end: i, pfx: "", fuzzy: true });
    }
  } else if (groupsFound.length > 0) {
    for (let i = 0; i < nw; i++) {
      if (groupOf[i] >= 0 || bits[i] !== 0 || keys[i].length < 5 || patsFound.some((p) => i >= p.start && i <= p.end)) continue;
      if (!groupsFound.some((g) => sent[g.start] === sent[i] && i > g.end && i - g.end <= 4)) continue;
      const v = vowelDrop(keys[i]);
      if (v) patsFound.push({ def: v, start: i, end: i, fuzzy: true, pfx: "" });
      const f = v ? null : fuzzyLookup(fuzzyPatterns, i, isArabic(keys[i]) ? 5 : 6);
      if (f && f.role.t === "pat" && f.role.def.pos === "pred") patsFound.push({ def: f.role.def, start: i, end: i, fuzzy: true, pfx: "" });
    }
  }

  emitFrom = out.length;
  emitTo = out;
  // Without a group only a call to violence that names none can be found.
  if (groupsFound.length === 0) {
    let free = false;
    for (let i = 0; i < nw && !free; i++) free = freeHeads.has(keys[i]);
    // …or an attribute aimed at a whole people ("أوسخ شعب", "a disgusting nation"), or "all of them" expelled.
    for (const p of patsFound) if (p.def.kind === "derogation" && p.end + 1 < nw && PEOPLE_WORDS.has(keys[p.end + 1])) free = true;
    for (const p of patsFound) if (p.def.kind === "exclusion" && unnamedPeople(p)) free = true;
    if (!free) return;
  }

  // 3. Slurs name their group and are hate in themselves, unless reclaimed, refuted or reported.
  for (const g of groupsFound) {
    if (!g.slur || everydayWord(g)) continue;
    if (reclaimed(g) || quotedOrRefuted(sent[g.start]) || negatedBefore(g.start, 1)) {
      defused.push([ws[g.start], we[g.end]]);
      continue;
    }
    emit({ rule: RULE_OF.slur, group: info(g.def), pattern: "slur", words: span(g.start, g.end), score: g.fuzzy ? 0.78 : 0.86, ranges: [[ws[g.start], we[g.end]]] });
  }

  // 4. Patterns paired with their group.
  for (const p of patsFound) {
    const r = pair(p);
    if (r === null) continue;
    const { g, gen, viaPronoun } = r;
    const violence = p.def.kind === "violence";
    if (!violence && g !== null && subsetAround(g)) continue;
    if (negated(p, g) || quotedOrRefuted(sent[p.start]) || (g !== null && g.slur && reclaimed(g))) {
      // The words of a negated, refuted or reported statement insult no one (see vet).
      defused.push([ws[p.start], we[p.end]]);
      if (g) defused.push([ws[g.start], we[g.end]]);
      continue;
    }
    let score = p.def.score + (gen >= 0 ? 0.05 : 0);
    if (g && g.weak) score -= 0.06;
    if (p.fuzzy || (g && g.fuzzy)) score -= 0.08;
    if (viaPronoun) score -= 0.04;
    const ranges: [number, number][] = [[ws[p.start], we[p.end]]];
    if (g) ranges.push([ws[g.start], we[g.end]]);
    if (gen >= 0) ranges.push([ws[gen], we[gen]]);
    emit({ rule: RULE_OF[p.def.kind], group: g ? info(g.def) : null, pattern: p.def.kind, words: span(p.start, p.end), score: Math.min(0.97, Math.max(0.55, score)), ranges });
  }

  // 4b. "keep the foreigners out", "send them back", "No Muslims allowed".
  for (let i = 0; i < nw && groupsFound.length > 0; i++) {
    const ps = particleVerbs.get(keys[i]);
    if (ps && subjectBefore(i) && !negatedBefore(i, 2)) {
      for (let j = i + 1; j < nw && j <= i + 4 && sent[j] === sent[i]; j++) {
        const gi = groupOf[j];
        let g: GroupMatch | null = gi >= 0 ? groupsFound[gi] : null;
        let last = g ? g.end : -1;
        if (!g && (bits[j] & PRON) !== 0 && !(j + 1 < nw && groupOf[j + 1] >= 0)) {
          g = antecedent(i);
          last = j;
        }
        if (g) {
          if (last + 1 < nw && ps.has(keys[last + 1]) && !subsetAround(g) && !quotedOrRefuted(sent[i])) {
            emit({ rule: RULE_OF.exclusion, group: info(g.def), pattern: "exclusion", words: span(i, last + 1), score: 0.84, ranges: [[ws[i], we[i]], [ws[g.start], we[g.end]], [ws[last + 1], we[last + 1]]] });
          }
          break;
        }
        if ((bits[j] & (GEN | OBJ | BRIDGE)) === 0) break;
      }
    }
    // "We don't want (any more) Muslims here".
    if (keys[i] === "want" && i >= 2 && (bits[i - 1] & NEG) !== 0) {
      let j = i + 1;
      while (j < nw && j <= i + 3 && groupOf[j] < 0 && (keys[j] === "any" || keys[j] === "more" || keys[j] === "these" || keys[j] === "those" || keys[j] === "the")) j++;
      const g = j < nw && groupOf[j] >= 0 ? groupsFound[groupOf[j]] : null;
      if (g && g.start === j && g.end + 1 < nw && NOT_WANTED.has(keys[g.end + 1]) && !quotedOrRefuted(sent[i])) {
        emit({ rule: RULE_OF.exclusion, group: info(g.def), pattern: "exclusion", words: span(i - 2, g.end + 1), score: 0.84, ranges: [[ws[i - 2], we[g.end + 1]]] });
      }
    }
    if (keys[i] === "no" && i + 1 < nw && groupOf[i + 1] >= 0) {
      const g = groupsFound[groupOf[i + 1]];
      if (g.start === i + 1 && g.end + 1 < nw && NO_AFTER.has(keys[g.end + 1]) && !quotedOrRefuted(sent[i])) {
        emit({ rule: RULE_OF.exclusion, group: info(g.def), pattern: "exclusion", words: span(i, g.end + 1), score: 0.84, ranges: [[ws[i], we[g.end + 1]]] });
      }
    }
  }

  // 5. Calls to violence that need no group.
  for (let i = 0; i < nw; i++) {
    if (!freeHeads.has(keys[i])) continue;
    for (const rule of FREE) {
      const forms = rule.verbs.get(keys[i]);
      const verb = forms?.find((toks) => toks.every((t, k) => keys[i + k] === t));
      if (!verb) continue;
      const after = i + verb.length;
      for (let j = after; j < nw && j <= after + 4 && sent[j] === sent[i]; j++) {
        const list = rule.then.get(keys[j]);
        const hit = list?.find((toks) => toks.every((t, k) => keys[j + k] === t));
        if (!hit) continue;
        if (negatedBefore(i, 2) || quotedOrRefuted(sent[i]) || (rule.needsSubject && !subjectBefore(i))) break;
        emit({ rule: RULE_OF.incitement, group: null, pattern: "incitement", words: span(i, j + hit.length - 1), score: rule.score, ranges: [[ws[i], we[j + hit.length - 1]]] });
        break;
      }
    }
  }
}

let emitFrom = 0;
let emitTo: GroupHateFinding[] = [];
/** Add a finding unless the same rule already covers the same ranges. */
function emit(f: GroupHateFinding): void {
  for (let k = emitFrom; k < emitTo.length; k++) if (emitTo[k].rule === f.rule && sameRanges(emitTo[k].ranges, f.ranges)) return;
  emitTo.push(f);
}

function sameRanges(a: [number, number][], b: [number, number][]): boolean {
  return a.length === b.length && a.every((r, k) => r[0] === b[k][0] && r[1] === b[k][1]);
}

/** The nearest content word before word i (over copulas, generalisers, negators), in its sentence. */
function slotBefore(i: number): number {
  for (let k = i - 1; k >= 0 && k >= i - 4 && sent[k] === sent[i]; k--) {
    if ((bits[k] & (BRIDGE | COPULA | GEN | MODAL | NEG | SUBSET)) === 0) return k;
  }
  return -1;
}
/** The nearest content word after word i (over generalisers, articles, object nouns). */
function slotAfter(i: number): number {
  for (let k = i + 1; k < nw && k <= i + 4 && sent[k] === sent[i]; k++) {
    if ((bits[k] & (BRIDGE | GEN | OBJ)) === 0) return k;
  }
  return -1;
}

function pushGroup(g: GroupMatch): void {
  // Adjacent group words are one group ("Muslim immigrants", "الشيعة والسنة" stays two, joined by و).
  const last = groupsFound[groupsFound.length - 1];
  if (last && last.end === g.start - 1 && !g.pfx.startsWith("و") && sent[last.end] === sent[g.start]) {
    last.end = g.end;
    last.weak = last.weak && g.weak;
    last.slur = last.slur || g.slur;
  } else groupsFound.push(g);
  for (let k = g.start; k <= g.end; k++) groupOf[k] = groupsFound.length - 1;
}

/** "الشعب المصري", "الجالية الهندية", "أتباع ذلك المذهب", "Chinese people". */
function headGroup(i: number): GroupMatch | null {
  if (groupOf[i] >= 0 || i + 1 >= nw || sent[i + 1] !== sent[i]) return null;
  if (!heads.has(keys[i]) && !adjEn.has(keys[i])) return null;
  const k = keys[i];
  const next = keys[i + 1];
  if (headNouns.has(stripArabicClitic(k)) && isArabic(next)) {
    let j = i + 1;
    if (DEMONSTRATIVES.has(next)) j = i + 2 <= nw - 1 && (keys[i + 2].startsWith("ال")) ? i + 2 : i + 1;
    if (natAdj.has(next) || natAdj.has(keys[j])) {
      const def = byAdjective.get(keys[j]) ?? byAdjective.get(keys[j].replace(/^ال/, "")) ?? byAdjective.get(keys[j].replace(/^ال/, "").replace(/ه$/, "")) ?? PEOPLE;
      return { def, weak: false, slur: false, start: i, end: j, pfx: "", fuzzy: false };
    }
  } else if (!isArabic(k) && adjEn.has(k) && peopleEn.has(next)) {
    const def = byAdjective.get(k) ?? PEOPLE;
    return { def, weak: false, slur: false, start: i, end: i + 1, pfx: "", fuzzy: false };
  }
  return null;
}
function stripArabicClitic(k: string): string {
  for (const p of ["و", "ف", "ب", "ل"]) if (k.startsWith(p) && headNouns.has(k.slice(p.length))) return k.slice(p.length);
  return k;
}

const DEMONSTRATIVES = new Set(["ذلك", "هذا", "هذه", "تلك", "هذي", "هاذي"].map(foldTerm));

/** "شعب"/"people" after a superlative is the group a collective insult is aimed at (أوسخ شعب). */
const PEOPLE_WORDS = new Set(PEOPLE_WORDS_LIST);

const PRONOUN_PHRASES = PRONOUN_PHRASES_EN.map((p) => p.split(" "));
/** Does a pronoun object of several words ("every single one of them") start at word i? */
function pronounPhraseAt(i: number, s: number): boolean {
  return PRONOUN_PHRASES.some((toks) => i + toks.length <= nw && sent[i + toks.length - 1] === s && toks.every((t, k) => keys[i + k] === t));
}
function pair(p: PatMatch): { g: GroupMatch | null; gen: number; viaPronoun: boolean } | null {
  const s = sent[p.start];
  switch (p.def.pos) {
    case "pred": {
      const r = predicate(p, s);
      if (r) return r;
      // A superlative aimed at a whole people: "أوسخ شعب", "the dirtiest people".
      // …and an attribute right before "nation", "race", "religion" ("a disgusting nation", "inferior race").
      if (p.def.kind === "derogation" && p.end + 1 < nw && sent[p.end + 1] === s && PEOPLE_WORDS.has(keys[p.end + 1]) && (/^(ا.{2,3}|.*est|most)$/.test(keys[p.end]) || (!isArabic(keys[p.end]) && PEOPLE_EN.has(keys[p.end + 1])))) {
        return { g: { def: PEOPLE, weak: false, slur: false, start: p.end + 1, end: p.end + 1, pfx: "", fuzzy: false }, gen: -1, viaPronoun: false };
      }
      return null;
    }
    case "pre": {
      if (p.def.needs === "subject" && !subjectBefore(p.start)) return null;
      if (p.def.needs === "modal" && !modalBefore(p.start, 4)) return null;
      const required = REQUIRED_PREFIX.get(span(p.start, p.end, true));
      if (pronounPhraseAt(p.end + 1, s)) {
        const g = antecedent(p.start);
        return g ? { g, gen: -1, viaPronoun: true } : null;
      }
      let others = 0;
      for (let k = p.end + 1; k < nw && k <= p.end + 6 && sent[k] === s; k++) {
        if (CLAUSE_BREAK.has(keys[k])) return null; // "I hate when females …": a complaint, not the group
        const gi = groupOf[k];
        if (gi >= 0) {
          const g = groupsFound[gi];
          if (required !== undefined && !(g.pfx.startsWith(required) || (required === "ل" && g.pfx === "لل"))) return null;
          if (required !== undefined && k !== p.end + 1) return null;
          if (g.weak && (qualifiesNoun(g) || p.def.kind === "hatred")) return null;
          return { g, gen: generalised(g, g.start), viaPronoun: false };
        }
        const b = bits[k];
        if ((b & PRON) !== 0 && k <= p.end + 2 && !isArabic(keys[k]) && !(k + 1 < nw && groupOf[k + 1] >= 0)) {
          const g = antecedent(p.start);
          return g ? { g, gen: -1, viaPronoun: true } : null;
        }
        if ((b & (GEN | OBJ | BRIDGE)) === 0) others++;
        if (others > 1) return null;
      }
      return null;
    }
    case "construct": {
      const gi = p.end + 1 < nw ? groupOf[p.end + 1] : -1;
      if (gi < 0 || groupsFound[gi].start !== p.end + 1) return null;
      const g = groupsFound[gi];
      return g.weak ? null : { g, gen: -1, viaPronoun: false };
    }
    case "pron": {
      const g = antecedent(p.start);
      if (g) return { g, gen: -1, viaPronoun: true };
      return unnamedPeople(p) ? { g: null, gen: -1, viaPronoun: true } : null;
    }
    default:
      return null;
  }
}


/** The group a predicate is said of: walk back over copulas, generalisers and intensifiers. */
function predicate(p: PatMatch, s: number): { g: GroupMatch | null; gen: number; viaPronoun: boolean } | null {
  // "يا رجال يا أبطال": calling men by a word is praise, not a statement about men.
  const vocative = p.start > 0 && keys[p.start - 1] === "يا";
  let pronounAt = -1;
  let others = 0;
  let modal = false;
  let lastBridge = true;
  for (let k = p.start - 1; k >= 0 && k >= p.start - 9 && sent[k] === s; k--) {
    const gi = groupOf[k];
    if (gi >= 0) {
      const g = groupsFound[gi];
      if (g.weak && generalised(g, p.start) < 0) break;
      // A relative clause may stand between ("النساء اللي يطلعن بدون محرم يستاهلن الضرب").
      const relative = g.end + 1 < p.start && (bits[g.end + 1] & REL) !== 0;
      // "اللي يشوف هندي في الشارع يضربه": after a conditional generaliser the clause may run on.
      const conditional = p.def.kind === "violence" && g.start > 0 && (bits[g.start - 1] & GEN) !== 0 && keys[g.start - 1] !== "كل";
      if (!(others <= 1 || (others <= 4 && lastBridge) || ((relative || conditional) && others <= 6))) break;
      // With the article the word is a predicate only right after the group or a copula (الشيعة هم الخونة),
      // not after a preposition (للكشف عن الأمراض).
      if (p.pfx.endsWith("ال") && g.end !== p.start - 1 && !lastBridge) break;
      if (p.def.needs === "modal" && !modal && !modalBefore(g.start, 4)) break;
      if (groupsFound[gi].end !== k) break;
      if (vocative && g.def.id === "men") break;
      return { g, gen: generalised(g, p.start), viaPronoun: false };
    }
    const b = bits[k];
    // A copula, a modal, or a partitive after a quantity ("شعب كامل من الحرامية", "a bunch of rats").
    if (k === p.start - 1) lastBridge = (b & (COPULA | MODAL)) !== 0 || ((keys[k] === "من" || keys[k] === "of") && k > 0 && (bits[k - 1] & (GEN | BRIDGE)) !== 0);
    if (pronounAt < 0 && (b & PRON) !== 0 && (k === p.start - 1 || (b & COPULA) !== 0 || others === 0)) pronounAt = k;
    if ((b & MODAL) !== 0) modal = true;
    if ((b & (BRIDGE | COPULA | MODAL | GEN | NEG | SUBSET | PATW)) === 0) others++;
    if (others > 6) break;
  }
  // "they are vermin", "هم حشرات", "كلهم خونة": a pronoun subject standing for a group named elsewhere.
  if (pronounAt >= 0 && (p.def.needs !== "modal" || modal || modalBefore(pronounAt, 3))) {
    const g = antecedent(pronounAt);
    if (g) return { g, gen: -1, viaPronoun: true };
    if (unnamedPeople(p)) return { g: null, gen: -1, viaPronoun: true };
  }
  return null;
}

/** "ما شفت أوسخ من …", "ما في أحقر من …": a negated comparison is a superlative, not a negation. */
const NEVER_SEEN = new Set(["شفت", "في", "فيه", "يوجد", "لقيت", "حصلت", "رايت", "شفنا"].map(foldTerm));

const COUNTRY = new Set(COUNTRY_LIST);
/**
 * "يجب طردهم جميعا من البلد", "They should all be driven out of the country": expelling "all of
 * them" from the country names no group, but only a group is expelled so. Exclusion only.
 */
function unnamedPeople(p: PatMatch): boolean {
  if (p.def.kind !== "exclusion") return false;
  let all = false;
  let country = false;
  for (let k = 0; k < nw; k++) {
    if (sent[k] !== sent[p.start]) continue;
    if ((bits[k] & GEN) !== 0) all = true;
    if (COUNTRY.has(keys[k])) country = true;
  }
  return all && country;
}

function negated(p: PatMatch, g: GroupMatch | null): boolean {
  const s = sent[p.start];
  if (p.def.pos === "pre" && p.end > p.start && keys[p.end] === "من" && p.start > 0 && NEVER_SEEN.has(keys[p.start - 1])) return false;
  // A negator right before the pattern, or between group and pattern ("الشيعة ليسوا خونة", "women are not stupid").
  if (negatedBefore(p.start, 2)) return true;
  if (g !== null && g.end < p.start) {
    // "No immigrants deserve to die", "no woman is stupid": "no" before the subject negates, except
    // where it excludes ("no immigrants allowed").
    if (p.def.kind !== "exclusion" && g.start > 0 && keys[g.start - 1] === "no" && sent[g.start - 1] === s) return true;
    for (let k = g.end + 1; k < p.start; k++) if ((bits[k] & NEG) !== 0 && !negatedBeforeIsRestriction(k)) return true;
    // Before the group: "ليس كل", "مو كل", "not all", "I don't think".
    for (let k = g.start - 1; k >= 0 && k >= g.start - 4 && sent[k] === s; k--) {
      if ((bits[k] & NEG) !== 0 && !negatedBeforeIsRestriction(k)) return true;
    }
  }
  if (g !== null && g.start > p.end && p.def.pos === "pre") {
    // "I don't hate women": covered above; "kill no one": rare. Nothing more.
  }
  return false;
}
function negatedBeforeIsRestriction(k: number): boolean {
  for (let j = k + 1; j <= Math.min(k + 3, nw - 1); j++) if ((bits[j] & EXCEPT) !== 0) return true;
  return false;
}

function subjectBefore(i: number): boolean {
  const s = sent[i];
  if (i === 0 || sent[i - 1] !== s) return true; // imperative at the start of a sentence
  for (let k = i - 1; k >= 0 && k >= i - 4 && sent[k] === s; k--) if ((bits[k] & (SUBJ | MODAL)) !== 0) return true;
  return false;
}
function modalBefore(i: number, span: number): boolean {
  const s = sent[i];
  for (let k = i - 1; k >= 0 && k >= i - span && sent[k] === s; k--) if ((bits[k] & MODAL) !== 0) return true;
  // "الحل الوحيد مع الشيعة هو الإبادة": the call opens the sentence.
  for (let k = i - 1; k >= 0 && sent[k] === s; k--) if (keys[k] === "الحل") return true;
  return false;
}

function span(a: number, b: number, folded = false): string {
  if (folded) {
    let s = keys[a];
    for (let k = a + 1; k <= b; k++) s += " " + keys[k];
    return s;
  }
  return lastText.slice(ws[a], we[b]);
}
let lastText = "";

function info(def: GroupDef): GroupHateFinding["group"] {
  return { id: def.id, kind: def.kind, label: def.label };
}

// ------------------------------------------------------------------ wiring helpers for score.ts

const findings: GroupHateFinding[] = [];
const HATE_RULES = new Set(["hate.offence", "hate.incitement", "hate.model"]);
const OFF_RULES = new Set(["off.insult", "off.model"]);

/**
 * Add group-hate hits to `hits`, and drop earlier hits that a negated, refuted, reported or
 * reclaimed statement explains: lexicon slurs and incitement and the classifier's hate estimate
 * in such a sentence, and insult words (lexicon or classifier) inside such a statement
 * ("مو كل الهنود أغبياء", "قول إن كل السوريين إرهابيين تحريض مرفوض").
 */
export function detectGroupHate(text: string, norm: Normalized, tk: Tokens, hits: Hit[]): void {
  // Emptied only when something is left: setting an array's length is a builtin call even at 0,
  // and this runs for every post.
  if (findings.length > 0) findings.length = 0;
  if (defused.length > 0) defused.length = 0;
  lastText = text;
  let earlier = false;
  for (let i = 0; i < hits.length; i++) if (hits[i].rule.charCodeAt(0) === 0x68 /* h */ && HATE_RULES.has(hits[i].rule)) earlier = true;
  if (earlier && tk.count > 0) {
    // The vetting needs the words even when no group or pattern word is present.
    if (norm.latinLetters > norm.arabicLetters && symbolsInWords(text)) buildFromRaw(text);
    else buildFromTokens(text, norm, tk);
    analyse(findings);
    if (findings.length === 0 && defused.length === 0) findFused(text, norm, tk, findings, true);
  } else if (!earlier) {
    lastAnchored = false;
    findGroupHate(text, norm, tk, findings);
    if (findings.length === 0 && defused.length === 0) findFused(text, norm, tk, findings, lastAnchored);
  }
  if (earlier || defused.length > 0) vet(hits);
  for (let i = 0; i < findings.length; i++) hits.push({ rule: findings[i].rule, score: findings[i].score, ranges: findings[i].ranges });
}

function inDefused(r: [number, number]): boolean {
  for (const d of defused) if (r[0] < d[1] && d[0] < r[1]) return true;
  return false;
}

function vet(hits: Hit[]): void {
  let w = 0;
  let offLeft = false;
  let offDropped = false;
  for (let r = 0; r < hits.length; r++) {
    const h = hits[r];
    if (HATE_RULES.has(h.rule) && !findings.some((f) => f.rule === h.rule) && (guarded(h) || (h.rule !== "hate.incitement" && h.ranges.some(inDefused)))) continue;
    if (OFF_RULES.has(h.rule) && defused.length > 0 && (h.rule === "off.model" ? h.ranges.some(inDefused) : h.ranges.every(inDefused))) {
      offDropped = true;
      continue;
    }
    if (OFF_RULES.has(h.rule)) offLeft = true;
    hits[w++] = h;
  }
  hits.length = w;
  // An offence against a body needs an insult that still stands.
  if (offDropped && !offLeft) {
    let k = 0;
    for (let r = 0; r < hits.length; r++) if (hits[r].rule !== "off.entity") hits[k++] = hits[r];
    hits.length = k;
  }
}

/** Is the earlier hate hit in a refuted, reported or reclaimed sentence, or an idiom ("اقتلوا الملل")? */
function guarded(h: Hit): boolean {
  const [a, z] = h.ranges[0];
  let i = 0;
  while (i < nw - 1 && we[i] <= a) i++;
  if (quotedOrRefuted(sent[i])) return true;
  if (h.rule === "hate.incitement") {
    let j = i;
    while (j < nw - 1 && we[j] < z) j++;
    const list = j + 1 < nw ? IDIOMS.get(keys[j + 1]) : undefined;
    if (list?.some((toks) => toks.every((t, k) => keys[j + 1 + k] === t))) return true;
  }
  if (h.rule === "hate.offence") {
    const g: GroupMatch = { def: PEOPLE, weak: false, slur: true, start: i, end: i, pfx: "", fuzzy: false };
    if (reclaimed(g)) return true;
  }
  return false;
}

/** Findings with their group and pattern, for tests, the eval and explanations. */
export function explainGroupHate(text: string, norm: Normalized, tk: Tokens): GroupHateFinding[] {
  const out: GroupHateFinding[] = [];
  defused.length = 0;
  lastAnchored = false;
  findGroupHate(text, norm, tk, out);
  if (out.length === 0 && defused.length === 0) findFused(text, norm, tk, out, lastAnchored);
  return out;
}

