/** X API v2 error signals → the shared taxonomy. */
import { epochSecondsHeader, responseNow, DEFAULT_RATE_LIMIT_WAIT_MS } from "../errors";
import { tryJson, type HttpResponse } from "../http";
import { redact } from "../redact";
import { AccountProtected, AuthFailed, NotFound, RateLimited, type ConnectorError } from "../types";

interface Problem {
  type?: string;
  title?: string;
  detail?: string;
  period?: string;
  resource_type?: string;
}

export function mapXError(res: HttpResponse, now: number, secrets: string[]): ConnectorError | null {
  if (res.status < 400) return null;
  const body = (tryJson(res.text) ?? {}) as Problem;
  const detail = redact(body.detail ?? body.title ?? `HTTP ${res.status}`, secrets);
  if (res.status === 429) {
    const serverNow = responseNow(res, now);
    if (body.type?.endsWith("/usage-capped")) {
      // Usage caps reset with the billing period, not the 15-minute window.
      return new RateLimited("x", usageCapReset(body.period, serverNow), `X usage cap: ${detail}`);
    }
    const reset =
      epochSecondsHeader(res, "x-rate-limit-reset") ??
      epochSecondsHeader(res, "x-app-limit-24hour-reset") ??
      epochSecondsHeader(res, "x-user-limit-24hour-reset") ??
      new Date(serverNow + DEFAULT_RATE_LIMIT_WAIT_MS);
    return new RateLimited("x", reset, `X rate limit: ${detail}; reset ${reset.toISOString()}`);
  }
  if (res.status === 401) return new AuthFailed("x", `X rejected the bearer token: ${detail}`);
  if (res.status === 403) return new AuthFailed("x", `X forbids this request: ${detail}`);
  if (res.status === 404) return new NotFound("x", `X: ${detail}`);
  return null;
}

function usageCapReset(period: string | undefined, now: number): Date {
  const d = new Date(now);
  if (period?.toLowerCase() === "daily") return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1));
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/**
 * X answers lookups of missing or suspended users with HTTP 200 and only `errors`.
 * Returns the NotFound for such a body, else null.
 */
export function xErrorsOnly(body: { data?: unknown; errors?: Problem[] }, what: string): NotFound | null {
  if (body.data !== undefined || !body.errors?.length) return null;
  const e = body.errors[0];
  const text = `${e.title ?? ""} ${e.detail ?? ""}`;
  const reason = /suspend/i.test(text) ? "suspended" : "unknown";
  return new NotFound("x", `X ${what}: ${e.detail ?? e.title ?? "not found"}`, reason);
}

/**
 * X answers a protected account's timeline, and lookups of its posts, with HTTP 200 and a
 * not-authorized-for-resource problem (the posts exist; we may not see them).
 */
export function xProtected(body: { errors?: Problem[] }, what: string): AccountProtected | null {
  const e = body.errors?.find((p) => p.type?.endsWith("/problems/not-authorized-for-resource"));
  return e ? new AccountProtected("x", `X ${what} is protected: ${e.detail ?? e.title ?? "not authorized"}`) : null;
}
