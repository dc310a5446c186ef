/** Shared test plumbing: a sandbox per suite, connector configs, and a retry loop honouring resets. */
import { createConnector } from "../../connectors";
import { BadResponse, RateLimited, Transient, type AccountRef, type Connector, type NormalizedPost, type Platform } from "../../connectors/types";
import type { Sandbox } from "../../connectors/sandbox/server";
import type { SandboxAccount } from "../../connectors/sandbox/world";

export const PLATFORMS: Platform[] = ["x", "facebook", "instagram", "youtube", "mastodon", "bluesky", "rss"];

export const TOKENS = { bearerToken: "test-bearer-token-123", accessToken: "test-page-token-456", apiKey: "test-api-key-789" };

export function homeIg(sb: Sandbox): SandboxAccount {
  return sb.world.accounts.find((a) => a.platform === "instagram" && a.state === "active")!;
}

export function connectorFor(sb: Sandbox, p: Platform, extra: Record<string, unknown> = {}): Connector {
  return createConnector(p, {
    baseUrl: sb.baseUrls[p],
    credentials: { ...TOKENS, igUserId: homeIg(sb).apiId },
    now: () => sb.clock.now(),
    timeoutMs: 5000,
    ...extra,
  });
}

export function ref(a: SandboxAccount): AccountRef {
  return { platform: a.platform, handle: a.handle, platformId: a.apiId };
}

/** Active accounts of a platform with at least `min` live posts now (IG: not our own account). */
export function activeAccounts(sb: Sandbox, p: Platform, min = 1): SandboxAccount[] {
  const home = homeIg(sb);
  return sb.world.accounts.filter((a) => a.platform === p && a.state === "active" && a !== home && sb.world.live(a, sb.clock.now()).length >= min);
}

export async function truthFor(sb: Sandbox, a: SandboxAccount) {
  const res = await fetch(`${sb.url}/_sandbox/truth.jsonl?platform=${a.platform}&handle=${encodeURIComponent(a.handle)}`);
  const text = await res.text();
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { platform: Platform; handle: string; id: string; status: "live" | "edited" | "deleted"; text: string });
}

/** Retries the typed, retryable errors; on RateLimited moves the sandbox clock to the reset. */
export async function withRetry<T>(sb: Sandbox, fn: () => Promise<T>, stats = { retries: 0, rateLimited: 0 }): Promise<T> {
  for (let i = 0; i < 500; i++) {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof RateLimited) {
        stats.rateLimited++;
        const t = err.resetAt.getTime();
        if (t > sb.clock.now()) {
          await fetch(`${sb.url}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ now: t }) });
        }
      } else if (!(err instanceof Transient || err instanceof BadResponse)) throw err;
      stats.retries++;
    }
  }
  throw new Error("gave up after 500 retries");
}

/**
 * Fetches an account to a fixed point: incremental fetches from the cursor and a by-id re-check of
 * everything seen, repeated until a full round passes without the clock moving. Returns the
 * current posts (by current id) and the ids found gone.
 */
export async function syncAccount(sb: Sandbox, c: Connector, a: SandboxAccount, stats = { retries: 0, rateLimited: 0 }) {
  let cursor: string | null = null;
  const seen = new Set<string>();
  for (let round = 0; round < 50; round++) {
    const start = sb.clock.now();
    const r = await withRetry(sb, () => c.fetchPostsSince(ref(a), cursor), stats);
    cursor = r.cursor;
    r.posts.forEach((p) => seen.add(p.platformPostId));
    // Small batches: per-id platforms (Meta, Mastodon) would rarely get a long run through faults.
    const found = new Map<string, NormalizedPost>();
    const ids = [...seen];
    for (let i = 0; i < ids.length; i += 3) {
      const part = await withRetry(sb, () => c.lookupPosts(ref(a), ids.slice(i, i + 3)), stats);
      for (const [k, v] of part) found.set(k, v);
    }
    if (sb.clock.now() === start) {
      const current = new Map<string, string>();
      for (const p of found.values()) current.set(p.platformPostId, p.text);
      const gone = [...seen].filter((id) => !found.has(id));
      return { current, gone, seen };
    }
  }
  throw new Error("clock never settled");
}
