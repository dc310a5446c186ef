/**
 * Rate budgets per platform credential (one credential per platform here). When a platform
 * announces `RateLimited(resetAt)`, the gate closes for that platform until resetAt: every later
 * connector call on that platform — in this process or, through Redis key `ratelimit:<platform>`,
 * in any other — is refused without touching the network, and the job is delayed to the reset
 * instead of retried blindly. Calls on one platform run through a small in-process lane, so a 429
 * closes the gate before the next call on that platform can start. The same gate is handed to the
 * connectors as their RequestGate, so each HTTP request inside a call is checked and every 429 closes it.
 */
import type { Redis } from "ioredis";
import { RateLimited, type Connector, type Platform, type SearchOptions } from "../connectors/types";

export interface RateStore {
  /** The announced reset (epoch ms) for a platform, or 0 when open. */
  get(platform: string): Promise<number>;
  /** Records a reset; keeps the later one if two are announced. */
  close(platform: string, resetAt: number, now: number): Promise<void>;
}

export class MemoryRateStore implements RateStore {
  private readonly resets = new Map<string, number>();
  async get(platform: string): Promise<number> {
    return this.resets.get(platform) ?? 0;
  }
  async close(platform: string, resetAt: number): Promise<void> {
    this.resets.set(platform, Math.max(resetAt, this.resets.get(platform) ?? 0));
  }
}

const CLOSE_LUA = `
local cur = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > cur then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) end
return 1`;

export const rateKey = (platform: string) => `ratelimit:${platform}`;

export class RedisRateStore implements RateStore {
  constructor(private readonly redis: Redis) {}
  async get(platform: string): Promise<number> {
    const v = await this.redis.get(rateKey(platform));
    return v ? Number(v) : 0;
  }
  async close(platform: string, resetAt: number, now: number): Promise<void> {
    // Expire a minute after the reset (relative to the injected clock) so stale keys vanish.
    const ttl = Math.max(1_000, resetAt - now + 60_000);
    await this.redis.eval(CLOSE_LUA, 1, rateKey(platform), String(resetAt), String(ttl));
  }
}

/** A counting semaphore: at most `size` holders at a time, FIFO. */
class Lane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly size: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.active--;
    }
  }
}

export interface RateGateOptions {
  clock: () => number;
  /** Concurrent connector calls per platform in this process (1 = strictly serial). */
  laneSize?: number;
}

export class RateGate {
  private readonly local = new Map<string, number>();
  private readonly lanes = new Map<string, Lane>();
  private readonly laneSize: number;
  constructor(
    private readonly store: RateStore,
    private readonly opts: RateGateOptions,
  ) {
    this.laneSize = Math.max(1, opts.laneSize ?? 1);
  }

  /** resetAt when the platform's budget is exhausted now, otherwise null. */
  async closedUntil(platform: string): Promise<number | null> {
    const now = this.opts.clock();
    let reset = this.local.get(platform) ?? 0;
    if (reset <= now) {
      reset = await this.store.get(platform);
      if (reset > now) this.local.set(platform, reset);
    }
    return reset > now ? reset : null;
  }

  /** RequestGate: refuses, without touching the network, while the platform's budget is closed. */
  async beforeRequest(platform: Platform): Promise<void> {
    const closed = await this.closedUntil(platform);
    if (closed !== null) throw new RateLimited(platform, new Date(closed), `rate budget for ${platform} closed until ${new Date(closed).toISOString()}`);
  }

  /** RequestGate: a rate-limit answer closes the platform's budget until its reset. */
  async rateLimited(err: RateLimited): Promise<void> {
    await this.close(err.platform, err.resetAt.getTime());
  }

  async close(platform: string, resetAt: number): Promise<void> {
    this.local.set(platform, Math.max(resetAt, this.local.get(platform) ?? 0));
    await this.store.close(platform, resetAt, this.opts.clock());
  }

  /**
   * Runs one connector call under the platform's budget: refuses (RateLimited) while the gate is
   * closed, and closes it when the call reports RateLimited — before the lane lets the next call in.
   */
  async run<T>(platform: Platform, fn: () => Promise<T>): Promise<T> {
    let lane = this.lanes.get(platform);
    if (!lane) this.lanes.set(platform, (lane = new Lane(this.laneSize)));
    return lane.run(async () => {
      await this.beforeRequest(platform);
      try {
        return await fn();
      } catch (err) {
        if (err instanceof RateLimited) await this.rateLimited(err);
        throw err;
      }
    });
  }
}

/** The same connector with every call going through the gate. */
export function gatedConnector(connector: Connector, gate: RateGate): Connector {
  const p = connector.platform;
  const { searchAccounts, lookupHandles } = connector;
  return {
    platform: p,
    lookupProfile: (account, signal) => gate.run(p, () => connector.lookupProfile(account, signal)),
    fetchPostsSince: (account, cursor, opts) => gate.run(p, () => connector.fetchPostsSince(account, cursor, opts)),
    lookupPosts: (account, ids, signal) => gate.run(p, () => connector.lookupPosts(account, ids, signal)),
    // The optional search capabilities stay optional: present only where the platform has them.
    ...(searchAccounts ? { searchAccounts: (query: string, opts?: SearchOptions) => gate.run(p, () => searchAccounts.call(connector, query, opts)) } : {}),
    ...(lookupHandles ? { lookupHandles: (handles: string[], signal?: AbortSignal) => gate.run(p, () => lookupHandles.call(connector, handles, signal)) } : {}),
  };
}
