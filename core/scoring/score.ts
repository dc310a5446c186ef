/** scoreItem: runs every detector that the policy applies to the item and turns hits into flags. */
import * as normalizeModule from "./normalize";
import type { Normalized } from "./normalize";
import * as tokensModule from "./tokens";
import type { Tokens } from "./tokens";
import * as policy from "./policy";
import * as lexicon from "./detectors/lexicon";
import type { LexHit } from "./detectors/lexicon";
import * as personalData from "./detectors/personal-data";
import * as confidential from "./detectors/confidential";
import type { MarkerHit } from "./detectors/confidential";
import * as groupHate from "./detectors/group-hate";
import * as namedExpressions from "./detectors/named-expressions";
import * as disclaimer from "./detectors/disclaimer";
import * as classifier from "./model/classifier";
import * as thresholds from "./model/thresholds";
import type { Hit, ScoreInput, ScoreResult, ScoredFlag, Severity } from "./types";

// Local bindings, read once: under a CommonJS transform (tsx, the workers) every use of an imported
// name is a getter call, ~3 % of the scorer's time when made for each post.
const { normalize } = normalizeModule;
const { tokenize } = tokensModule;
const { RULE_BY_ID, RULES, rulesFor } = policy;
const { matchEntityWords, matchLexicon } = lexicon;
const { detectPersonalData, domainIn, findWorkEmails, GOV_DOMAINS } = personalData;
const { detectConfidential } = confidential;
const { detectGroupHate } = groupHate;
const { maskNamedExpressions } = namedExpressions;
const { findOfficialTitle, hasDisclaimer } = disclaimer;
const { classify, explainLast, modelLanguage } = classifier;
const { flagScore, flagThreshold } = thresholds;

const CLASSES = new Set(["official", "executive", "employee"]);
const KINDS = new Set(["post", "bio"]);
const SEVERITY_WEIGHT: Record<Severity, number> = { low: 0.4, medium: 0.7, high: 0.9, critical: 1 };
const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const MAX_SPANS = 50;
const LEX_RULE: Record<LexHit["category"], [string, number]> = {
  obscene: ["obs.vulgar", 0.9],
  insult: ["off.insult", 0.85],
  hate: ["hate.offence", 0.85],
  incitement: ["hate.incitement", 0.92],
};
const HOST = /\b(?:[a-z0-9-]+\.)+[a-z]{2,}\b/gi;

function orig(norm: Normalized, a: number, b: number): [number, number] {
  return [norm.srcStart[a], norm.srcEnd[b - 1]];
}

