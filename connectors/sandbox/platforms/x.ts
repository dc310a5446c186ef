/**
 * X API v2 as the sandbox speaks it: /2/users/by/username, /2/users/by (up to 100 usernames),
 * /2/users/search (user-context tokens only, as live), /2/users/:id(/tweets), /2/tweets. Users
 * are the world's accounts and its fake ones (impostors.ts).
 * Posts carry the default fields (id, text, edit_history_tweet_ids) plus what `tweet.fields` asks
 * for; an unknown field name is a 400, as live. A long post's `text` is cut near 270 characters,
 * the whole text only in `note_tweet`. A protected account's posts are not authorized to us.
 */
import { isProtected } from "../hard-cases";
import { bearer, json, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { FakeAccount } from "../impostors";
import type { PostView, SandboxAccount, SearchHit } from "../world";

/** `tweet.fields` values the live API accepts (its own spellings: tweet_, not the OpenAPI's post_). */
const TWEET_FIELDS = new Set([
  "article", "attachments", "author_id", "card_uri", "community_id", "context_annotations", "conversation_id", "created_at",
  "display_text_range", "edit_controls", "edit_history_tweet_ids", "entities", "geo", "id", "in_reply_to_user_id", "lang",
  "media_metadata", "non_public_metrics", "note_tweet", "organic_metrics", "possibly_sensitive", "promoted_metrics",
  "public_metrics", "referenced_tweets", "reply_settings", "scopes", "source", "text", "withheld",
]);
const DEFAULT_FIELDS = ["id", "text", "edit_history_tweet_ids"];

/** Where X cuts a long post's `text`: the last word break before 270 characters. */
export function cutLongText(full: string): string {
  if ([...full].length <= 280) return full;
  const head = [...full].slice(0, 270).join("");
  const brk = head.lastIndexOf(" ");
  return brk > 200 ? head.slice(0, brk) : head;
}

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
    protected: isProtected(a, ctx.now),
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

/** A fake account (impostor, parody, unrelated) as X shows a user. */
function fakeUser(f: FakeAccount) {
  const site = f.website;
  const tco = `https://t.co/${Buffer.from(f.handle).toString("base64url").slice(0, 10)}`;
  return {
    id: f.apiId,
    name: f.displayName,
    username: f.handle,
    created_at: new Date(f.createdAt).toISOString(),
    description: f.bio,
    protected: false,
    verified: false,
    verified_type: "none",
    parody: f.kind === "parody",
    profile_image_url: `https://pbs.twimg.com/profile_images/${f.apiId}/avatar_normal.jpg`,
    ...(site ? { url: tco, entities: { url: { urls: [{ start: 0, end: 23, url: tco, expanded_url: site, display_url: site.replace(/^https?:\/\//, "") }] } } } : {}),
    public_metrics: { followers_count: f.followers, following_count: 300, tweet_count: 40, post_count: 40, listed_count: 0 },
  };
}

function hitUser(h: SearchHit, ctx: SbContext) {
  return h.world ? xUser(h.world, ctx) : fakeUser(h.fake);
}

/** A user by username or id: the world's, else a fake one. */
function findUser(ctx: SbContext, key: string, by: "username" | "id"): SearchHit | null {
  const a = by === "username" ? ctx.world.accountByHandle("x", key) : ctx.world.accountByApiId("x", key);
  if (a) return { world: a };
  const f = by === "username" ? ctx.world.fakeByHandle("x", key) : ctx.world.fakeByApiId("x", key);
  return f ? { fake: f } : null;
}

/** An app-only token may not search users: X wants a user context there. */
const isUserToken = (token: string) => /(^|-)user(-|$)/.test(token);

function usersSearch(ctx: SbContext, token: string): SbResponse {
  if (!isUserToken(token)) {
    return json(
      403,
      {
        title: "Unsupported Authentication",
        detail: "Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].",
        type: "https://api.x.com/2/problems/unsupported-authentication",
        status: 403,
      },
      rlHeaders(ctx),
      PROBLEM,
    );
  }
  const q = ctx.url.searchParams;
  const query = q.get("query") ?? "";
  if (!/^[A-Za-z0-9_' ]{1,50}$/.test(query)) return invalid(`The \`query\` query parameter value [${query}] does not match ^[A-Za-z0-9_' ]{1,50}$`, "query", query);
  const max = Number(q.get("max_results") ?? 100);
  if (!Number.isInteger(max) || max < 1 || max > 1000) return invalid(`The \`max_results\` query parameter value [${q.get("max_results")}] is not between 1 and 1000`, "max_results", String(q.get("max_results")));
  const hits = ctx.world.search("x", query, max).filter((h) => !h.world || h.world.state !== "suspended");
  return json(200, hits.length ? { data: hits.map((h) => hitUser(h, ctx)) } : {}, rlHeaders(ctx));
}

function usersBy(ctx: SbContext): SbResponse {
  const names = (ctx.url.searchParams.get("usernames") ?? "").split(",").filter(Boolean);
  if (!names.length || names.length > 100) return invalid("The `usernames` query parameter must have 1 to 100 items", "usernames", names.join(","));
  const bad = names.find((n) => !/^[A-Za-z0-9_]{1,15}$/.test(n));
  if (bad) return invalid(`The \`usernames\` query parameter value [${bad}] does not match ^[A-Za-z0-9_]{1,15}$`, "usernames", bad);
  const data: unknown[] = [];
  const errors: unknown[] = [];
  for (const n of names) {
    const h = findUser(ctx, n, "username");
    if (!h) errors.push(notFoundUser(n, "username"));
    else if (h.world?.state === "suspended") errors.push(suspendedUser(n, "username"));
    else data.push(hitUser(h, ctx));
  }
  return json(200, { ...(data.length ? { data } : {}), ...(errors.length ? { errors } : {}) }, rlHeaders(ctx));
}

/** The requested tweet.fields, or a 400 naming the first unknown one. */
function tweetFields(ctx: SbContext): Set<string> | SbResponse {
  const asked = (ctx.url.searchParams.get("tweet.fields") ?? "").split(",").filter(Boolean);
  const bad = asked.find((f) => !TWEET_FIELDS.has(f));
  if (bad) return invalid(`The \`tweet.fields\` query parameter value [${bad}] is not one of [${[...TWEET_FIELDS].join(",")}]`, "tweet.fields", bad);
  return new Set([...DEFAULT_FIELDS, ...asked]);
}

function xPost(v: PostView, a: SandboxAccount, fields: Set<string>, version: "current" | "original" = "current") {
  const all = fullPost(v, a, version);
  const out: Record<string, unknown> = {};
  for (const [k, val] of Object.entries(all)) if (fields.has(k) && val !== undefined) out[k] = val;
  return out;
}

function fullPost(v: PostView, a: SandboxAccount, version: "current" | "original") {
  const p = v.post;
  const original = version === "original" && v.edited;
  const id = original ? p.id : v.id;
  const created = v.edited && !original ? p.editedAt! : p.publishedAt;
  const chain = v.edited ? [p.id, p.editedId!] : [p.id];
  const full = original ? p.text : v.text;
  const text = cutLongText(full);
  return {
    id,
    text,
    note_tweet: text === full ? undefined : { text: full },
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
  const h = findUser(ctx, key, by);
  if (!h) return json(200, { errors: [notFoundUser(key, by)] }, rlHeaders(ctx));
  if (h.world?.state === "suspended") return json(200, { errors: [suspendedUser(key, by)] }, rlHeaders(ctx));
  return json(200, { data: hitUser(h, ctx) }, rlHeaders(ctx));
}

function invalid(detail: string, parameter: string, value: string): SbResponse {
  return json(400, { errors: [{ parameters: { [parameter]: [value] }, message: detail }], title: "Invalid Request", detail: "One or more parameters to your request was invalid.", type: `${P}/invalid-request` }, {}, PROBLEM);
}

function timeline(ctx: SbContext, id: string): SbResponse {
  const a = ctx.world.accountByApiId("x", id);
  if (!a) return json(200, { errors: [notFoundUser(id, "id")] }, rlHeaders(ctx));
  if (a.state === "suspended") return json(200, { errors: [suspendedUser(id, "id")] }, rlHeaders(ctx));
  const fields = tweetFields(ctx);
  if (!(fields instanceof Set)) return fields;
  if (isProtected(a, ctx.now)) return json(200, { errors: [unauthorized("user", "id", id)] }, rlHeaders(ctx));
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
  return json(200, { data: page.map((v) => xPost(v, a, fields)), meta }, rlHeaders(ctx));
}

function parseInt36(s: string): string {
  let v = 0n;
  for (const c of s) v = v * 36n + BigInt(parseInt(c, 36));
  return v.toString();
}

/** Finds a post by original or edited id, with which version the id names ("protected": exists, not ours to see). */
function findPost(ctx: SbContext, id: string): { v: PostView; a: SandboxAccount; version: "current" | "original" } | "protected" | null {
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
      if (isProtected(a, ctx.now)) return "protected";
      return { v, a, version: p.id === id ? "original" : "current" };
    }
  }
  return null;
}

/** Posts (and timelines) of a protected account, as X answers an app that does not follow it. */
const unauthorized = (type: "user" | "tweet", param: string, id: string) => ({
  value: id,
  detail: `Sorry, you are not authorized to see the ${type === "user" ? "user" : "Tweet"} with ${param}: [${id}].`,
  title: "Authorization Error",
  resource_type: type,
  parameter: param,
  resource_id: id,
  section: "data",
  type: `${P}/not-authorized-for-resource`,
});

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
    if (ctx.path === "/2/users/by") return usersBy(ctx);
    if (ctx.path === "/2/users/search") return usersSearch(ctx, token);
    if ((m = /^\/2\/users\/(\d{1,19})\/tweets$/.exec(ctx.path))) return timeline(ctx, m[1]);
    if ((m = /^\/2\/users\/(\d{1,19})$/.exec(ctx.path))) return userLookup(ctx, m[1], "id");
    if ((m = /^\/2\/tweets\/(\d{1,19})$/.exec(ctx.path))) {
      const fields = tweetFields(ctx);
      if (!(fields instanceof Set)) return fields;
      const f = findPost(ctx, m[1]);
      if (f === "protected") return json(200, { errors: [unauthorized("tweet", "id", m[1])] }, rlHeaders(ctx));
      return json(200, f ? { data: xPost(f.v, f.a, fields, f.version) } : { errors: [notFoundTweet(m[1], "id")] }, rlHeaders(ctx));
    }
    if (ctx.path === "/2/tweets") {
      const ids = (ctx.url.searchParams.get("ids") ?? "").split(",").filter(Boolean);
      if (!ids.length || ids.length > 100) return invalid("The `ids` query parameter must have 1 to 100 items", "ids", ids.join(","));
      const fields = tweetFields(ctx);
      if (!(fields instanceof Set)) return fields;
      const data: unknown[] = [];
      const errors: unknown[] = [];
      for (const id of ids) {
        const f = findPost(ctx, id);
        if (f === "protected") errors.push(unauthorized("tweet", "ids", id));
        else if (f) data.push(xPost(f.v, f.a, fields, f.version));
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

