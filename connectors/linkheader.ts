/** RFC 8288 Link header → { rel: url } (Mastodon paging). */
export function parseLinkHeader(value: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value) return out;
  for (const part of value.split(/,(?=\s*<)/)) {
    const m = /<([^>]*)>\s*;(.*)/.exec(part.trim());
    if (!m) continue;
    const rel = /rel="?([^";]+)"?/.exec(m[2]);
    if (rel) for (const r of rel[1].split(/\s+/)) out[r] = m[1];
  }
  return out;
}
