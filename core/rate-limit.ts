/**
 * Fixed-window rate limits (pure): counts per key per window, and the messages a web worker and
 * the cluster primary exchange so that every worker draws on one count per user (see
 * app/lib/rate-limit.server.ts).
 */

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
}

/** A worker asks the primary to count one request. */
export interface RateAsk {
  type: "amanah:rate-ask";
  id: number;
  key: string;
  now: number;
}

/** The primary's answer to `RateAsk` `id`. */
export interface RateAnswer {
  type: "amanah:rate-answer";
  id: number;
  result: LimitResult;
}

export function isRateAsk(m: unknown): m is RateAsk {
  if (typeof m !== "object" || m === null) return false;
  const x = m as Record<string, unknown>;
  return x.type === "amanah:rate-ask" && Number.isInteger(x.id) && typeof x.key === "string" && typeof x.now === "number";
}

export function isRateAnswer(m: unknown): m is RateAnswer {
  if (typeof m !== "object" || m === null) return false;
  const x = m as Record<string, unknown>;
  return x.type === "amanah:rate-answer" && Number.isInteger(x.id) && typeof x.result === "object" && x.result !== null;
}

/** The primary's side: count the ask on `limiter`, answer it. */
export function answerRateAsk(limiter: FixedWindowLimiter, ask: RateAsk): RateAnswer {
  return { type: "amanah:rate-answer", id: ask.id, result: limiter.hit(ask.key, ask.now) };
}
