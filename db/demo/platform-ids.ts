/**
 * The ids a platform's API shows for the demo world's accounts, where they are not the world's
 * numeric ids: YouTube channel ids (UC…) and Bluesky DIDs. The seed stores them as the registry's
 * platform ids (as a registry that has read each profile once would), and the sandbox serves them.
 */
import { createHash } from "node:crypto";

export const B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const B32 = "abcdefghijklmnopqrstuvwxyz234567";

export function hashChars(seed: string, alphabet: string, n: number): string {
  const h = createHash("sha256").update(seed).digest();
  let out = "";
  for (let i = 0; i < n; i++) out += alphabet[h[i % h.length] % alphabet.length];
  return out;
}

export function youtubeChannelId(platformId: string): string {
  return `UC${hashChars(`yt:${platformId}`, B64URL, 22)}`;
}

export function blueskyDid(platformId: string): string {
  return `did:plc:${hashChars(`did:${platformId}`, B32, 24)}`;
}

/** The platform's own id of a demo account (YouTube and Bluesky derive one; the others use the world's). */
export function apiIdOf(platform: string, platformId: string): string {
  return platform === "youtube" ? youtubeChannelId(platformId) : platform === "bluesky" ? blueskyDid(platformId) : platformId;
}
