/**
 * Shared pieces of the error taxonomy: the fallback HTTP-status mapping every platform falls back
 * to, the "now" of a response, Retry-After parsing and zod shape validation into BadResponse.
 * Platform-specific signals live in <platform>/errors.ts and run before these fallbacks.
 */
import type { z } from "zod";
import type { HttpResponse } from "./http";
import { redact, truncateSample } from "./redact";
import {
  AuthFailed,
  BadResponse,
  NotFound,
  RateLimited,
  Transient,
  type ConnectorError,
  type Platform,
} from "./types";

/** Used when a platform says "slow down" without saying until when. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

/**
 * The response's own clock (Date header) when present: relative signals (Retry-After, Meta's
 * minutes, YouTube's "until midnight PT") are computed from the server's time, not ours.
 */
export function responseNow(res: Pick<HttpResponse, "headers">, fallback: number): number {
  const d = res.headers.get("date");
  if (d) {
    const t = Date.parse(d);
    if (Number.isFinite(t)) return t;
  }
  return fallback;
}

/** Retry-After as seconds or HTTP-date; null when absent or unparseable. */
export function retryAfterAt(res: Pick<HttpResponse, "headers">, now: number): Date | null {
  const v = res.headers.get("retry-after")?.trim();
  if (!v) return null;
  if (/^\d+$/.test(v)) return new Date(now + Number(v) * 1000);
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t) : null;
}

/** Epoch-seconds header (X, Bluesky); null when absent/garbage. */
export function epochSecondsHeader(res: Pick<HttpResponse, "headers">, name: string): Date | null {
  const v = res.headers.get(name)?.trim();
  if (!v || !/^\d{9,11}(\.\d+)?$/.test(v)) return null;
  return new Date(Math.ceil(Number(v)) * 1000);
}

/** Status-based mapping every platform falls back to once its own signals are checked. */
export function fallbackError(
  platform: Platform,
  res: HttpResponse,
  now: number,
  secrets: string[],
  detail?: string,
): ConnectorError {
  const what = redact(`HTTP ${res.status} from ${res.url}${detail ? `: ${detail}` : ""}`, secrets);
  const s = res.status;
  if (s === 429 || s === 420) {
    const at = retryAfterAt(res, responseNow(res, now)) ?? new Date(responseNow(res, now) + DEFAULT_RATE_LIMIT_WAIT_MS);
    return new RateLimited(platform, at, `${what}; rate limited until ${at.toISOString()}`);
  }
  if (s === 503) {
    const at = retryAfterAt(res, responseNow(res, now));
    if (at) return new RateLimited(platform, at, `${what}; asked to retry after ${at.toISOString()}`);
  }
  if (s >= 500 || s === 408) return new Transient(platform, what);
  if (s === 401 || s === 403) return new AuthFailed(platform, what);
  if (s === 404 || s === 410) return new NotFound(platform, what, s === 410 ? "deleted" : "unknown");
  return new BadResponse(platform, `unexpected ${what}`, truncateSample(res.text, secrets));
}

/** Validates a parsed body against a zod schema; a mismatch is a BadResponse with a sample. */
export function validate<S extends z.ZodType>(
  platform: Platform,
  schema: S,
  data: unknown,
  res: HttpResponse,
  secrets: string[],
): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issues = r.error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
  return badShape(platform, `unexpected response shape from ${res.url}: ${issues}`, res, secrets);
}

export function badShape(platform: Platform, message: string, res: HttpResponse, secrets: string[]): never {
  throw new BadResponse(platform, redact(message, secrets), truncateSample(res.text, secrets));
}

/** Parses a platform timestamp; unparseable is a shape error. */
export function parseDate(platform: Platform, value: string, res: HttpResponse, secrets: string[]): Date {
  // Meta sends +0000 without a colon; Date.parse handles it in V8 but normalise to be safe.
  const v = value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  const t = Date.parse(v);
  if (!Number.isFinite(t)) badShape(platform, `unparseable timestamp "${value}"`, res, secrets);
  return new Date(t);
}
