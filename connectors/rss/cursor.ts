/**
 * The RSS cursor: which items were already fetched, as short hashes of their ids (a seen-set),
 * plus the conditional-GET validators. Not a publish-time watermark: feeds date items in the
 * future, add items later with older dates, or carry no dates at all, and each of those would be
 * skipped by "newer than the newest date seen". Old watermark cursors ({t, ids}) are still read.
 */
import { createHash } from "node:crypto";
import { isNewer, parseWatermark, type Watermark } from "../watermark";

/** Ids remembered beyond the current feed window (an item leaving and coming back is not new). */
export const SEEN_CAP = 1000;

export interface FeedCursor {
  seen: Set<string>;
  /** A cursor written before the seen-set (publish-time watermark). */
  legacy: Watermark | null;
  etag?: string;
  lastModified?: string;
}

interface StoredCursor {
  v: 2;
  seen: string[];
  etag?: string;
  lastModified?: string;
}

/** 72 bits of SHA-256: collisions within one feed's few thousand ids are negligible. */
export function seenKey(id: string): string {
  return createHash("sha256").update(id).digest("base64url").slice(0, 12);
}

const str = (v: unknown) => (typeof v === "string" && v ? v : undefined);

export function readCursor(cursor: string | null): FeedCursor {
  if (!cursor) return { seen: new Set(), legacy: null };
  try {
    const o = JSON.parse(cursor) as Partial<StoredCursor> | null;
    if (o && o.v === 2 && Array.isArray(o.seen)) {
      return { seen: new Set(o.seen.filter((x): x is string => typeof x === "string")), legacy: null, etag: str(o.etag), lastModified: str(o.lastModified) };
    }
  } catch {
    // An unreadable cursor means a full fetch, never a crash.
  }
  const w = parseWatermark(cursor);
  return { seen: new Set(), legacy: w, etag: str(w?.etag), lastModified: str(w?.lastModified) };
}

/** Fetched before? `dated` is the item's parsed publish date (only the legacy watermark needs it). */
export function wasSeen(c: FeedCursor, id: string, dated: Date | null): boolean {
  if (c.seen.has(seenKey(id))) return true;
  return !!(c.legacy && dated && !isNewer(c.legacy, dated, id));
}

/** The ids of the feed as fetched now, then earlier ones, up to SEEN_CAP (or the feed's size). */
export function writeCursor(prev: FeedCursor, currentIds: string[], validators: { etag?: string | null; lastModified?: string | null }): string {
  const keys = new Set(currentIds.map(seenKey));
  const cap = Math.max(SEEN_CAP, keys.size);
  for (const k of prev.seen) {
    if (keys.size >= cap) break;
    keys.add(k);
  }
  const out: StoredCursor = { v: 2, seen: [...keys] };
  if (validators.etag) out.etag = validators.etag;
  if (validators.lastModified) out.lastModified = validators.lastModified;
  return JSON.stringify(out);
}
