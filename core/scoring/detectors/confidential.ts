/**
 * Confidentiality markers and leaked-document cues. A marker labels a document ("سري للغاية",
 * "CONFIDENTIAL:", "تعميم داخلي", "خاص بموظفي الوزارة فقط", "not intended for publication"); a
 * sentence that talks about confidentiality ("نحافظ على سرية بياناتكم", "we keep your data
 * confidential", "يرجى عدم تداول الشائعات", "do not share your password") is not one.
 *
 * Phrase families and when they count:
 * - always: the phrase only ever labels (للاستخدام الداخلي, غير مخصص للنشر, internal use only);
 * - end: only where a clause ends after it (لا يُنشر — but not "لا ينشر الحساب إلا …");
 * - doc: where a clause ends and the text speaks of a document (draft, memo, مرفق, تعميم), or
 *   followed by "خارج", "externally" ("Draft – do not share", "يرجى عدم التداول خارج الإدارة");
 * - label: as a label only (line start, brackets, colon, upper case, next to a document noun);
 * - strict: as a label in brackets, before a colon or dash, or in upper case (مسودة, DRAFT).
 * "Staff only" is also found with words between: خاص بموظفي <الجهة> فقط, لمنتسبي … دون غيرهم.
 */
import { foldTerm, type Normalized } from "../normalize";
import { HashFilter, type Tokens } from "../tokens";

type When = "always" | "end" | "doc" | "label" | "strict";

