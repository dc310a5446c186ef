/**
 * Profile URL or "@handle" → (platform, canonical handle). Pure; used by /verify. Anything that is
 * not a recognisable profile answers { ok: false, reason } — never throws.
 */
import type { Platform } from "./enums";
import { canonicalHandle } from "./handles";

export type ProfileQuery =
  | { ok: true; platform: Platform; handle: string }
  /** A bare "@handle": any platform where that handle is valid. */
  | { ok: true; platform: null; handle: string; platforms: Platform[] }
  | { ok: false; reason: "empty" | "too_long" | "scheme" | "unsupported_host" | "not_profile" | "bad_handle" };

export const MAX_QUERY_LENGTH = 512;

const X_RESERVED = new Set(["home", "i", "intent", "search", "share", "explore", "settings", "messages", "notifications", "hashtag", "login", "signup", "tos", "privacy"]);
const IG_RESERVED = new Set(["p", "reel", "reels", "explore", "stories", "accounts", "direct", "tv"]);
const FB_RESERVED = new Set(["profile.php", "pages", "groups", "events", "watch", "marketplace", "login", "sharer", "share", "photo", "story.php", "permalink.php"]);

function host(h: string): string {
  return h.toLowerCase().replace(/^(www\.|m\.|mobile\.|web\.)/, "");
}

function handleOn(platform: Platform, raw: string): ProfileQuery {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return { ok: false, reason: "bad_handle" };
  }
  const handle = canonicalHandle(platform, decoded);
  return handle ? { ok: true, platform, handle } : { ok: false, reason: "bad_handle" };
}

export function parseProfileQuery(input: unknown): ProfileQuery {
  if (typeof input !== "string") return { ok: false, reason: "empty" };
  if (input.length > MAX_QUERY_LENGTH) return { ok: false, reason: "too_long" };
  const q = input.trim();
  if (!q) return { ok: false, reason: "empty" };

  // @user@instance (Mastodon) or @handle.
  if (q.startsWith("@") || !/[/:.]/.test(q)) {
    const bare = q.replace(/^@/, "");
    if (bare.includes("@")) return handleOn("mastodon", bare);
    const platforms = (["x", "instagram", "facebook", "youtube"] as const).filter((p) => canonicalHandle(p, bare));
    if (!platforms.length) return { ok: false, reason: "bad_handle" };
    return { ok: true, platform: null, handle: bare.toLowerCase(), platforms: [...platforms] };
  }
  // Bluesky domain handle typed without a URL.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(q) && !q.includes("/") && q.includes(".")) {
    const h = canonicalHandle("bluesky", q);
    return h ? { ok: true, platform: "bluesky", handle: h } : { ok: false, reason: "bad_handle" };
  }

  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(q) ? q : `https://${q}`);
  } catch {
    return { ok: false, reason: "not_profile" };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "scheme" };
  if (url.username || url.password) return { ok: false, reason: "not_profile" };
  const h = host(url.hostname);
  const parts = url.pathname.split("/").filter(Boolean);

  switch (h) {
    case "x.com":
    case "twitter.com":
      if (parts.length < 1 || X_RESERVED.has(parts[0].toLowerCase())) return { ok: false, reason: "not_profile" };
      return handleOn("x", parts[0]);
    case "instagram.com":
      if (parts.length < 1 || IG_RESERVED.has(parts[0].toLowerCase())) return { ok: false, reason: "not_profile" };
      return handleOn("instagram", parts[0]);
    case "facebook.com":
    case "fb.com":
      if (parts.length < 1 || FB_RESERVED.has(parts[0].toLowerCase())) return { ok: false, reason: "not_profile" };
      return handleOn("facebook", parts[0]);
    case "youtube.com":
      if (parts.length < 1 || !parts[0].startsWith("@")) return { ok: false, reason: "not_profile" };
      return handleOn("youtube", parts[0].slice(1));
    case "bsky.app":
      if (parts.length < 2 || parts[0] !== "profile") return { ok: false, reason: "not_profile" };
      return handleOn("bluesky", parts[1]);
  }
  // Any other host with /@user is read as a Mastodon profile on that instance.
  if (parts.length >= 1 && parts[0].startsWith("@") && parts[0].length > 1 && !parts[0].slice(1).includes("@")) {
    return handleOn("mastodon", `${parts[0].slice(1)}@${h}`);
  }
  return { ok: false, reason: "unsupported_host" };
}
