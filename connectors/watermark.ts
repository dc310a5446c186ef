/**
 * Cursor for platforms with no "since" parameter (Instagram, YouTube, Bluesky, RSS, Facebook as a
 * guard): the newest publish time seen plus the ids seen at that instant. Pages come newest first,
 * so paging stops once a page reaches items at or before the watermark.
 */
export interface Watermark {
  t: number;
  ids: string[];
  /** RSS conditional GET validators. */
  etag?: string;
  lastModified?: string;
}

export function parseWatermark(cursor: string | null): Watermark | null {
  if (!cursor) return null;
  try {
    const w = JSON.parse(cursor) as Watermark;
    if (typeof w.t === "number" && Array.isArray(w.ids)) return w;
  } catch {
    // An unreadable cursor means a full fetch, never a crash.
  }
  return null;
}

export function isNewer(w: Watermark | null, publishedAt: Date, id: string): boolean {
  if (!w) return true;
  const t = publishedAt.getTime();
  return t > w.t || (t === w.t && !w.ids.includes(id));
}

/** Advances the watermark over posts (any order). */
export function advance(w: Watermark | null, posts: { publishedAt: Date; platformPostId: string }[]): Watermark | null {
  let out = w ? { ...w, ids: [...w.ids] } : null;
  for (const p of posts) {
    const t = p.publishedAt.getTime();
    if (!out || t > out.t) out = { ...(out ?? {}), t, ids: [p.platformPostId] };
    else if (t === out.t && !out.ids.includes(p.platformPostId)) out.ids.push(p.platformPostId);
  }
  return out;
}

export function serializeWatermark(w: Watermark | null): string | null {
  return w ? JSON.stringify(w) : null;
}