/** [phrase, score, when]; `notBefore`: the phrase does not count before these words (محظور النشر في القضية). */
const PHRASES: [string, number, When, string[]?][] = [
  ["سري للغاية", 0.95, "always"], ["سري جدا", 0.9, "always"], ["سري وشخصي", 0.9, "always"], ["سري و شخصي", 0.9, "always"],
  ["سري وعاجل", 0.9, "always"], ["سري ومحدود", 0.9, "always"], ["سري ومستعجل", 0.9, "always"],
  ["للاستخدام الداخلي", 0.85, "always"], ["للاستعمال الداخلي", 0.85, "always"], ["للتداول الداخلي", 0.85, "always"],
  ["محدود التداول", 0.85, "always"], ["تداول محدود", 0.8, "always"], ["خاص بالموظفين", 0.85, "always"], ["للموظفين فقط", 0.85, "always"],
  ["غير قابل للنشر", 0.85, "always"], ["ليس للنشر", 0.85, "always"], ["ليست للنشر", 0.85, "always"], ["غير مخصص للنشر", 0.85, "always"],
  ["غير مخصصة للنشر", 0.85, "always"], ["غير معد للنشر", 0.85, "always"], ["غير معدة للنشر", 0.85, "always"], ["غير مصرح بنشره", 0.85, "always"],
  ["غير مصرح بنشرها", 0.85, "always"], ["لا يجوز نشره", 0.85, "always"], ["لا يجوز نشرها", 0.85, "always"], ["يمنع نشره", 0.85, "always"],
  ["يمنع نشرها", 0.85, "always"], ["يحظر نشره", 0.85, "always"], ["يحظر نشرها", 0.85, "always"], ["يمنع تداوله", 0.85, "always"],
  ["يمنع تداولها", 0.85, "always"], ["لا يسمح بتداوله", 0.85, "always"], ["عدم تداوله", 0.85, "always"], ["عدم تداولها", 0.85, "always"],
  ["عدم نشره", 0.85, "always"], ["عدم نشرها", 0.85, "always"], ["محظور النشر", 0.85, "always", ["في", "فيها", "فيه", "بشان"]],
  ["ممنوع النشر", 0.85, "always", ["في", "فيها", "فيه", "بشان"]], ["يمنع النشر", 0.8, "always", ["في", "فيها", "فيه", "بشان"]],
  ["لا ينشر", 0.85, "end"], ["لا تنشر", 0.85, "end"], ["لا تنشروا", 0.85, "end"], ["لا للنشر", 0.85, "end"], ["عدم النشر", 0.85, "end"],
  ["ولا ينشر", 0.85, "end"], ["ولا تنشر", 0.85, "end"], ["ولا يتم نشره", 0.85, "always"], ["ويمنع نشره", 0.85, "always"], ["ويمنع تداوله", 0.85, "always"],
  ["عدم التداول", 0.8, "doc"], ["لا يتم تداوله", 0.85, "always"], ["مسودة غير نهائية", 0.8, "always"], ["مسودة اولية", 0.75, "strict"],
  ["تعميم داخلي", 0.8, "always"], ["مذكرة داخلية", 0.8, "always"], ["وثيقة مسربة", 0.8, "always"], ["وثائق مسربة", 0.8, "always"],
  ["مستند مسرب", 0.8, "always"], ["مستندات مسربة", 0.8, "always"], ["كتاب مسرب", 0.8, "always"], ["تعميم مسرب", 0.8, "always"],
  ["خطاب مسرب", 0.8, "always"],
  ["internal only", 0.85, "always"], ["internal use only", 0.85, "always"], ["for internal use", 0.85, "always"],
  ["for internal purposes only", 0.85, "always"], ["for internal circulation", 0.85, "always"], ["internal circulation only", 0.85, "always"],
  ["not for distribution", 0.85, "always"], ["do not distribute", 0.85, "always"], ["not for publication", 0.85, "always"],
  ["not intended for publication", 0.85, "always"], ["not intended for public", 0.85, "always"], ["not for public release", 0.85, "always"],
  ["not for public distribution", 0.85, "always"], ["not for circulation", 0.85, "always"], ["not to be published", 0.85, "always"],
  ["not to be shared", 0.85, "always"], ["not to be distributed", 0.85, "always"], ["not for external", 0.85, "always"],
  ["top secret", 0.9, "always"], ["strictly confidential", 0.85, "always"], ["privileged and confidential", 0.85, "always"],
  ["staff only", 0.8, "always"], ["employees only", 0.8, "always"], ["for official use only", 0.85, "always"], ["official use only", 0.85, "always"],
  ["fouo", 0.8, "always"], ["eyes only", 0.85, "always"], ["need to know basis", 0.8, "always"], ["restricted distribution", 0.85, "always"],
  ["limited distribution", 0.8, "always"], ["embargoed", 0.85, "always"], ["under embargo", 0.85, "always"], ["embargo until", 0.85, "always"],
  ["leaked document", 0.8, "always"], ["leaked documents", 0.8, "always"], ["leaked memo", 0.8, "always"], ["internal memo", 0.8, "always"],
  ["internal circular", 0.8, "always"],
  ["do not share", 0.8, "doc"], ["do not forward", 0.8, "doc"], ["do not circulate", 0.8, "doc"], ["don t share", 0.8, "doc"],
  ["don t forward", 0.8, "doc"], ["please do not share", 0.8, "doc"], ["not for sharing", 0.8, "doc"],
];
/** Words that are markers only when they label something (line start, brackets, after/before a document noun). */
const LABELS = new Set(["سري", "سريه", "confidential", "classified", "restricted", "secret"].map(foldTerm));
/** Words that are markers only as a strict label ("مسودة:", "[DRAFT]", "Draft – do not share"). */
const STRICT_LABELS = new Set(["مسوده", "draft"].map(foldTerm));
const DOC_NOUNS = new Set(
  ["كتاب", "تعميم", "مستند", "مستندات", "وثيقة", "وثائق", "خطاب", "مذكرة", "تقرير", "ملف", "محضر", "مراسلة", "document", "documents", "memo", "report", "file", "letter", "circular", "minutes", "briefing"].map(foldTerm),
);
/** A document is being passed on: these words anywhere make a "doc" phrase count. */
const DOC_CUES = new Set(
  [...DOC_NOUNS, ...["مرفق", "مرفقه", "مسوده", "المسوده", "التعميم", "المذكره", "draft", "attached", "attachment", "memo", "internal", "confidential", "leaked", "minutes"].map(foldTerm)],
);
/** After a "doc" phrase: the document must stay inside ("خارج الإدارة", "externally"). */
const INSIDE = new Set(["خارج", "externally", "outside", "beyond", "publicly"].map(foldTerm));
/** Staff-only with words between: (خاص|مخصص) ب/لموظفي … فقط / دون غيرهم. */
const STAFF_HEADS = new Set(["خاص", "خاصه", "مخصص", "مخصصه", "حصري", "حصريا", "حصرا"].map(foldTerm));
const STAFF_NOUNS = new Set(["بموظفي", "لموظفي", "بالموظفين", "للموظفين", "لمنتسبي", "بمنتسبي", "لمنسوبي", "بمنسوبي", "لموظفات", "بموظفات"].map(foldTerm));
const STAFF_ENDS = new Set(["فقط", "حصرا", "غيرهم", "وحدهم"].map(foldTerm));

