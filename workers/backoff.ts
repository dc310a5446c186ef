/**
 * Retry delays for transient failures: exponential with "equal jitter" (half fixed, half random)
 * so a 5xx storm does not make every job retry in lock-step, capped so a job keeps trying.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export const TRANSIENT_BASE_MS = 1_000;
export const TRANSIENT_MAX_MS = 5 * 60_000;

export function transientBackoffMs(attemptsMade: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? TRANSIENT_BASE_MS;
  const max = opts.maxMs ?? TRANSIENT_MAX_MS;
  const random = opts.random ?? Math.random;
  const n = Math.max(1, Math.floor(attemptsMade));
  const exp = Math.min(max, base * 2 ** Math.min(n - 1, 30));
  return Math.round(exp / 2 + random() * (exp / 2));
}

/** Spread of jobs released when a rate-limit window resets, so they do not all fire at once. */
export function resetJitterMs(random: () => number = Math.random, spreadMs = 2_000): number {
  return Math.round(random() * spreadMs);
}
