/** Unit tests of every platform's error mapping into the shared taxonomy (no network). */
import { describe, expect, it } from "vitest";
import { fallbackError, responseNow, retryAfterAt } from "../../connectors/errors";
import type { HttpResponse } from "../../connectors/http";
import { mapBlueskyError } from "../../connectors/bluesky/errors";
import { mapMastodonError } from "../../connectors/mastodon/errors";
import { bucRegainMinutes, mapMetaError, META_APP_WINDOW_MS } from "../../connectors/meta/errors";
import { mapXError, xErrorsOnly } from "../../connectors/x/errors";
import { mapYouTubeError, nextPacificMidnight } from "../../connectors/youtube/errors";
import { AuthFailed, BadResponse, NotFound, RateLimited, Transient } from "../../connectors/types";

const NOW = Date.UTC(2026, 10, 1, 5, 0, 0);
function res(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: new Headers(headers), text: typeof body === "string" ? body : JSON.stringify(body), url: "https://api.example/test" };
}
const SECRETS = ["sekret-token-value"];

describe("X", () => {
  it("429 → RateLimited at x-rate-limit-reset (epoch seconds)", () => {
    const e = mapXError(res(429, { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 }, { "x-rate-limit-reset": "1793509200" }), NOW, []);
    expect(e).toBeInstanceOf(RateLimited);
    expect((e as RateLimited).resetAt.getTime()).toBe(1793509200_000);
  });
  it("429 without headers falls back to Retry-After, then to a default wait", () => {
    const e1 = mapXError(res(429, {}, { "retry-after": "120", date: new Date(NOW).toUTCString() }), NOW, []) as RateLimited;
    expect(e1.resetAt.getTime()).toBe(NOW + 60_000); // no x-rate-limit-* → default; Retry-After handled by fallback
    const e2 = fallbackError("x", res(429, {}, { "retry-after": "120", date: new Date(NOW).toUTCString() }), NOW, []) as RateLimited;
    expect(e2.resetAt.getTime()).toBe(NOW + 120_000);
  });
  it("usage cap → RateLimited until the next billing period", () => {
    const e = mapXError(res(429, { title: "UsageCapExceeded", detail: "Usage cap exceeded: Monthly product cap", type: "https://api.twitter.com/2/problems/usage-capped", period: "Monthly", scope: "Product" }), NOW, []) as RateLimited;
    expect(e.resetAt.toISOString()).toBe("2026-12-01T00:00:00.000Z");
  });
  it("401 → AuthFailed, 404 → NotFound, 503 → null (fallback Transient)", () => {
    expect(mapXError(res(401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" }), NOW, [])).toBeInstanceOf(AuthFailed);
    expect(mapXError(res(404, { title: "Not Found" }), NOW, [])).toBeInstanceOf(NotFound);
    expect(mapXError(res(503, {}), NOW, [])).toBeNull();
    expect(fallbackError("x", res(503, {}), NOW, [])).toBeInstanceOf(Transient);
  });
  it("HTTP 200 with only errors → NotFound (suspended vs unknown)", () => {
    const nf = xErrorsOnly({ errors: [{ detail: "Could not find user with username: [nosuchuser].", title: "Not Found Error", type: "https://api.twitter.com/2/problems/resource-not-found" }] }, "user");
    expect(nf).toBeInstanceOf(NotFound);
    expect(nf!.reason).toBe("unknown");
    const sus = xErrorsOnly({ errors: [{ detail: "User has been suspended: [someuser].", title: "Forbidden", type: "https://api.twitter.com/2/problems/resource-not-found" }] }, "user");
    expect(sus!.reason).toBe("suspended");
    expect(xErrorsOnly({ data: {}, errors: [{ detail: "partial" }] }, "user")).toBeNull();
  });
});

describe("Meta Graph", () => {
  const map = mapMetaError("facebook");
  it.each([4, 17, 32, 613, 80001, 80002])("code %i → RateLimited", (code) => {
    expect(map(res(400, { error: { code, message: "limit", type: "OAuthException" } }), NOW, [])).toBeInstanceOf(RateLimited);
  });
  it("BUC estimated_time_to_regain_access (minutes) sets the reset", () => {
    const h = { "x-business-use-case-usage": JSON.stringify({ "1": [{ type: "pages", call_count: 100, estimated_time_to_regain_access: 7 }], "2": [{ type: "pages", estimated_time_to_regain_access: 3 }] }), date: new Date(NOW).toUTCString() };
    const e = map(res(400, { error: { code: 80001, message: "too many calls" } }, h), NOW, []) as RateLimited;
    expect(e.resetAt.getTime()).toBe(NOW + 7 * 60_000);
    expect(bucRegainMinutes(new Headers({ "x-business-use-case-usage": "not json" }))).toBeNull();
  });
  it("app-level throttle without estimate waits out the rolling hour; X-App-Usage ≥ 100 too", () => {
    const e = map(res(400, { error: { code: 4, message: "Application request limit reached" } }, { "x-app-usage": '{"call_count":100,"total_time":20,"total_cputime":10}' }), NOW, []) as RateLimited;
    expect(e.resetAt.getTime()).toBe(NOW + META_APP_WINDOW_MS);
  });
  it("190 → AuthFailed (token redacted), 100/33 → NotFound, 803 → NotFound, 1/2 → Transient, other → BadResponse", () => {
    const auth = map(res(400, { error: { code: 190, error_subcode: 463, message: "Error validating access token sekret-token-value expired", type: "OAuthException" } }), NOW, SECRETS);
    expect(auth).toBeInstanceOf(AuthFailed);
    expect(auth!.message).not.toContain("sekret-token-value");
    expect(map(res(400, { error: { code: 100, error_subcode: 33, message: "does not exist" } }), NOW, [])).toBeInstanceOf(NotFound);
    expect(map(res(404, { error: { code: 803, message: "aliases do not exist" } }), NOW, [])).toBeInstanceOf(NotFound);
    expect(map(res(400, { error: { code: 110, error_subcode: 2207013, message: "Cannot find User" } }), NOW, [])).toBeInstanceOf(NotFound);
    expect(map(res(500, { error: { code: 2, message: "unexpected" } }), NOW, [])).toBeInstanceOf(Transient);
    expect(map(res(400, { error: { code: 12345, message: "?" } }), NOW, [])).toBeInstanceOf(BadResponse);
    expect(map(res(200, { data: [] }), NOW, [])).toBeNull();
  });
});

describe("YouTube", () => {
  const quota = { error: { code: 403, message: "exceeded your <a>quota</a>", errors: [{ message: "x", domain: "youtube.quota", reason: "quotaExceeded" }] } };
  it("quotaExceeded → RateLimited until next midnight America/Los_Angeles (PST and PDT)", () => {
    const winter = mapYouTubeError(res(403, quota), Date.UTC(2026, 10, 10, 12), []) as RateLimited;
    expect(winter.resetAt.toISOString()).toBe("2026-11-11T08:00:00.000Z");
    const summer = mapYouTubeError(res(403, quota), Date.UTC(2026, 6, 10, 12), []) as RateLimited;
    expect(summer.resetAt.toISOString()).toBe("2026-07-11T07:00:00.000Z");
    // Just before midnight PT the reset is minutes away, from the response's Date header.
    const late = mapYouTubeError(res(403, quota, { date: new Date(Date.UTC(2026, 10, 11, 7, 59)).toUTCString() }), 0, []) as RateLimited;
    expect(late.resetAt.toISOString()).toBe("2026-11-11T08:00:00.000Z");
    expect(nextPacificMidnight(Date.UTC(2026, 2, 8, 9)).toISOString()).toBe("2026-03-09T07:00:00.000Z"); // DST starts
  });
  it("rateLimitExceeded → RateLimited with Retry-After; key problems → AuthFailed; 404 → NotFound; 5xx → Transient", () => {
    const rl = mapYouTubeError(res(403, { error: { code: 403, errors: [{ reason: "rateLimitExceeded" }] } }, { "retry-after": "30", date: new Date(NOW).toUTCString() }), NOW, []) as RateLimited;
    expect(rl.resetAt.getTime()).toBe(NOW + 30_000);
    expect(mapYouTubeError(res(400, { error: { code: 400, message: "API key not valid. Please pass a valid API key.", errors: [{ reason: "badRequest" }] } }), NOW, [])).toBeInstanceOf(AuthFailed);
    expect(mapYouTubeError(res(400, { error: { code: 400, message: "API key expired.", errors: [{ reason: "badRequest" }], details: [{ reason: "API_KEY_INVALID" }] } }), NOW, [])).toBeInstanceOf(AuthFailed);
    expect(mapYouTubeError(res(403, { error: { code: 403, errors: [{ reason: "forbidden" }] } }), NOW, [])).toBeInstanceOf(AuthFailed);
    expect(mapYouTubeError(res(404, { error: { code: 404, errors: [{ reason: "playlistNotFound" }] } }), NOW, [])).toBeInstanceOf(NotFound);
    expect(mapYouTubeError(res(503, { error: { code: 503, errors: [{ reason: "backendError" }] } }), NOW, [])).toBeInstanceOf(Transient);
  });
});

describe("Mastodon", () => {
  it("429 → RateLimited at X-RateLimit-Reset (ISO 8601, 6 fractional digits)", () => {
    const e = mapMastodonError(res(429, { error: "Too many requests" }, { "x-ratelimit-reset": "2026-11-01T05:05:00.000000Z" }), NOW, []) as RateLimited;
    expect(e.resetAt.toISOString()).toBe("2026-11-01T05:05:00.000Z");
  });
  it("401 → AuthFailed, 404 → NotFound, 410 → NotFound(suspended), 503 → fallback Transient", () => {
    expect(mapMastodonError(res(401, { error: "This API requires an authenticated user" }), NOW, [])).toBeInstanceOf(AuthFailed);
    expect(mapMastodonError(res(404, { error: "Record not found" }), NOW, [])).toBeInstanceOf(NotFound);
    expect((mapMastodonError(res(410, { error: "gone" }), NOW, []) as NotFound).reason).toBe("suspended");
    expect(mapMastodonError(res(503, { error: "x" }), NOW, [])).toBeNull();
  });
});

describe("Bluesky", () => {
  it("429 → RateLimited at RateLimit-Reset (epoch seconds)", () => {
    const e = mapBlueskyError(res(429, { error: "RateLimitExceeded", message: "Rate Limit Exceeded" }, { "ratelimit-reset": "1793509500" }), NOW, []) as RateLimited;
    expect(e.resetAt.getTime()).toBe(1793509500_000);
  });
  it("profile not found / takedown / deactivated → NotFound with reasons; auth errors → AuthFailed", () => {
    // The AppView's words (getProfile.ts): deactivated by the holder is not deleted.
    expect((mapBlueskyError(res(400, { error: "InvalidRequest", message: "Profile not found" }), NOW, []) as NotFound).reason).toBe("unknown");
    expect((mapBlueskyError(res(400, { error: "AccountTakedown", message: "Account has been suspended" }), NOW, []) as NotFound).reason).toBe("suspended");
    expect((mapBlueskyError(res(400, { error: "AccountDeactivated", message: "Account is deactivated" }), NOW, []) as NotFound).reason).toBe("deactivated");
    expect(mapBlueskyError(res(401, { error: "AuthRequired" }), NOW, [])).toBeInstanceOf(AuthFailed);
    expect(mapBlueskyError(res(400, { error: "InvalidRequest", message: "bad limit" }), NOW, [])).toBeNull();
  });
});

describe("shared fallback", () => {
  it("Retry-After as seconds or HTTP date, relative to the Date header", () => {
    const h = { date: new Date(NOW).toUTCString() };
    expect(retryAfterAt(res(429, "", { ...h, "retry-after": "90" }), responseNow(res(429, "", h), 0))!.getTime()).toBe(NOW + 90_000);
    const at = new Date(NOW + 600_000).toUTCString();
    expect(retryAfterAt(res(429, "", { "retry-after": at }), NOW)!.getTime()).toBe(NOW + 600_000);
  });
  it("maps status classes and keeps a redacted sample ≤ 500 chars", () => {
    expect(fallbackError("rss", res(503, "", { "retry-after": "60" }), NOW, [])).toBeInstanceOf(RateLimited);
    expect(fallbackError("rss", res(502, "<html>"), NOW, [])).toBeInstanceOf(Transient);
    expect(fallbackError("rss", res(403, ""), NOW, [])).toBeInstanceOf(AuthFailed);
    expect((fallbackError("rss", res(410, ""), NOW, []) as NotFound).reason).toBe("deleted");
    const bad = fallbackError("rss", res(418, "sekret-token-value " + "x".repeat(2000)), NOW, SECRETS) as BadResponse;
    expect(bad).toBeInstanceOf(BadResponse);
    expect(bad.sample.length).toBeLessThanOrEqual(500);
    expect(bad.sample).not.toContain("sekret-token-value");
  });
});
