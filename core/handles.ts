/**
 * Canonical handles per platform (see accounts.handle): lower-case, no leading "@"; Mastodon is
 * user@instance; Bluesky a domain handle; RSS the feed URL. Pure, shared by forms, CSV import and
 * /verify so one spelling of an account always finds the same row.
 */
import type { Platform } from "./enums";

const DOMAIN = /^(?=.{4,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{1,62}$/;

const RULES: Record<Exclude<Platform, "rss" | "mastodon" | "bluesky">, RegExp> = {
  x: /^[a-z0-9_]{1,15}$/,
  instagram: /^(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)$/,
  facebook: /^[a-z0-9._-]{1,50}$/,
  youtube: /^[a-z0-9._-]{3,30}$/,
};

export function normaliseHandle(platform: Platform, raw: string): string {
  const s = raw.trim();
  if (platform === "rss") return s;
  return s.replace(/^@/, "").toLowerCase();
}

/** Canonical handle, or null when it is not a valid handle on that platform. */
export function canonicalHandle(platform: Platform, raw: string): string | null {
  if (typeof raw !== "string" || raw.length > 300) return null;
  const h = normaliseHandle(platform, raw);
  switch (platform) {
    case "rss": {
      try {
        const u = new URL(h);
        return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password ? u.href : null;
      } catch {
        return null;
      }
    }
    case "mastodon": {
      const m = /^([a-z0-9_]{1,30})@(.+)$/.exec(h);
      return m && DOMAIN.test(m[2]) ? h : null;
    }
    case "bluesky":
      return DOMAIN.test(h) ? h : null;
    default:
      return RULES[platform].test(h) ? h : null;
  }
}

export function isValidHandle(platform: Platform, raw: string): boolean {
  return canonicalHandle(platform, raw) !== null;
}

/** How a handle is shown: "@name" (Mastodon "@user@instance"), a feed URL as it is. */
export function displayHandle(platform: Platform | string, handle: string): string {
  return platform === "rss" ? handle : `@${handle}`;
}
