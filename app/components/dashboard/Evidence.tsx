/**
 * Post text with the evidence spans wrapped in <mark>. Untrusted text is only ever rendered as
 * React text nodes (escaped); spans are clamped, sorted and merged so bad offsets cannot break it.
 */
import type { ReactNode } from "react";

export interface Span {
  start: number;
  end: number;
}

export function normalizeSpans(spans: readonly Span[], length: number): Span[] {
  const clean = spans
    .map((s) => ({ start: Math.max(0, Math.min(length, Math.floor(s.start))), end: Math.max(0, Math.min(length, Math.floor(s.end))) }))
    .filter((s) => Number.isFinite(s.start) && Number.isFinite(s.end) && s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of clean) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

export function Evidence({ text, spans, className }: { text: string; spans: readonly Span[]; className?: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const s of normalizeSpans(spans, text.length)) {
    if (s.start > at) parts.push(text.slice(at, s.start));
    parts.push(<mark key={s.start}>{text.slice(s.start, s.end)}</mark>);
    at = s.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <p className={`evidence ${className ?? ""}`} dir="auto" data-testid="evidence">
      {parts}
    </p>
  );
}
