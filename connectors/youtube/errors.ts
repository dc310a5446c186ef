/** YouTube Data API v3 error signals → the shared taxonomy. */
import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { DEFAULT_RATE_LIMIT_WAIT_MS, responseNow, retryAfterAt } from "../errors";
import { tryJson, type HttpResponse } from "../http";
import { redact } from "../redact";
import { AuthFailed, NotFound, RateLimited, Transient, type ConnectorError } from "../types";

interface GoogleError {
  code?: number;
  message?: string;
  status?: string;
  errors?: { reason?: string; domain?: string; message?: string }[];
  details?: { reason?: string }[];
}

/**
 * playlistItems' 404 playlistNotFound. For a channel's uploads playlist it also means "no public
 * upload yet", so the connector tells it from other not-founds.
 */
export class PlaylistNotFound extends NotFound {}

/** Daily quota resets at midnight Pacific time (DST-aware). */
export function nextPacificMidnight(now: number): Date {
  const pt = new TZDate(now, "America/Los_Angeles");
  return new Date(startOfDay(addDays(pt, 1)).getTime());
}

export function mapYouTubeError(res: HttpResponse, now: number, secrets: string[]): ConnectorError | null {
  if (res.status < 400) return null;
  const body = tryJson(res.text) as { error?: GoogleError } | undefined;
  const err = body?.error;
  const reasons = [...(err?.errors ?? []).map((e) => e.reason), ...(err?.details ?? []).map((d) => d.reason)].filter(
    (r): r is string => typeof r === "string",
  );
  const msg = redact(`YouTube HTTP ${res.status} ${reasons.join(",")}: ${(err?.message ?? "").replace(/<[^>]+>/g, "")}`, secrets);
  const serverNow = responseNow(res, now);
  if (reasons.some((r) => r === "quotaExceeded" || r === "dailyLimitExceeded")) {
    const at = nextPacificMidnight(serverNow);
    return new RateLimited("youtube", at, `${msg}; daily quota resets ${at.toISOString()}`);
  }
  if (res.status === 429 || reasons.some((r) => r === "rateLimitExceeded" || r === "userRateLimitExceeded")) {
    const at = retryAfterAt(res, serverNow) ?? new Date(serverNow + DEFAULT_RATE_LIMIT_WAIT_MS);
    return new RateLimited("youtube", at, msg);
  }
  if (
    res.status === 401 ||
    reasons.some((r) => ["keyInvalid", "API_KEY_INVALID", "keyExpired", "API_KEY_SERVICE_BLOCKED", "accessNotConfigured", "forbidden", "authError"].includes(r)) ||
    /API key (not valid|expired)/i.test(err?.message ?? "")
  ) {
    return new AuthFailed("youtube", msg);
  }
  if (reasons.includes("playlistNotFound")) return new PlaylistNotFound("youtube", msg);
  if (res.status === 404 || reasons.some((r) => /NotFound$/.test(r))) return new NotFound("youtube", msg);
  if (res.status >= 500) return new Transient("youtube", msg);
  if (res.status === 403) return new AuthFailed("youtube", msg);
  return null;
}
