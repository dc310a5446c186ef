/** A flagged post's text cut to a readable excerpt with its evidence spans marked (pure). */
import type { EvidenceSpan } from "../core/enums";
import { printable } from "./glyphs";
import type { ExcerptPart } from "./types";

export const EXCERPT_MAX = 320;

/** Merges overlapping spans (UTF-16 offsets) and clamps them to the text. */
function merge(spans: readonly EvidenceSpan[], len: number): [number, number][] {
  const sorted = spans
    .map((s) => [Math.max(0, Math.min(len, s.start)), Math.max(0, Math.min(len, s.end))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else out.push([...s]);
  }
  return out;
}

/** `clean` makes each part safe for the medium (the PDF keeps only glyphs its fonts cover; email drops controls). */
export function excerpt(text: string, spans: readonly EvidenceSpan[], max = EXCERPT_MAX, clean: (s: string) => string = printable): ExcerptPart[] {
  const merged = merge(spans, text.length);
  let from = 0;
  let to = text.length;
  if (text.length > max) {
    from = Math.max(0, (merged[0]?.[0] ?? 0) - Math.floor(max / 3));
    to = Math.min(text.length, from + max);
    from = Math.max(0, to - max);
  }
  const parts: ExcerptPart[] = [];
  const push = (a: number, b: number, hit: boolean) => {
    if (b > a) parts.push({ text: clean(text.slice(a, b)), hit });
  };
  if (from > 0) parts.push({ text: "… ", hit: false });
  let pos = from;
  for (const [a, b] of merged) {
    if (b <= from || a >= to) continue;
    push(pos, Math.max(pos, a), false);
    push(Math.max(pos, a), Math.min(b, to), true);
    pos = Math.min(b, to);
  }
  push(pos, to, false);
  if (to < text.length) parts.push({ text: " …", hit: false });
  return parts;
}
