/**
 * Fixed-window rate limits per user: the pre-publication check (page, live preview and POST
 * /api/v1/check share one budget) and the read API (another).
 *
 * In memory on purpose: a counter in SQLite would be a commit per keystroke-preview, and every
 * commit invalidates the rendered-page cache (docs/decisions/003). Under a cluster (server.ts,
 * WEB_CONCURRENCY > 1) the workers ask the primary, which keeps the one count per user, so N
 * workers do not give a user N times the limit; a single process counts itself. A restart of the
 * primary forgets the counts.
 */
import cluster from "node:cluster";
import { config } from "../../core/config";
import { FixedWindowLimiter, isRateAnswer, type LimitResult, type RateAsk } from "../../core/rate-limit";

export { FixedWindowLimiter, type LimitResult };
export type Bucket = "check" | "read";

/** How long a worker waits for the primary before counting the request itself. */
const ASK_TIMEOUT_MS = 2_000;

const limiter = new FixedWindowLimiter(() => config().API_RATE_LIMIT);

let nextId = 1;
const pending = new Map<number, (r: LimitResult) => void>();
let listening = false;

function askPrimary(key: string, now: number): Promise<LimitResult> {
  if (!listening) {
    listening = true;
    process.on("message", (m: unknown) => {
      if (!isRateAnswer(m)) return;
      pending.get(m.id)?.(m.result);
    });
  }
  const id = nextId++;
  return new Promise((resolve) => {
    const done = (r: LimitResult) => {
      clearTimeout(timer);
      pending.delete(id);
      resolve(r);
    };
    // A primary that does not answer (stopping, overloaded) must not hang the request: count here.
    const timer = setTimeout(() => done(limiter.hit(key, now)), ASK_TIMEOUT_MS);
    timer.unref();
    pending.set(id, done);
    const ask: RateAsk = { type: "amanah:rate-ask", id, key, now };
    process.send!(ask);
  });
}

/** Counts one request of `userId` against `bucket` (cluster-wide under a cluster). */
export function rateLimit(bucket: Bucket, userId: number, now = Date.now()): Promise<LimitResult> {
  const key = `${bucket}:${userId}`;
  if (cluster.isWorker && typeof process.send === "function") return askPrimary(key, now);
  return Promise.resolve(limiter.hit(key, now));
}

/** Headers that tell a client where it stands (sent on every limited answer). */
export function rateLimitHeaders(r: LimitResult): Record<string, string> {
  const h: Record<string, string> = { "RateLimit-Limit": String(r.limit), "RateLimit-Remaining": String(r.remaining), "RateLimit-Reset": String(r.retryAfter) };
  if (!r.ok) h["Retry-After"] = String(r.retryAfter);
  return h;
}
