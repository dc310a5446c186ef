/**
 * Meta Graph API as the sandbox speaks it (Facebook Pages and Instagram share the /graph/vNN.N
 * prefix): nodes by id or username, /{page-id}/posts, /{ig-user-id}/media, Business Discovery
 * via the fields expression, error bodies with code/subcode, X-App-Usage and BUC headers.
 */
import type { Platform } from "../../types";
import { b64url, bearer, floorSec, json, unb64url, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { PostView, SandboxAccount } from "../world";

const TYPE = "application/json; charset=UTF-8";
const trace = (ctx: SbContext) => `A${Buffer.from(String(ctx.now)).toString("base64url").slice(-10)}`;

function graphError(ctx: SbContext, status: number, e: Record<string, unknown>, headers: Record<string, string> = {}): SbResponse {
  return json(status, { error: { ...e, fbtrace_id: trace(ctx) } }, headers, TYPE);
}

/** Graph timestamps: 2026-08-20T14:03:11+0000. */
const gtime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "+0000");

function usageHeaders(ctx: SbContext, a?: SandboxAccount): Record<string, string> {
  const h: Record<string, string> = { "x-app-usage": JSON.stringify({ call_count: 3, total_time: 2, total_cputime: 1 }) };
  if (a) {
    h["x-business-use-case-usage"] = JSON.stringify({
      [a.apiId]: [{ type: a.platform === "instagram" ? "instagram" : "pages", call_count: 2, total_cputime: 1, total_time: 1, estimated_time_to_regain_access: 0 }],
    });
  }
  void ctx;
  return h;
}

const missingObject = (ctx: SbContext, id: string) =>
  graphError(ctx, 400, {
    message: `Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    type: "GraphMethodException",
    code: 100,
    error_subcode: 33,
  });

/** Top-level names of a Graph `fields` expression (nested {…} and modifiers skipped). */
function topFields(expr: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = "";
  for (const ch of expr) {
    if (ch === "{" || ch === "(") depth++;
    if (ch === "}" || ch === ")") depth--;
    if (ch === "," && depth === 0) {
      out.push(cur);
      cur = "";
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out.map((f) => f.trim()).filter(Boolean);
}

function pick(obj: Record<string, unknown>, fields: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const name = f.split(/[{.(]/)[0];
    if (obj[name] !== undefined) out[name] = obj[name];
  }
  if (out.id === undefined && obj.id !== undefined) out.id = obj.id;
  return out;
}

function pageObject(a: SandboxAccount) {
  return {
    id: a.apiId,
    name: a.displayName,
    username: a.currentHandle,
    about: a.bio,
    category: "Government organization",
    fan_count: Math.floor(a.followers * 0.9),
    followers_count: a.followers,
    verification_status: a.verified ? "blue_verified" : "not_verified",
    link: `https://www.facebook.com/${a.currentHandle}`,
    ...(a.entity.website ? { website: `https://${a.entity.website}` } : {}),
    ...(a.entity.emailDomains[0] ? { emails: [`info@${a.entity.emailDomains[0]}`] } : {}),
    picture: { data: { height: 50, is_silhouette: false, url: `https://scontent.xx.fbcdn.net/v/t39.30808-1/${a.platformId}_n.jpg`, width: 50 } },
  };
}

function fbPost(v: PostView) {
  const p = v.post;
  const [pageId, postId] = p.id.split("_");
  return {
    id: p.id,
    message: v.text,
    created_time: gtime(p.publishedAt),
    updated_time: gtime(v.edited ? p.editedAt! : p.publishedAt),
    permalink_url: `https://www.facebook.com/${pageId}/posts/${postId}`,
    status_type: "mobile_status_update",
  };
}

function igUser(ctx: SbContext, a: SandboxAccount) {
  return {
    id: a.apiId,
    username: a.currentHandle,
    name: a.displayName,
    biography: a.bio,
    followers_count: a.followers,
    follows_count: 150,
    media_count: ctx.world.live(a, ctx.now).length,
    profile_picture_url: `https://scontent.cdninstagram.com/v/t51.2885-19/${a.platformId}_n.jpg`,
    ...(a.entity.website && a.class === "official" ? { website: `https://${a.entity.website}` } : {}),
  };
}

function igMedia(v: PostView) {
  const p = v.post;
  const short = Buffer.from(p.id).toString("base64url").slice(-11);
  return {
    id: p.id,
    caption: v.text,
    media_type: p.seq % 5 === 0 ? "VIDEO" : "IMAGE",
    media_product_type: p.seq % 5 === 0 ? "REELS" : "FEED",
    permalink: `https://www.instagram.com/p/${short}/`,
    timestamp: gtime(p.publishedAt),
    username: p.account.currentHandle,
    like_count: (p.seq * 11) % 300,
    comments_count: p.seq % 9,
  };
}

