/** Bluesky (XRPC AppView) error signals → the shared taxonomy. */
import { DEFAULT_RATE_LIMIT_WAIT_MS, epochSecondsHeader, responseNow, retryAfterAt } from "../errors";
import { tryJson, type HttpResponse } from "../http";
import { redact } from "../redact";
import { AuthFailed, NotFound, RateLimited, type ConnectorError } from "../types";

export function mapBlueskyError(res: HttpResponse, now: number, secrets: string[]): ConnectorError | null {
  if (res.status < 400) return null;
  const body = tryJson(res.text) as { error?: string; message?: string } | undefined;
  const name = body?.error ?? "";
  const msg = redact(`Bluesky HTTP ${res.status} ${name}: ${body?.message ?? ""}`, secrets);
  if (res.status === 429 || name === "RateLimitExceeded") {
    const serverNow = responseNow(res, now);
    const at = epochSecondsHeader(res, "ratelimit-reset") ?? retryAfterAt(res, serverNow) ?? new Date(serverNow + DEFAULT_RATE_LIMIT_WAIT_MS);
    return new RateLimited("bluesky", at, `${msg}; reset ${at.toISOString()}`);
  }
  if (name === "AccountTakedown") return new NotFound("bluesky", msg, "suspended");
  if (name === "AccountDeactivated") return new NotFound("bluesky", msg, "deactivated");
  if (name === "NotFound" || (name === "InvalidRequest" && /not found|could not find|unable to resolve/i.test(body?.message ?? ""))) {
    return new NotFound("bluesky", msg);
  }
  if (name === "BlockedActor" || name === "BlockedByActor") return new NotFound("bluesky", msg);
  if (res.status === 401 || name === "AuthRequired" || name === "ExpiredToken" || name === "InvalidToken") return new AuthFailed("bluesky", msg);
  return null;
}
