/**
 * Fixed-window rate limits per user, in memory, per web process: the pre-publication check (page,
 * live preview and POST /api/v1/check share one budget) and the read API (another).
 *
 * In memory on purpose: a counter in SQLite would be a commit per keystroke-preview, and every
 * commit invalidates the rendered-page cache (docs/decisions/003). The limit protects the CPU of
 * the process that scores; under a cluster of N web processes a user can reach at most N times
 * the limit in total (each process keeps its own counts), and a restart forgets the counts.
 */
import { config } from "../../core/config";

export type Bucket = "check" | "read";

export interface LimitResult {
  ok: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the window ends (for Retry-After). */
  retryAfter: number;
}

export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly max: () => number,
    private readonly windowMs = 60_000,
  ) {}

  hit(key: string, now = Date.now()): LimitResult {
    const max = this.max();
    const start = now - (now % this.windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size > 10_000) this.sweep(start);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    const retryAfter = Math.max(1, Math.ceil((start + this.windowMs - now) / 1000));
    if (w.count >= max) return { ok: false, limit: max, remaining: 0, retryAfter };
    w.count++;
    return { ok: true, limit: max, remaining: max - w.count, retryAfter };
  }

  /** Drops windows that have ended (keeps the map bounded by the users active this minute). */
  private sweep(current: number): void {
    for (const [k, w] of this.windows) if (w.start !== current) this.windows.delete(k);
  }

  reset(): void {
    this.windows.clear();
  }
}

const limiter = new FixedWindowLimiter(() => config().API_RATE_LIMIT);

/** Counts one request of `userId` against `bucket`. */
export function rateLimit(bucket: Bucket, userId: number, now = Date.now()): LimitResult {
  return limiter.hit(`${bucket}:${userId}`, now);
}

/** Headers that tell a client where it stands (sent on every limited answer). */
export function rateLimitHeaders(r: LimitResult): Record<string, string> {
  const h: Record<string, string> = { "RateLimit-Limit": String(r.limit), "RateLimit-Remaining": String(r.remaining), "RateLimit-Reset": String(r.retryAfter) };
  if (!r.ok) h["Retry-After"] = String(r.retryAfter);
  return h;
}