export function scoreItem(input: ScoreInput): ScoreResult {
  const { text, accountClass, kind } = input;
  if (typeof text !== "string") throw new TypeError("text: expected a string");
  if (!CLASSES.has(accountClass)) throw new TypeError("accountClass: expected official, executive or employee");
  if (!KINDS.has(kind)) throw new TypeError("kind: expected post or bio");
  const domains = input.entityDomains ?? [];
  const applies = rulesFor(accountClass, kind);
  const hits: Hit[] = [];
  if (text.length === 0) return finish(text, hits, applies);

  const norm = normalize(text);
  const tk = tokenize(norm.text, norm.units);

  // Abusive language: lexicon first, classifier for what the lexicon does not name.
  const lex = lexBuf;
  if (lex.length > 0) lex.length = 0; // left over only if a call threw; setting length costs even at 0
  const neutral = neutralMask(tk.count);
  const clean = maskDirty;
  maskDirty = Math.max(maskDirty, tk.count); // until the matcher has returned (it may throw)
  const marked = matchLexicon(norm, tk, lex, neutral) + maskNamedExpressions(norm, tk, neutral);
  if (marked === 0) maskDirty = clean;
  let insultRanges: [number, number][] | null = null;
  let insultScore = 0;
  let hasOff = false;
  let hasHate = false;
  for (let i = 0; i < lex.length; i++) {
    const h = lex[i];
    const [rule, score] = LEX_RULE[h.category];
    const r = orig(norm, h.start, h.end);
    hits.push({ rule, score, ranges: [r] });
    if (h.category === "insult" || h.category === "obscene") hasOff = true;
    else hasHate = true;
    if (h.category !== "incitement") {
      (insultRanges ??= []).push(r);
      insultScore = Math.max(insultScore, score);
    }
  }
  if (lex.length > 0) lex.length = 0;
  // One classifier per language (Arabic, English); thresholds per task and account class.
  const lang = modelLanguage(norm.arabicLetters, norm.latinLetters);
  if (tk.count > 0 && lang !== null && (applies.has("off.model") || applies.has("hate.model"))) {
    const { pOff, pHs } = classify(norm.text, tk, marked > 0 ? neutral : undefined, norm.units, lang);
    const offTh = flagThreshold(lang, "offensive", accountClass);
    const hsTh = flagThreshold(lang, "hate", accountClass);
    if (pOff >= offTh && !hasOff) {
      const ranges = explainRanges(norm, tk, "offensive");
      const score = flagScore(pOff, offTh);
      hits.push({ rule: "off.model", score, ranges });
      (insultRanges ??= []).push(...ranges);
      insultScore = Math.max(insultScore, score);
    }
    if (pHs >= hsTh && !hasHate) {
      hits.push({ rule: "hate.model", score: flagScore(pHs, hsTh), ranges: explainRanges(norm, tk, "hate") });
    }
  }
  if (insultRanges !== null && insultRanges.length > 0 && applies.has("off.entity")) {
    const ent: [number, number][] = [];
    matchEntityWords(norm, tk, ent);
    if (ent.length > 0) {
      const ranges = insultRanges.slice();
      for (let i = 0; i < ent.length; i++) ranges.push(orig(norm, ent[i][0], ent[i][1]));
      hits.push({ rule: "off.entity", score: Math.min(0.85, insultScore), ranges });
    }
  }

  // Hate aimed at a group (COC-6); also drops earlier hate hits that are refuted, reported or reclaimed.
  detectGroupHate(text, norm, tk, hits);

  // Confidentiality markers: COC-4 for everyone, COC-9 as well on personal accounts.
  const marks = marksBuf;
  if (marks.length > 0) marks.length = 0;
  detectConfidential(text, norm, tk, marks);
  if (marks.length > 0) {
    const ranges = marks.map((m) => orig(norm, m.start, m.end));
    let score = marks[0].score;
    for (let i = 1; i < marks.length; i++) score = Math.max(score, marks[i].score);
    marks.length = 0;
    hits.push({ rule: "conf.marker", score, ranges });
    hits.push({ rule: "conf.position", score, ranges });
  }

  pdOptions.accountClass = accountClass;
  pdOptions.entityDomains = domains;
  detectPersonalData(text, pdOptions, hits, norm);
  pdOptions.entityDomains = NO_DOMAINS; // hold no caller's array between calls

  if (kind === "bio" && accountClass !== "official") bioChecks(text, norm, domains, hits);
  return finish(text, hits, applies);
}

/** Reused between calls (emptied before and after use), so a post with no hit allocates none. */
const lexBuf: LexHit[] = [];
const NO_DOMAINS: readonly string[] = [];
const pdOptions: { accountClass: string; entityDomains: readonly string[] } = { accountClass: "", entityDomains: NO_DOMAINS };
const marksBuf: MarkerHit[] = [];
let maskBuf = new Uint8Array(256);
/** maskBuf may hold a 1 only below this index (most posts mark nothing, and need no clearing). */
let maskDirty = 0;
function neutralMask(n: number): Uint8Array {
  if (n > maskBuf.length) {
    maskBuf = new Uint8Array(Math.max(n, maskBuf.length * 2));
    maskDirty = 0;
  }
  if (maskDirty > 0) {
    maskBuf.fill(0, 0, maskDirty);
    maskDirty = 0;
  }
  return maskBuf;
}

/** At least half of the letters are Arabic. */
export function mostlyArabic(t: string): boolean {
  let ar = 0;
  let lat = 0;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c >= 0x0621 && c <= 0x064a) ar++;
    else if (c >= 0x61 && c <= 0x7a) lat++;
  }
  return ar > 0 && ar >= lat;
}

function explainRanges(norm: Normalized, tk: Tokens, task: "offensive" | "hate"): [number, number][] {
  return explainLast(task, tk.count).map((t) => orig(norm, tk.start[t], tk.end[t]));
}

