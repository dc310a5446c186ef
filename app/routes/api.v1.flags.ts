/**
 * GET /api/v1/flags?entity=&since=&status=&limit=&cursor= — flags the token's user may see, oldest
 * first, a page at a time: `nextCursor` (opaque) fetches the next page, null on the last.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { entityScope } from "../../core/access";
import { dayStart, isDay } from "../../core/calendar";
import { FLAG_STATUSES, type FlagStatus } from "../../core/enums";
import { apiFlagsPage, type ApiFlagRow } from "../../db/read/api";
import { db } from "~/lib/db.server";
import { apiError, apiJson, iso, knownParams, requireToken, visibleEntity } from "~/lib/api.server";
import { rateLimitHeaders } from "~/lib/rate-limit.server";

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 500;

/** The cursor names the last flag of a page; opaque to clients (its form may change). */
function encodeCursor(lastId: number): string {
  return Buffer.from(`f1:${lastId}`, "utf8").toString("base64url");
}

function decodeCursor(c: string): number {
  const m = /^f1:(\d{1,15})$/.exec(/^[A-Za-z0-9_-]{1,40}$/.test(c) ? Buffer.from(c, "base64url").toString("utf8") : "");
  if (!m) apiError(400, "cursor: not a cursor from this API (use nextCursor as given)");
  return Number(m[1]);
}

/** A day (its start in Bahrain) or an ISO 8601 instant with a time zone. */
function parseSince(s: string): number {
  if (isDay(s)) return dayStart(s);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(s)) {
    const t = Date.parse(s);
    if (Number.isFinite(t)) return t;
  }
  apiError(400, `since: expected YYYY-MM-DD or an ISO 8601 time with its zone (2026-11-03T08:00:00+03:00), got ${JSON.stringify(String(s).slice(0, 40))}`);
}

function spans(s: string): { start: number; end: number; text: string }[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter((x) => x && Number.isInteger(x.start) && Number.isInteger(x.end)).map((x) => ({ start: x.start, end: x.end, text: String(x.text ?? "") })) : [];
  } catch {
    return [];
  }
}

function flagJson(r: ApiFlagRow) {
  return {
    id: r.id,
    entity: r.entitySlug,
    accountId: r.accountId,
    platform: r.platform,
    handle: r.handle,
    rule: r.ruleId,
    clause: r.clauseId,
    category: r.category,
    severity: r.severity,
    score: r.score,
    status: r.status,
    escalated: !!r.escalated,
    policyVersion: r.policyVersion,
    createdAt: iso(r.createdAt),
    reviewedAt: iso(r.reviewedAt),
    spans: spans(r.spans),
    post: r.postId === null ? null : { id: r.postId, text: r.text, url: r.url, publishedAt: iso(r.publishedAt), deletedAt: iso(r.deletedAt) },
  };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireToken(request, "read");
  const url = new URL(request.url);
  knownParams(url, ["entity", "since", "status", "limit", "cursor"]);
  const p = (k: string) => url.searchParams.get(k) || null;
  const scope = entityScope(caller.user);
  const slug = p("entity");
  const entityId = slug !== null ? visibleEntity(caller.user, slug).id : scope;
  const status = p("status");
  if (status !== null && !(FLAG_STATUSES as readonly string[]).includes(status)) apiError(400, `status: expected one of ${FLAG_STATUSES.join("|")}, got ${JSON.stringify(status.slice(0, 40))}`);
  const rawLimit = p("limit");
  const limit = rawLimit === null ? DEFAULT_LIMIT : Number(rawLimit);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) apiError(400, `limit: expected a whole number from 1 to ${MAX_LIMIT}`);
  const since = p("since");
  const cursor = p("cursor");
  // One more than asked tells whether there is a next page.
  const rows = apiFlagsPage(db(), {
    entityId,
    since: since === null ? null : parseSince(since),
    status: status as FlagStatus | null,
    afterId: cursor === null ? 0 : decodeCursor(cursor),
    limit: limit + 1,
  });
  const page = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? encodeCursor(page[page.length - 1].id) : null;
  return apiJson({ flags: page.map(flagJson), nextCursor }, 200, rateLimitHeaders(caller.limit));
}
