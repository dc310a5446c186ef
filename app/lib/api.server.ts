/**
 * The /api/v1 edge: personal tokens (`Authorization: Bearer <token>`), scopes, rate limits and JSON
 * errors `{ "error": "…" }`. A token acts as its user through the same permission rules as the
 * pages (core/access.ts), never more: a disabled user's tokens stop working, and anything the user
 * may not see answers 404 exactly like something that does not exist. The session cookie is not
 * accepted here (no cross-site requests can ride on it).
 */
import { createHash } from "node:crypto";
import type { TokenScope } from "../../core/enums";
import type { SessionUser } from "../../core/access";
import { tokenByHash } from "../../db/api-tokens";
import { entityBySlug, type Entity } from "../../db/accounts";
import { canSeeEntity } from "../../core/access";
import { db } from "./db.server";
import { rateLimit, rateLimitHeaders, type LimitResult } from "./rate-limit.server";

export const TOKEN_PREFIX = "amanah_";

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A JSON answer (errors are `{ "error": message }`). */
export function apiJson(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}

export function apiError(status: number, message: string, headers: Record<string, string> = {}): never {
  throw apiJson({ error: message }, status, headers);
}

const CHALLENGE = { "WWW-Authenticate": 'Bearer realm="amanah"' };

export interface ApiCaller {
  user: SessionUser;
  tokenId: number;
  limit: LimitResult;
}

/**
 * The user a request's token acts as, for an endpoint needing `scope`: 401 without a valid token
 * (missing, malformed, unknown, revoked, expired, or its user disabled), 403 for a token of
 * another scope, 429 (with Retry-After) over the rate limit.
 */
export async function requireToken(request: Request, scope: TokenScope): Promise<ApiCaller> {
  const header = request.headers.get("Authorization");
  if (!header) apiError(401, "missing token: send Authorization: Bearer <token> (create one at /settings/tokens)", CHALLENGE);
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!m) apiError(401, "malformed Authorization header: expected Bearer <token>", CHALLENGE);
  const token = m[1];
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) apiError(401, "invalid token", CHALLENGE);
  const found = tokenByHash(db(), hashToken(token));
  if (!found.ok) {
    const why = found.reason === "expired" ? "token expired" : found.reason === "revoked" ? "token revoked" : "invalid token";
    apiError(401, why, CHALLENGE);
  }
  const { identity } = found;
  if (identity.scope !== scope) apiError(403, `this token has scope "${identity.scope}"; this endpoint needs "${scope}"`);
  const limit = await rateLimit(scope === "check" ? "check" : "read", identity.user.id);
  if (!limit.ok) apiError(429, `rate limit: ${limit.limit} requests a minute; retry in ${limit.retryAfter} s`, rateLimitHeaders(limit));
  return { user: identity.user, tokenId: identity.tokenId, limit };
}

/** 404 in the API's shape: the same for what does not exist and what the caller may not see. */
export function apiNotFound(what = "not found"): never {
  apiError(404, what);
}

/** Only these query parameters (a typo is a 400, not a silently ignored filter). */
export function knownParams(url: URL, known: readonly string[]): void {
  const unknown = [...new Set([...url.searchParams.keys()].filter((k) => !known.includes(k)))];
  if (unknown.length) apiError(400, `unknown parameter(s): ${unknown.slice(0, 5).join(", ")}; allowed: ${known.join(", ") || "none"}`);
  for (const k of known) if (url.searchParams.getAll(k).length > 1) apiError(400, `${k}: give it once`);
}

/** The entity with this slug if the caller may see it; otherwise the same 404 as an unknown slug. */
export function visibleEntity(user: SessionUser, slug: string): Entity {
  const entity = /^[a-z0-9-]{1,80}$/.test(slug) ? entityBySlug(db(), slug) : undefined;
  if (!entity || !canSeeEntity(user, entity.id)) apiNotFound(`entity ${JSON.stringify(slug.slice(0, 80))}: not found`);
  return entity;
}

/** ISO 8601 in UTC, or null. */
export function iso(ms: number | Date | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const t = typeof ms === "number" ? ms : ms.getTime();
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}
