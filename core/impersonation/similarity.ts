/**
 * How much a candidate's handle and display name look like an official account's: edit distance
 * on the handles' skeletons, and token coverage on names normalised as the flag scorer normalises
 * Arabic (alef/yaa/taa-marbuta folding, harakat and tatweel dropped) after look-alikes are folded.
 */
import { foldTerm } from "../scoring/normalize";
import { AFFIXES, handleCore } from "./variants";
import { foldConfusables, handleSkeleton } from "./confusables";
import type { Platform } from "../enums";

/** Optimal-string-alignment distance (Levenshtein plus transpositions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (!a.length) return b.length;
  if (!b.length) return a.length;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2] + 1);
      cur[j] = v;
    }
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j];
    [prev, cur] = [cur, prev];
  }
  return prev[b.length];
}

export type HandleMatch =
  | { kind: "same"; sim: number }
  | { kind: "lookalike"; sim: number }
  | { kind: "affix"; sim: number; affix: string }
  | { kind: "contains"; sim: number }
  | { kind: "edit"; sim: number; distance: number };

const AFFIX_SKELETONS = [...AFFIXES, "the", "real", "hq", "ksa", "support", "help", "info"].map((a) => handleSkeleton(a)).sort((x, y) => y.length - x.length);

/** Similarity of two handles on a platform, 0–1, and why. */
export function handleSimilarity(platform: Platform, candidate: string, target: string): HandleMatch {
  const c = handleCore(platform, candidate);
  const t = handleCore(platform, target);
  if (c === t) return { kind: "same", sim: 1 };
  const cs = handleSkeleton(c);
  const ts = handleSkeleton(t);
  if (!cs || !ts) return { kind: "edit", sim: 0, distance: Math.max(cs.length, ts.length) };
  if (cs === ts) return { kind: "lookalike", sim: 1 };
  // Affixes peeled off either end until the official skeleton shows (dm_health_official, bh.dm_health).
  let rest = cs;
  const peeled: string[] = [];
  for (let changed = true; changed && rest.length > ts.length; ) {
    changed = false;
    for (const a of AFFIX_SKELETONS) {
      if (rest.endsWith(a) && rest.length - a.length >= ts.length) {
        rest = rest.slice(0, -a.length);
        peeled.push(a);
        changed = true;
      } else if (rest.startsWith(a) && rest.length - a.length >= ts.length) {
        rest = rest.slice(a.length);
        peeled.push(a);
        changed = true;
      }
      if (rest === ts) break;
    }
  }
  if (rest === ts) return { kind: "affix", sim: 0.92, affix: peeled.join("+") };
  if (ts.length >= 4 && cs.includes(ts)) return { kind: "contains", sim: 0.82 };
  const d = editDistance(cs, ts);
  const len = Math.max(cs.length, ts.length);
  // One edit in a short handle is still a close copy; distance counts more as handles get shorter.
  const sim = Math.max(0, 1 - d / Math.max(len, 6));
  return { kind: "edit", sim: d === 0 ? 1 : Math.min(sim, 0.95), distance: d };
}

/** Generic words of government names: they say little about which entity a name copies. */
const GENERIC = new Set(
  [
    "وزاره", "هيئه", "مجلس", "ديوان", "جهاز", "مركز", "الهيئه", "المجلس", "الاداره", "العامه", "العام", "الوطنيه", "الوطني",
    "الاعلي", "البحرين", "البحرينيه", "البحريني", "مملكه", "شؤون", "حكومه", "الحكومه", "محافظه", "المحافظه", "و", "ل", "لل", "في", "من",
    "ministry", "authority", "bahraini", "council", "bureau", "national", "general", "directorate", "kingdom", "bahrain", "of", "the",
    "and", "for", "affairs", "supreme", "government", "gov", "official", "organization", "center", "centre", "agency", "&",
  ].map((w) => foldName(w)),
);

/** A name folded for comparison: look-alikes, then the scorer's Arabic normalisation. */
export function foldName(name: string): string {
  return foldTerm(foldConfusables(name));
}

export function nameTokens(name: string): string[] {
  return foldName(name)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

const weight = (t: string) => (GENERIC.has(t) ? 0.25 : 1);

function tokenMatches(a: string, b: string): boolean {
  if (a === b) return true;
  // "الصحه"/"الصحيه", "ministry"/"minstry": one edit in a longer word is the same word.
  return a.length >= 5 && b.length >= 5 && editDistance(a, b) <= 1;
}

/**
 * Similarity of a candidate's display name to an official name, 0–1: the share of the official
 * name's (weighted) words the candidate shows, slightly lowered by words the official name lacks.
 * "وزارة الصحه البحرينية" vs "وزارة الصحة" ≈ 0.96; "وزارة الداخلية" vs "وزارة الصحة" ≈ 0.2.
 */
export function nameSimilarity(candidate: string | null | undefined, target: string | null | undefined): number {
  if (!candidate || !target) return 0;
  const c = nameTokens(candidate);
  const t = nameTokens(target);
  if (!c.length || !t.length) return 0;
  if (c.join(" ") === t.join(" ")) return 1;
  const tw = t.reduce((s, x) => s + weight(x), 0);
  const covered = t.filter((x) => c.some((y) => tokenMatches(x, y))).reduce((s, x) => s + weight(x), 0);
  const coverage = covered / tw;
  // A name that only shares generic words ("وزارة …") is not a copy.
  if (t.filter((x) => !GENERIC.has(x)).length && !t.some((x) => !GENERIC.has(x) && c.some((y) => tokenMatches(x, y)))) return Math.min(coverage, 0.3);
  const cw = c.reduce((s, x) => s + weight(x), 0);
  const precision = c.filter((y) => t.some((x) => tokenMatches(x, y))).reduce((s, y) => s + weight(y), 0) / cw;
  return Math.round(coverage * (0.85 + 0.15 * precision) * 1000) / 1000;
}