interface Phrase { tokens: string[]; score: number; when: When; notBefore?: Set<string> }
const byFirst = new Map<string, Phrase[]>();
for (const [p, score, when, notBefore] of PHRASES) {
  const tokens = foldTerm(p).split(/[^a-z0-9\u0621-\u064a]+/).filter((t) => t.length > 0);
  const l = byFirst.get(tokens[0]) ?? [];
  l.push({ tokens, score, when, notBefore: notBefore ? new Set(notBefore.map(foldTerm)) : undefined });
  byFirst.set(tokens[0], l);
}
for (const l of byFirst.values()) l.sort((a, b) => b.tokens.length - a.tokens.length);

/** Matches start only at a phrase's first token, a label word or a staff word: a cheap pre-check per token. */
const FIRST = new HashFilter([...byFirst.keys(), ...LABELS, ...STRICT_LABELS, ...STAFF_HEADS, ...STAFF_NOUNS]);

export interface MarkerHit { start: number; end: number; score: number }

function tokText(norm: Normalized, tk: Tokens, i: number): string {
  return norm.text.slice(tk.start[i], tk.end[i]);
}

function labelled(original: string, norm: Normalized, tk: Tokens, i: number): boolean {
  const s = norm.srcStart[tk.start[i]];
  const e = norm.srcEnd[tk.end[i] - 1];
  // "سرية المعلومات" (the confidentiality of …): a noun in construct with what follows, not a label.
  if (i + 1 < tk.count && norm.units[tk.start[i]] >= 0x0621 && norm.text.startsWith("ال", tk.start[i + 1]) && tk.start[i + 1] - tk.end[i] <= 1) return false;
  // Upper-case label in the original (CONFIDENTIAL, SECRET).
  const word = original.slice(s, e);
  if (word.length > 4 && word === word.toUpperCase() && word !== word.toLowerCase()) return true;
  // Line start or inside brackets/quotes, or followed by a colon.
  let k = s - 1;
  while (k >= 0 && (original[k] === " " || original[k] === "\t" || original[k] === "*" || original[k] === "-")) k--;
  if (k < 0 || "\n\r([«\"'|:【".includes(original[k])) return true;
  let j = e;
  while (j < original.length && original[j] === " ") j++;
  if (j < original.length && ":)]»|".includes(original[j])) return true;
  // "كتاب سري" (Arabic adjective after the noun) or "confidential memo" (English, before it).
  if (i > 0 && DOC_NOUNS.has(tokText(norm, tk, i - 1))) return true;
  if (i + 1 < tk.count && DOC_NOUNS.has(tokText(norm, tk, i + 1))) {
    return word.charCodeAt(0) < 0x0600; // only English puts the adjective first
  }
  return false;
}