/** Cursor paging over newest-first items: `after` = base64url of the last id shown. */
function paged<T extends { id: string }>(
  ctx: SbContext,
  items: T[],
  limit: number,
  after: string | null,
  nextUrl: (after: string) => string,
): { data: T[]; paging?: Record<string, unknown> } {
  let start = 0;
  if (after) {
    const last = unb64url(after);
    const i = items.findIndex((x) => x.id === last);
    start = i >= 0 ? i + 1 : items.length;
  }
  const data = items.slice(start, start + limit);
  if (!data.length) return { data };
  const cursors = { before: b64url(data[0].id), after: b64url(data[data.length - 1].id) };
  const more = start + limit < items.length;
  void ctx;
  return { data, paging: { cursors, ...(more ? { next: nextUrl(cursors.after) } : {}) } };
}

function limitOf(v: string | null | undefined, dflt: number): number {
  const n = Number(v ?? dflt);
  return Number.isInteger(n) && n > 0 ? Math.min(n, 100) : dflt;
}

function businessDiscovery(ctx: SbContext, home: SandboxAccount, fields: string): SbResponse {
  const m = /business_discovery\.username\(([^)]+)\)\{(.*)\}$/.exec(fields);
  if (!m) return graphError(ctx, 400, { message: "(#100) Invalid business_discovery syntax", type: "OAuthException", code: 100 });
  const username = m[1];
  const a = ctx.world.accountByHandle("instagram", username);
  const fake = a ? undefined : ctx.world.fakeByHandle("instagram", username);
  if (fake) {
    // An impostor's business account: its profile (no media in the sandbox).
    const inner = topFields(m[2]);
    const bd = pick(
      { id: fake.apiId, username: fake.handle, name: fake.displayName, biography: fake.bio, followers_count: fake.followers, follows_count: 300, media_count: 0, profile_picture_url: `https://scontent.cdninstagram.com/v/t51.2885-19/${fake.apiId}_n.jpg`, ...(fake.website ? { website: fake.website } : {}) },
      inner,
    );
    if (inner.some((f) => f.startsWith("media") && !f.startsWith("media_count"))) bd.media = { data: [] };
    return json(200, { business_discovery: bd, id: home.apiId }, usageHeaders(ctx), TYPE);
  }
  if (!a || a.state === "suspended") {
    return graphError(ctx, 400, {
      message: "Invalid user id",
      type: "OAuthException",
      code: 110,
      error_subcode: 2207013,
      is_transient: false,
      error_user_title: "Cannot find User",
      error_user_msg: `The user with username: ${username} cannot be found.`,
    });
  }
  const inner = topFields(m[2]);
  const bd: Record<string, unknown> = pick(igUser(ctx, a), inner);
  const mediaField = inner.find((f) => f.startsWith("media") && !f.startsWith("media_count"));
  if (mediaField) {
    const limit = limitOf(/\.limit\((\d+)\)/.exec(mediaField)?.[1], 25);
    const after = /\.after\(([^)]*)\)/.exec(mediaField)?.[1] ?? null;
    const sub = /\{(.*)\}$/.exec(mediaField)?.[1] ?? "id";
    const items = ctx.world.live(a, ctx.now).map((v) => pick(igMedia(v), topFields(sub)) as { id: string });
    bd.media = paged(ctx, items, limit, after, (cur) => {
      const f = fields.replace(/media(\.[a-z]+\([^)]*\))*\{/, `media.limit(${limit}).after(${cur}){`);
      return `${ctx.base}/${home.apiId}?fields=${encodeURIComponent(f)}&access_token=REDACTED_IN_SANDBOX`;
    });
  }
  return json(200, { business_discovery: bd, id: home.apiId }, usageHeaders(ctx, a), TYPE);
}

/** What a node id names: a page / IG user / FB post / IG media. */
function resolveNode(ctx: SbContext, node: string) {
  const fb = ctx.world.accountByApiId("facebook", node) ?? ctx.world.accountByHandle("facebook", node);
  if (fb) return { kind: "page" as const, a: fb };
  const ig = ctx.world.accountByApiId("instagram", node);
  if (ig) return { kind: "iguser" as const, a: ig };
  const post = /^(\d+)_(\d+)$/.exec(node);
  if (post) {
    const a = ctx.world.accountByApiId("facebook", post[1]);
    if (a) return { kind: "post" as const, a };
  }
  const media = /^179(\d{4})\d{10}$/.exec(node);
  if (media) {
    const a = ctx.world.accounts.find((x) => x.platform === "instagram" && x.index === Number(media[1]));
    if (a) return { kind: "media" as const, a };
  }
  return null;
}

