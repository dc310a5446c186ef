/** Text helpers shared by connectors: HTML to text (Mastodon, RSS) and link extraction. */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === "#") {
      const n = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(n) && n <= 0x10ffff ? String.fromCodePoint(n) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** Plain text of an HTML fragment: paragraphs and <br> become newlines, tags dropped. */
export function htmlToText(html: string): string {
  const withBreaks = html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]+>/g, "");
  return decodeEntities(withBreaks).trim();
}

/** URLs and e-mail addresses found in free text (bios), deduplicated, in order. */
export function extractLinks(...texts: (string | null | undefined)[]): string[] {
  const out: string[] = [];
  const re = /\bhttps?:\/\/[^\s<>"')|]+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b|\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:gov\.bh|bh|com|org|net)\b(?:\/[^\s<>"')|]*)?/gi;
  for (const t of texts) {
    if (!t) continue;
    for (const m of t.matchAll(re)) {
      const v = m[0].replace(/[.,;:]+$/, "");
      if (!out.includes(v)) out.push(v);
    }
  }
  return out;
}