/** "[مسودة]", "مسودة:", "DRAFT", "Draft – do not share": brackets, a colon or dash after, or upper case. */
function strictLabel(original: string, norm: Normalized, tk: Tokens, i: number): boolean {
  const s = norm.srcStart[tk.start[i]];
  const e = norm.srcEnd[tk.end[i] - 1];
  const word = original.slice(s, e);
  if (word.length > 3 && word === word.toUpperCase() && word !== word.toLowerCase()) return true;
  let k = s - 1;
  while (k >= 0 && original[k] === " ") k--;
  if (k >= 0 && "([«【|".includes(original[k])) return true;
  let j = e;
  while (j < original.length && original[j] === " ") j++;
  return j < original.length && ":)]»|–—-".includes(original[j]);
}

/** Does a clause end right after original offset `e` (end of text, punctuation, a dash or bracket)? */
function clauseEnds(original: string, e: number): boolean {
  let j = e;
  while (j < original.length && (original[j] === " " || original[j] === "\u200f" || original[j] === "\u200e")) j++;
  return j >= original.length || ".!?؟:;؛,،)]»|–—-\n\r*".includes(original[j]);
}

function hasDocCue(norm: Normalized, tk: Tokens): boolean {
  for (let i = 0; i < tk.count; i++) if (DOC_CUES.has(tokText(norm, tk, i))) return true;
  return false;
}

export function detectConfidential(original: string, norm: Normalized, tk: Tokens, out: MarkerHit[]): void {
  let docCue: boolean | null = null;
  for (let i = 0; i < tk.count; i++) {
    if (!FIRST.has(tk.hash[i])) continue;
    const tok = tokText(norm, tk, i);
    let matched = false;
    const list = byFirst.get(tok);
    if (list) {
      for (const p of list) {
        const n = p.tokens.length;
        if (i + n > tk.count) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = tokText(norm, tk, i + k) === p.tokens[k];
        if (!ok) continue;
        const last = i + n - 1;
        const end = norm.srcEnd[tk.end[last] - 1];
        if (p.notBefore && last + 1 < tk.count && p.notBefore.has(tokText(norm, tk, last + 1))) continue;
        if (p.when === "end" && !clauseEnds(original, end)) continue;
        if (p.when === "strict" && !strictLabel(original, norm, tk, i)) continue;
        if (p.when === "doc") {
          const inside = last + 1 < tk.count && INSIDE.has(tokText(norm, tk, last + 1));
          if (!inside) {
            if (!clauseEnds(original, end)) continue;
            docCue ??= hasDocCue(norm, tk);
            if (!docCue) continue;
          }
        }
        out.push({ start: tk.start[i], end: tk.end[last], score: p.score });
        matched = true;
        break;
      }
    }
    if (matched) continue;
    if (LABELS.has(tok) && labelled(original, norm, tk, i)) {
      out.push({ start: tk.start[i], end: tk.end[i], score: 0.8 });
    } else if (STRICT_LABELS.has(tok) && strictLabel(original, norm, tk, i)) {
      out.push({ start: tk.start[i], end: tk.end[i], score: 0.75 });
    } else if (STAFF_HEADS.has(tok) || STAFF_NOUNS.has(tok)) {
      staffOnly(norm, tk, i, out);
    }
  }
}

/** خاص بموظفي الوزارة فقط, لموظفي الهيئة دون غيرهم: the staff noun, up to three words, then "only". */
function staffOnly(norm: Normalized, tk: Tokens, i: number, out: MarkerHit[]): void {
  let j = i;
  if (STAFF_HEADS.has(tokText(norm, tk, i))) {
    j = i + 1;
    if (j >= tk.count || !STAFF_NOUNS.has(tokText(norm, tk, j))) return;
  } else if (i > 0 && STAFF_HEADS.has(tokText(norm, tk, i - 1))) {
    return; // counted from the head word
  }
  for (let k = j + 1; k < tk.count && k <= j + 4; k++) {
    if (STAFF_ENDS.has(tokText(norm, tk, k))) {
      out.push({ start: tk.start[i], end: tk.end[k], score: 0.85 });
      return;
    }
  }
}