export const metaModule: PlatformModule = {
  platformOf(ctx): Platform {
    const node = ctx.path.split("/")[2] ?? "";
    const r = resolveNode(ctx, decodeURIComponent(node));
    return r && (r.kind === "iguser" || r.kind === "media") ? "instagram" : "facebook";
  },
  handle(ctx) {
    const token = bearer(ctx);
    if (!token) {
      return graphError(ctx, 400, { message: "An access token is required to request this resource.", type: "OAuthException", code: 104 });
    }
    if (ctx.isExpired(token)) return this.expiredToken(ctx);
    const parts = ctx.path.split("/").filter(Boolean); // [vNN.N, node, edge?]
    const node = decodeURIComponent(parts[1] ?? "");
    const edge = parts[2];
    const fields = ctx.url.searchParams.get("fields") ?? "";
    const r = resolveNode(ctx, node);
    if (!r) {
      if (/^\d+$/.test(node) || node.includes("_")) return missingObject(ctx, node);
      return graphError(ctx, 404, { message: `(#803) Some of the aliases you requested do not exist: ${node}`, type: "OAuthException", code: 803 });
    }
    const { a } = r;
    if (a.state === "suspended") return missingObject(ctx, node);
    const q = ctx.url.searchParams;
    if (r.kind === "page" && !edge) return json(200, pick(pageObject(a), topFields(fields || "id,name")), usageHeaders(ctx, a), TYPE);
    if (r.kind === "page" && edge === "posts") {
      const since = q.get("since") ? Number(q.get("since")) * 1000 : null;
      const limit = limitOf(q.get("limit"), 25);
      const items = ctx.world
        .live(a, ctx.now)
        .filter((v) => since === null || v.post.publishedAt >= since)
        .map((v) => pick(fbPost(v), topFields(fields || "id,message,created_time")) as { id: string });
      const body = paged(ctx, items, limit, q.get("after"), (cur) => {
        const u = new URL(`${ctx.base}/${a.apiId}/posts`);
        for (const [k, v] of q) if (k !== "after") u.searchParams.set(k, v);
        u.searchParams.set("access_token", "REDACTED_IN_SANDBOX");
        u.searchParams.set("after", cur);
        return u.toString();
      });
      return json(200, body, usageHeaders(ctx, a), TYPE);
    }
    if (r.kind === "iguser" && !edge) {
      if (fields.includes("business_discovery")) return businessDiscovery(ctx, a, fields);
      return json(200, pick(igUser(ctx, a), topFields(fields || "id,username")), usageHeaders(ctx, a), TYPE);
    }
    if (r.kind === "iguser" && edge === "media") {
      const items = ctx.world.live(a, ctx.now).map((v) => pick(igMedia(v), topFields(fields || "id")) as { id: string });
      const body = paged(ctx, items, limitOf(q.get("limit"), 25), q.get("after"), (cur) => `${ctx.base}/${a.apiId}/media?fields=${encodeURIComponent(fields)}&limit=${limitOf(q.get("limit"), 25)}&after=${cur}&access_token=REDACTED_IN_SANDBOX`);
      return json(200, body, usageHeaders(ctx, a), TYPE);
    }
    if ((r.kind === "post" || r.kind === "media") && !edge) {
      const p = ctx.world.postsUntil(a, ctx.now).find((x) => x.id === node);
      const v = p ? ctx.world.view(p, ctx.now) : null;
      if (!v || v.deleted) return missingObject(ctx, node);
      const obj = r.kind === "post" ? fbPost(v) : igMedia(v);
      return json(200, pick(obj, topFields(fields || "id")), usageHeaders(ctx, a), TYPE);
    }
    return graphError(ctx, 400, { message: `(#100) Tried accessing nonexisting field (${edge})`, type: "OAuthException", code: 100 });
  },
  newBlock: (ctx, r) => floorSec(ctx.now) + (1 + Math.floor(r() * 5)) * 60_000,
  rateLimited(ctx, until) {
    const minutes = Math.max(1, Math.ceil((until - floorSec(ctx.now)) / 60_000));
    const ig = this.platformOf(ctx) === "instagram";
    const node = ctx.path.split("/")[2] ?? "0";
    return graphError(
      ctx,
      ig ? 403 : 400,
      ig
        ? { message: "(#80002) There have been too many calls to this Instagram account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.", type: "OAuthException", is_transient: true, code: 80002 }
        : { message: "(#80001) There have been too many calls to this Page account. Wait a bit and try again. For more info, please refer to https://developers.facebook.com/docs/graph-api/overview/rate-limiting.", type: "OAuthException", is_transient: true, code: 80001 },
      {
        "x-business-use-case-usage": JSON.stringify({
          [node]: [{ type: ig ? "instagram" : "pages", call_count: 100, total_cputime: 12, total_time: 34, estimated_time_to_regain_access: minutes }],
        }),
      },
    );
  },
  serverError: (ctx, r) =>
    r() < 0.5
      ? graphError(ctx, 500, { message: "An unexpected error has occurred. Please retry your request later.", type: "OAuthException", is_transient: true, code: 2 })
      : graphError(ctx, 503, { message: "Service temporarily unavailable", type: "OAuthException", is_transient: true, code: 1 }),
  expiredToken: (ctx) =>
    graphError(
      ctx,
      400,
      {
        message: `Error validating access token: Session has expired on ${new Date(ctx.now - 3_600_000).toUTCString()}. The current time is ${new Date(ctx.now).toUTCString()}.`,
        type: "OAuthException",
        code: 190,
        error_subcode: 463,
      },
      { "www-authenticate": 'OAuth "Facebook Platform" "invalid_token" "Error validating access token: Session has expired"' },
    ),
};
