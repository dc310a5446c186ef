/** Mastodon error signals → the shared taxonomy. */
import { DEFAULT_RATE_LIMIT_WAIT_MS, responseNow, retryAfterAt } from "../errors";
import { tryJson, type HttpResponse } from "../http";
import { redact } from "../redact";
import { AuthFailed, NotFound, RateLimited, type ConnectorError } from "../types";

/** X-RateLimit-Reset is an ISO 8601 timestamp (6 fractional digits), not epoch seconds. */
export function mastodonReset(res: Pick<HttpResponse, "headers">): Date | null {
  const v = res.headers.get("x-ratelimit-reset");
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) ? new Date(t) : null;
}

export function mapMastodonError(res: HttpResponse, now: number, secrets: string[]): ConnectorError | null {
  if (res.status < 400) return null;
  const body = tryJson(res.text) as { error?: string; error_description?: string } | undefined;
  const msg = redact(`Mastodon HTTP ${res.status}: ${body?.error ?? ""}${body?.error_description ? ` (${body.error_description})` : ""}`, secrets);
  if (res.status === 429) {
    const serverNow = responseNow(res, now);
    const at = mastodonReset(res) ?? retryAfterAt(res, serverNow) ?? new Date(serverNow + DEFAULT_RATE_LIMIT_WAIT_MS);
    return new RateLimited("mastodon", at, `${msg}; reset ${at.toISOString()}`);
  }
  if (res.status === 401 || res.status === 403) return new AuthFailed("mastodon", msg);
  if (res.status === 404) return new NotFound("mastodon", msg);
  if (res.status === 410) return new NotFound("mastodon", msg, "suspended");
  return null;
}
