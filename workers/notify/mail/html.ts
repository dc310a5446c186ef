/**
 * Escaping and small pieces for the emails' HTML. Everything that is not our own literal text goes
 * through `esc` — post text above all, which is untrusted. Bidi controls in untrusted text are
 * dropped so a post cannot reorder the email around it.
 */
import type { EvidenceSpan } from "../../../core/enums";
import { excerpt as cutExcerpt, EXCERPT_MAX } from "../../../reports/excerpt";
import type { ExcerptPart } from "../../../reports/types";

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

/** The text cut around its first evidence span, spans marked, as the weekly report cuts it. */
export function excerpt(text: string, spans: readonly EvidenceSpan[], max = EXCERPT_MAX): ExcerptPart[] {
  return cutExcerpt(text, spans, max, clean);
}

export const excerptHtml = (parts: ExcerptPart[]) =>
  parts.map((p) => (p.hit ? `<mark style="background:#fde68a;color:inherit">${esc(p.text)}</mark>` : esc(p.text))).join("").replace(/\n/g, "<br>");

/** Evidence between ⟦ ⟧ in the plain-text part. */
export const excerptText = (parts: ExcerptPart[]) => parts.map((p) => (p.hit ? `⟦${p.text}⟧` : p.text)).join("");

/** A Latin run (handle, URL, address) kept left-to-right inside Arabic text. */
export const ltr = (s: string) => `<span dir="ltr" style="unicode-bidi:isolate">${esc(s)}</span>`;
