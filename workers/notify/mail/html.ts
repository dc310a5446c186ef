/**
 * Escaping and small pieces for the emails' HTML. Everything that is not our own literal text goes
 * through `esc` — post text above all, which is untrusted. Bidi controls in untrusted text are
 * dropped so a post cannot reorder the email around it.
 */
import type { EvidenceSpan } from "../../../core/enums";

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Control characters (newlines and tabs aside) and bidi overrides/isolates out. */
export function clean(s: string): string {
  let out = "";
  for (const ch of s) {
    const c = ch.charCodeAt(0);
    const control = (c < 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) || c === 0x7f;
    const bidi = (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    if (!control && !bidi) out += ch;
  }
  return out;
}

export const EXCERPT_MAX = 320;

export interface ExcerptPart {
  text: string;
  hit: boolean;
}

/** The text cut around its first evidence span, spans marked; "…" where it was cut. */
export function excerpt(text: string, spans: readonly EvidenceSpan[], max = EXCERPT_MAX): ExcerptPart[] {
  const merged = spans
    .map((s) => [Math.max(0, Math.min(text.length, s.start)), Math.max(0, Math.min(text.length, s.end))] as [number, number])
    .filter(([a, b]) => b > a)
    .sort((a, b) => a[0] - b[0])
    .reduce<[number, number][]>((out, s) => {
      const last = out[out.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else out.push([...s]);
      return out;
    }, []);
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

export const excerptHtml = (parts: ExcerptPart[]) =>
  parts.map((p) => (p.hit ? `<mark style="background:#fde68a;color:inherit">${esc(p.text)}</mark>` : esc(p.text))).join("").replace(/\n/g, "<br>");

/** Evidence between ⟦ ⟧ in the plain-text part. */
export const excerptText = (parts: ExcerptPart[]) => parts.map((p) => (p.hit ? `⟦${p.text}⟧` : p.text)).join("");

/** A Latin run (handle, URL, address) kept left-to-right inside Arabic text. */
export const ltr = (s: string) => `<span dir="ltr" style="unicode-bidi:isolate">${esc(s)}</span>`;
