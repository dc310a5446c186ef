/**
 * Meta Graph API (Facebook Pages, Instagram) error signals → the shared taxonomy.
 * Decide on error.code, not on the HTTP status: throttling arrives as 400 or 403.
 */
import { DEFAULT_RATE_LIMIT_WAIT_MS, responseNow, retryAfterAt } from "../errors";
import { tryJson, type HttpResponse } from "../http";
import { redact } from "../redact";
import { AuthFailed, BadResponse, NotFound, RateLimited, Transient, type ConnectorError, type Platform } from "../types";

export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  fbtrace_id?: string;
}

/** App-, user-, page- and business-use-case throttles. */
export const META_THROTTLE_CODES = new Set([4, 17, 32, 613, 80001, 80002, 80003, 80004, 80005, 80006, 80008, 80009, 80014]);
/** After an app-level throttle without an estimate, wait out Meta's rolling one-hour window. */
export const META_APP_WINDOW_MS = 60 * 60_000;

export function graphError(res: HttpResponse): GraphError | null {
  const body = tryJson(res.text) as { error?: GraphError } | undefined;
  return body && typeof body === "object" && body.error && typeof body.error === "object" ? body.error : null;
}

/** Largest estimated_time_to_regain_access (minutes) in X-Business-Use-Case-Usage, or null. */
export function bucRegainMinutes(headers: Headers): number | null {
  const raw = headers.get("x-business-use-case-usage");
  if (!raw) return null;
  const parsed = tryJson(raw) as Record<string, { estimated_time_to_regain_access?: number }[]> | undefined;
  if (!parsed || typeof parsed !== "object") return null;
  let max: number | null = null;
  for (const entries of Object.values(parsed)) {
    if (!Array.isArray(entries)) continue;
    for (const e of entries) {
      const m = Number(e?.estimated_time_to_regain_access);
      if (Number.isFinite(m) && (max === null || m > max)) max = m;
    }
  }
  return max;
}

/** Highest usage percentage in X-App-Usage (call_count / total_time / total_cputime), or null. */
export function appUsagePercent(headers: Headers): number | null {
  const raw = headers.get("x-app-usage") ?? headers.get("x-ad-account-usage");
  if (!raw) return null;
  const parsed = tryJson(raw) as Record<string, number> | undefined;
  if (!parsed || typeof parsed !== "object") return null;
  const values = Object.values(parsed).map(Number).filter(Number.isFinite);
  return values.length ? Math.max(...values) : null;
}

export function metaResetAt(res: HttpResponse, now: number, code: number | undefined): Date {
  const serverNow = responseNow(res, now);
  const minutes = bucRegainMinutes(res.headers);
  if (minutes !== null && minutes > 0) return new Date(serverNow + minutes * 60_000);
  const ra = retryAfterAt(res, serverNow);
  if (ra) return ra;
  // App/user-level limits are a rolling hour; with usage at 100 % nothing frees up sooner.
  if (code === 4 || code === 17 || (appUsagePercent(res.headers) ?? 0) >= 100) return new Date(serverNow + META_APP_WINDOW_MS);
  return new Date(serverNow + DEFAULT_RATE_LIMIT_WAIT_MS);
}

export function mapMetaError(platform: Platform) {
  return (res: HttpResponse, now: number, secrets: string[]): ConnectorError | null => {
    const err = graphError(res);
    if (!err) return null;
    const code = typeof err.code === "number" ? err.code : undefined;
    const msg = redact(`Graph API error ${code ?? "?"}${err.error_subcode ? `/${err.error_subcode}` : ""}: ${err.message ?? ""}`, secrets);
    if (code !== undefined && META_THROTTLE_CODES.has(code)) {
      const at = metaResetAt(res, now, code);
      return new RateLimited(platform, at, `${msg}; rate limited until ${at.toISOString()}`);
    }
    if (code === 190 || code === 102 || code === 10 || code === 368 || (code !== undefined && code >= 200 && code <= 299)) {
      return new AuthFailed(platform, msg);
    }
    if (code === 100 && err.error_subcode === 33) return new NotFound(platform, msg, "deleted");
    if (code === 803 || (code === 110 && err.error_subcode === 2207013)) return new NotFound(platform, msg);
    if (code === 1 || code === 2 || res.status >= 500) return new Transient(platform, msg);
    if (res.status >= 400) return new BadResponse(platform, msg, "");
    return null;
  };
}
