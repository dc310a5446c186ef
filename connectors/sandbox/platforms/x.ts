/** X API v2 as the sandbox speaks it: /2/users/by/username, /2/users/:id(/tweets), /2/tweets. */
import { bearer, json, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { PostView, SandboxAccount } from "../world";

const P = "https://api.x.com/2/problems";
const PROBLEM = "application/problem+json";

function rlHeaders(ctx: SbContext): Record<string, string> {
  const reset = Math.floor(ctx.now / 1000) + 900;
  return { "x-rate-limit-limit": "900", "x-rate-limit-remaining": "899", "x-rate-limit-reset": String(reset) };
}

const notFoundUser = (value: string, param: "username" | "id") => ({
  value,
  detail: `Could not find user with ${param === "username" ? "username" : "id"}: [${value}].`,
  title: "Not Found Error",
  resource_type: "user",
  parameter: param,
  resource_id: value,
  type: `${P}/resource-not-found`,
});
const suspendedUser = (value: string, param: "username" | "id") => ({
  parameter: param,
  resource_id: value,
  value,
  detail: `User has been suspended: [${value}].`,
  title: "Forbidden",
  resource_type: "user",
  type: `${P}/resource-not-found`,
});

export function xUser(a: SandboxAccount, ctx: SbContext) {
  const posts = ctx.world.live(a, ctx.now).length;
  const site = a.entity.website;
  const tco = `https://t.co/${Buffer.from(a.key).toString("base64url").slice(0, 10)}`;
  return {
    id: a.apiId,
    name: a.displayName,
    username: a.currentHandle,
    created_at: new Date(a.profileCreatedAt).toISOString(),
    description: a.bio,
    protected: false,
    verified: a.verified,
    verified_type: a.verified ? (a.class === "official" ? "government" : "blue") : "none",
    profile_image_url: `https://pbs.twimg.com/profile_images/${a.platformId}/avatar_normal.jpg`,
    ...(site && a.class === "official"
      ? { url: tco, entities: { url: { urls: [{ start: 0, end: 23, url: tco, expanded_url: `https://${site}`, display_url: site }] } } }
      : {}),
    // Wire responses say tweet_count; the current OpenAPI requires post_count. Send both.
    public_metrics: { followers_count: a.followers, following_count: 120, tweet_count: posts, post_count: posts, listed_count: 40 },
  };
}

function xPost(v: PostView, a: SandboxAccount, version: "current" | "original" = "current") {
  const p = v.post;
  const original = version === "original" && v.edited;
  const id = original ? p.id : v.id;
  const created = v.edited && !original ? p.editedAt! : p.publishedAt;
  const chain = v.edited ? [p.id, p.editedId!] : [p.id];
  return {
    id,
    text: original ? p.text : v.text,
    created_at: new Date(created).toISOString(),
    author_id: a.apiId,
    conversation_id: p.id,
    lang: p.lang,
    edit_history_tweet_ids: chain,
    edit_controls: {
      is_edit_eligible: !v.edited,
      editable_until: new Date(p.publishedAt + 30 * 60_000).toISOString(),
      edits_remaining: v.edited ? 4 : 5,
    },
    // Wire says retweet_count; the OpenAPI requires repost_count. Send both.
    public_metrics: { retweet_count: p.seq % 17, repost_count: p.seq % 17, reply_count: p.seq % 5, like_count: (p.seq * 7) % 97, quote_count: p.seq % 3, bookmark_count: p.seq % 4, impression_count: 500 + p.seq * 13 },
  };
}

function userLookup(ctx: SbContext, key: string, by: "username" | "id"): SbResponse {
  const a = by === "username" ? ctx.world.accountByHandle("x", key) : ctx.world.accountByApiId("x", key);
  if (!a) return json(200, { errors: [notFoundUser(key, by)] }, rlHeaders(ctx));
  if (a.state === "suspended") return json(200, { errors: [suspendedUser(key, by)] }, rlHeaders(ctx));
  return json(200, { data: xUser(a, ctx) }, rlHeaders(ctx));
}

function invalid(detail: string, parameter: string, value: string): SbResponse {
  return json(400, { errors: [{ parameters: { [parameter]: [value] }, message: detail }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: `${P}/invalid-request` }, {}, PROBLEM);
}

function timeline(ctx: SbContext, id: string): SbResponse {
  const a = ctx.world.accountByApiId("x", id);
  if (!a) return json(200, { errors: [notFoundUser(id, "id")] }, rlHeaders(ctx));
  if (a.state === "suspended") return json(200, { errors: [suspendedUser(id, "id")] }, rlHeaders(ctx));
  const q = ctx.url.searchParams;
  const max = Number(q.get("max_results") ?? 10);
  if (!Number.isInteger(max) || max < 5 || max > 100) {
    return invalid(`The \`max_results\` query parameter value [${q.get("max_results")}] is not between 5 and 100`, "max_results", String(q.get("max_results")));
  }
  const since = q.get("since_id");
  const token = q.get("pagination_token");
  let before: bigint | null = null;
  if (token) {
    const m = /^7140([0-9a-z]+)$/.exec(token);
    if (!m) return invalid("The `pagination_token` query parameter value is not valid", "pagination_token", token);
    before = BigInt(parseInt36(m[1]));
  }
  const views = ctx.world
    .live(a, ctx.now)
    .filter((v) => (!since || BigInt(v.id) > BigInt(since)) && (before === null || BigInt(v.id) < before))
    .sort((x, y) => (BigInt(y.id) > BigInt(x.id) ? 1 : -1));
  const page = views.slice(0, max);
  if (!page.length) return json(200, { meta: { result_count: 0 } }, rlHeaders(ctx));
  const meta: Record<string, unknown> = { result_count: page.length, newest_id: page[0].id, oldest_id: page[page.length - 1].id };
  if (views.length > max) meta.next_token = `7140${BigInt(page[page.length - 1].id).toString(36)}`;
  return json(200, { data: page.map((v) => xPost(v, a)), meta }, rlHeaders(ctx));
}

function parseInt36(s: string): string {
  let v = 0n;
  for (const c of s) v = v * 36n + BigInt(parseInt(c, 36));
  return v.toString();
}

/** Finds a post by original or edited id, with which version the id names. */
function findPost(ctx: SbContext, id: string): { v: PostView; a: SandboxAccount; version: "current" | "original" } | null {
  if (!/^\d{1,19}$/.test(id)) return null;
  const ms = Number((BigInt(id) >> 22n) + 1288834974657n);
  const worker = Number((BigInt(id) >> 12n) & 1023n);
  if (ms > ctx.now) return null;
  for (const a of ctx.world.accounts) {
    if (a.platform !== "x" || a.index % 1024 !== worker || a.state === "suspended") continue;
    for (const p of ctx.world.postsUntil(a, ctx.now)) {
      if (p.id !== id && p.editedId !== id) continue;
      const v = ctx.world.view(p, ctx.now);
      if (v.deleted) return null;
      if (p.editedId === id && !v.edited) return null;
      return { v, a, version: p.id === id ? "original" : "current" };
    }
  }
  return null;
}

const notFoundTweet = (id: string, param: string) => ({
  value: id,
  detail: `Could not find tweet with ${param}: [${id}].`,
  title: "Not Found Error",
  resource_type: "tweet",
  parameter: param,
  resource_id: id,
  type: `${P}/resource-not-found`,
});

export const xModule: PlatformModule = {
  platformOf: () => "x",
  handle(ctx) {
    const token = bearer(ctx);
    if (!token) return json(401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" }, {}, PROBLEM);
    if (ctx.isExpired(token)) return this.expiredToken(ctx);
    let m: RegExpExecArray | null;
    if ((m = /^\/2\/users\/by\/username\/([^/]+)$/.exec(ctx.path))) return userLookup(ctx, decodeURIComponent(m[1]), "username");
    if ((m = /^\/2\/users\/(\d{1,19})\/tweets$/.exec(ctx.path))) return timeline(ctx, m[1]);
    if ((m = /^\/2\/users\/(\d{1,19})$/.exec(ctx.path))) return userLookup(ctx, m[1], "id");
    if ((m = /^\/2\/tweets\/(\d{1,19})$/.exec(ctx.path))) {
      const f = findPost(ctx, m[1]);
      return json(200, f ? { data: xPost(f.v, f.a, f.version) } : { errors: [notFoundTweet(m[1], "id")] }, rlHeaders(ctx));
    }
    if (ctx.path === "/2/tweets") {
      const ids = (ctx.url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
      if (!ids.length || ids.length > 100) return invalid("The `ids` query parameter must have 1 to 100 items", "ids", ids.join(","));
      const data: unknown[] = [];
      const errors: unknown[] = [];
      for (const id of ids) {
        const f = findPost(ctx, id);
        if (f) data.push(xPost(f.v, f.a, f.version));
        else errors.push(notFoundTweet(id, "ids"));
      }
      return json(200, { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) }, rlHeaders(ctx));
    }
    return json(404, { errors: [{ message: "Sorry, that page does not exist", code: 34 }] });
  },
  newBlock: (ctx, r) => (Math.floor(ctx.now / 1000) + 30 + Math.floor(r() * 270)) * 1000,
  rateLimited(ctx, until) {
    return json(
      429,
      { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
      { "x-rate-limit-limit": "900", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(until / 1000)) },
      PROBLEM,
    );
  },
  serverError: (_ctx, r) =>
    r() < 0.5
      ? json(503, { title: "Service Unavailable", detail: "Service Unavailable", type: "about:blank", status: 503 }, {}, PROBLEM)
      : json(500, { title: "Internal Server Error", detail: "Internal Server Error", type: "about:blank", status: 500 }, {}, PROBLEM),
  expiredToken: () => json(401, { title: "Unauthorized", type: "about:blank", status: 401, detail: "Unauthorized" }, {}, PROBLEM),
};

