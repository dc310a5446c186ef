/** Platform-shaped identifiers for the sandbox world, deterministic and unique per platform. */
import { createHash } from "node:crypto";
import { B64URL, hashChars } from "../../db/demo/platform-ids";

export { blueskyDid, youtubeChannelId } from "../../db/demo/platform-ids";

const TWITTER_EPOCH = 1288834974657n;

/** X snowflake: ms since Twitter epoch << 22 | worker (10 bits) << 12 | sequence (12 bits). */
export function snowflake(ms: number, worker: number, seq: number): string {
  return ((BigInt(ms) - TWITTER_EPOCH) << 22n | (BigInt(worker % 1024) << 12n) | BigInt(seq % 4096)).toString();
}

/** Mastodon ids: ms << 16 | 16 low bits (account + sequence). */
export function mastodonId(ms: number, account: number, seq: number): string {
  return ((BigInt(ms) << 16n) | (BigInt(account % 512) << 7n) | BigInt(seq % 128)).toString();
}

export function instagramMediaId(account: number, seq: number): string {
  return `179${String(account).padStart(4, "0")}${String(seq).padStart(10, "0")}`;
}

export function facebookPostId(pageId: string, account: number, seq: number): string {
  return `${pageId}_${1_000_000_000_000_000 + account * 10_000_000 + seq}`;
}

const B32 = "abcdefghijklmnopqrstuvwxyz234567";

/** 11-character YouTube-style id from a bijective 64-bit mix of (account, seq): unique. */
export function youtubeVideoId(account: number, seq: number): string {
  let x = (BigInt(account) << 32n) | BigInt(seq);
  const M = (1n << 64n) - 1n;
  x = (x * 0x9e3779b97f4a7c15n) & M; // odd multiplier: bijective mod 2^64
  x ^= x >> 29n;
  let out = "";
  for (let i = 0; i < 11; i++) {
    out += B64URL[Number(x & 63n)];
    x >>= 6n;
  }
  return out;
}

const B32_SORT = "234567abcdefghijklmnopqrstuvwxyz";

/** atproto TID: 53-bit microseconds + 10-bit clock id, base32-sortable, 13 chars. */
export function tid(ms: number, clock: number, seq: number): string {
  let v = ((BigInt(ms) * 1000n + BigInt(seq % 1000)) << 10n) | BigInt(clock % 1024);
  let out = "";
  for (let i = 0; i < 13; i++) {
    out = B32_SORT[Number(v & 31n)] + out;
    v >>= 5n;
  }
  return out;
}

export function cid(seed: string): string {
  return `bafyrei${hashChars(`cid:${seed}`, B32, 52)}`;
}

export function etagOf(s: string): string {
  return `W/"${createHash("sha1").update(s).digest("hex").slice(0, 16)}"`;
}

const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * ULID (48-bit ms time + 80 hash bits, Crockford base32, 26 chars): the ids of GoToSocial and
 * other Mastodon-API servers, sortable as strings but not numbers.
 */
export function ulid(ms: number, seed: string): string {
  let t = BigInt(ms);
  let time = "";
  for (let i = 0; i < 10; i++) {
    time = CROCKFORD[Number(t & 31n)] + time;
    t >>= 5n;
  }
  return time + hashChars(`ulid:${seed}`, CROCKFORD, 16);
}