function bioChecks(text: string, norm: Normalized, domains: readonly string[], hits: Hit[]): void {
  const work = findWorkEmails(text, domains);
  if (work.length > 0) hits.push({ rule: "email.work", score: 0.9, ranges: work });
  if (hasDisclaimer(norm)) return;
  const shown: [number, number][] = [...work];
  const title = findOfficialTitle(norm);
  if (title) shown.push(orig(norm, title[0], title[1]));
  for (const m of text.matchAll(HOST)) {
    const host = m[0];
    if (text[m.index! - 1] === "@") continue; // the host of an email, already counted
    if (domainIn(host, domains) || domainIn(host, GOV_DOMAINS)) shown.push([m.index!, m.index! + host.length]);
  }
  if (shown.length > 0) hits.push({ rule: "disc.title-or-contact", score: 0.85, ranges: shown });
  else hits.push({ rule: "disc.missing", score: 0.7, ranges: [[0, text.length]] });
}

function finish(text: string, hits: Hit[], applies: ReadonlySet<string>): ScoreResult {
  if (hits.length === 0) return { risk: 0, flags: [] };
  // One flag per rule, in order of first hit (the risk multiplies in that order); a post has few
  // hits, so a scan for earlier hits of the same rule beats building a map.
  const flags: ScoredFlag[] = [];
  let keep = 1;
  for (let i = 0; i < hits.length; i++) {
    const rule = hits[i].rule;
    if (!applies.has(rule) || seenBefore(hits, i)) continue;
    let score = hits[i].score;
    let ranges = hits[i].ranges;
    for (let j = i + 1; j < hits.length; j++) {
      if (hits[j].rule !== rule) continue;
      score = Math.max(score, hits[j].score);
      if (ranges === hits[i].ranges) ranges = [...ranges]; // merged below: never extend a hit's own list
      ranges.push(...hits[j].ranges);
    }
    const def = RULE_BY_ID.get(rule)!;
    const s = round3(Math.min(1, Math.max(0, score)));
    flags.push({ rule, clause: def.clause, category: def.category, severity: def.severity, score: s, spans: mergeSpans(text, ranges) });
    keep *= 1 - s * SEVERITY_WEIGHT[def.severity];
  }
  if (flags.length > 1 && !inRuleOrder(flags)) flags.sort((a, b) => RULE_ORDER.get(a.rule)! - RULE_ORDER.get(b.rule)!);
  return { risk: round3(1 - keep), flags };
}

/** Are the flags already in policy order? (Usually: a sort call costs more than this check.) */
function inRuleOrder(flags: readonly ScoredFlag[]): boolean {
  let prev = RULE_ORDER.get(flags[0].rule)!;
  for (let i = 1; i < flags.length; i++) {
    const k = RULE_ORDER.get(flags[i].rule)!;
    if (k < prev) return false;
    prev = k;
  }
  return true;
}

/** Does a hit before index i have the same rule as hit i? */
function seenBefore(hits: readonly Hit[], i: number): boolean {
  for (let j = 0; j < i; j++) if (hits[j].rule === hits[i].rule) return true;
  return false;
}

function mergeSpans(text: string, ranges: [number, number][]): ScoredFlag["spans"] {
  if (ranges.length > 1 && !inOrder(ranges)) ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: ScoredFlag["spans"] = [];
  let cs = -1;
  let ce = -1;
  for (const [s, e] of ranges) {
    if (s >= e) continue;
    if (s <= ce) {
      if (e > ce) ce = e;
      continue;
    }
    if (ce > cs) out.push({ start: cs, end: ce, text: text.slice(cs, ce) });
    if (out.length >= MAX_SPANS) return out;
    cs = s;
    ce = e;
  }
  if (ce > cs && out.length < MAX_SPANS) out.push({ start: cs, end: ce, text: text.slice(cs, ce) });
  return out;
}

/** Is every range at or after the one before it, by the sort's own comparison? (A stable sort would leave them as they are.) */
function inOrder(ranges: readonly [number, number][]): boolean {
  for (let i = 1; i < ranges.length; i++) {
    const a = ranges[i - 1];
    const b = ranges[i];
    if ((a[0] - b[0] || a[1] - b[1]) > 0) return false;
  }
  return true;
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
