/**
 * Confidentiality markers and leaked-document cues. A marker labels a document ("سري للغاية",
 * "CONFIDENTIAL:", "تعميم داخلي"); a sentence that talks about confidentiality ("نحافظ على سرية
 * بياناتكم", "we keep your data confidential") is not one.
 */
import { foldTerm, type Normalized } from "../normalize";
import { HashFilter, type Tokens } from "../tokens";

/** Phrases that are markers wherever they appear (score). */
const PHRASES: [string, number][] = [
  ["سري للغاية", 0.95], ["سري جدا", 0.9], ["سري وشخصي", 0.9], ["سري و شخصي", 0.9], ["سري وعاجل", 0.9],
  ["للاستخدام الداخلي", 0.85], ["للاستعمال الداخلي", 0.85], ["خاص بالموظفين", 0.85], ["للموظفين فقط", 0.85],
  ["غير قابل للنشر", 0.85], ["ليس للنشر", 0.85], ["غير مخصص للنشر", 0.85], ["يمنع تداوله", 0.85], ["لا يسمح بتداوله", 0.85],
  ["يمنع النشر", 0.8], ["تعميم داخلي", 0.8], ["مذكرة داخلية", 0.8], ["وثيقة مسربة", 0.8], ["وثائق مسربة", 0.8],
  ["مستند مسرب", 0.8], ["مستندات مسربة", 0.8], ["كتاب مسرب", 0.8], ["تعميم مسرب", 0.8], ["خطاب مسرب", 0.8],
  ["internal only", 0.85], ["internal use only", 0.85], ["for internal use", 0.85], ["not for distribution", 0.85],
  ["do not distribute", 0.85], ["not for publication", 0.85], ["top secret", 0.9], ["strictly confidential", 0.85],
  ["staff only", 0.8], ["leaked document", 0.8], ["leaked documents", 0.8], ["leaked memo", 0.8], ["internal memo", 0.8],
  ["internal circular", 0.8],
];
/** Words that are markers only when they label something (line start, brackets, after/before a document noun). */
const LABELS = new Set(["سري", "سريه", "confidential", "classified", "restricted", "secret"].map(foldTerm));
const DOC_NOUNS = new Set(
  ["كتاب", "تعميم", "مستند", "مستندات", "وثيقة", "وثائق", "خطاب", "مذكرة", "تقرير", "ملف", "محضر", "مراسلة", "document", "documents", "memo", "report", "file", "letter", "circular", "minutes", "briefing"].map(foldTerm),
);

interface Phrase { tokens: string[]; score: number }
const byFirst = new Map<string, Phrase[]>();
for (const [p, score] of PHRASES) {
  const tokens = foldTerm(p).split(" ");
  const l = byFirst.get(tokens[0]) ?? [];
  l.push({ tokens, score });
  byFirst.set(tokens[0], l);
}

/** Matches start only at a phrase's first token or a label word: a cheap pre-check per token. */
const FIRST = new HashFilter([...byFirst.keys(), ...LABELS]);

export interface MarkerHit { start: number; end: number; score: number }

function labelled(original: string, norm: Normalized, tk: Tokens, i: number): boolean {
  const s = norm.srcStart[tk.start[i]];
  const e = norm.srcEnd[tk.end[i] - 1];
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
  if (i > 0 && DOC_NOUNS.has(norm.text.slice(tk.start[i - 1], tk.end[i - 1]))) return true;
  if (i + 1 < tk.count && DOC_NOUNS.has(norm.text.slice(tk.start[i + 1], tk.end[i + 1]))) {
    return word.charCodeAt(0) < 0x0600; // only English puts the adjective first
  }
  return false;
}

export function detectConfidential(original: string, norm: Normalized, tk: Tokens, out: MarkerHit[]): void {
  for (let i = 0; i < tk.count; i++) {
    if (!FIRST.has(tk.hash[i])) continue;
    const tok = norm.text.slice(tk.start[i], tk.end[i]);
    let matched = false;
    const list = byFirst.get(tok);
    if (list) {
      for (const p of list) {
        const n = p.tokens.length;
        if (i + n > tk.count) continue;
        let ok = true;
        for (let k = 1; k < n && ok; k++) ok = norm.text.slice(tk.start[i + k], tk.end[i + k]) === p.tokens[k];
        if (ok) {
          out.push({ start: tk.start[i], end: tk.end[i + n - 1], score: p.score });
          matched = true;
          break;
        }
      }
    }
    if (!matched && LABELS.has(tok) && labelled(original, norm, tk, i)) {
      out.push({ start: tk.start[i], end: tk.end[i], score: 0.8 });
    }
  }
}
