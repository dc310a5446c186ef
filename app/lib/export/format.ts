/** Cell values of the exports: instants as Bahrain local time with its offset, JSON kept as text. */
import { BAHRAIN_OFFSET_SECONDS } from "../../../core/calendar";

/** `2026-11-03T14:05:09+03:00` (Bahrain keeps +03:00 all year), or null. */
export function isoBahrain(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return null;
  return `${new Date(ms + BAHRAIN_OFFSET_SECONDS * 1000).toISOString().slice(0, 19)}+03:00`;
}

/** An ASCII file name for Content-Disposition (slugs and dates only ever reach it). */
export function attachment(filename: string): string {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${safe}"`;
}
