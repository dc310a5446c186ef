/**
 * Mastodon as the sandbox speaks it: accounts/lookup, v2 search (accounts: the world's and the fake
 * ones, impostors.ts), account statuses with Link paging, statuses/:id.
 */
import { floorSec, json, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { FakeAccount } from "../impostors";
import type { PostView, SandboxAccount } from "../world";

/** The instance the sandbox plays: accounts on other servers are remote (acct carries the host). */
const LOCAL = "social.sandbox.amanah.invalid";

const iso6 = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

function rl(ctx: SbContext): Record<string, string> {
  return { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": iso6(floorSec(ctx.now) + 300_000) };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** A URL as Mastodon's formatter links it: scheme (and www.) invisible, 30 characters shown, the rest invisible. */
function link(url: string): string {
  const prefix = /^https?:\/\/(www\.)?/.exec(url)?.[0] ?? "";
  const rest = url.slice(prefix.length);
  const cut = rest.length > 30;
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(prefix)}</span><span class="${cut ? "ellipsis" : ""}">${escapeHtml(rest.slice(0, 30))}</span><span class="invisible">${escapeHtml(rest.slice(30))}</span></a>`;
}

/** Links, hashtags and mentions (after whitespace, as the formatter finds them) in one line. */
function inline(line: string, host: string): string {
  let out = "";
  let at = 0;
  for (const m of line.matchAll(/https?:\/\/\S+|(?<=^|\s)#[\p{L}\p{N}_]+|(?<=^|\s)@[A-Za-z0-9_]+/gu)) {
    out += escapeHtml(line.slice(at, m.index));
    const t = m[0];
    if (t.startsWith("#")) out += `<a href="https://${host}/tags/${encodeURIComponent(t.slice(1))}" class="mention hashtag" rel="tag">#<span>${escapeHtml(t.slice(1))}</span></a>`;
    else if (t.startsWith("@")) out += `<span class="h-card" translate="no"><a href="https://${host}/@${t.slice(1)}" class="u-url mention">@<span>${t.slice(1)}</span></a></span>`;
    else out += link(t);
    at = m.index + t.length;
  }
  return out + escapeHtml(line.slice(at));
}

/**
 * Text as a server's HTML: paragraphs, <br />, links, hashtags, mentions, and the lists a
 * Markdown-capable server (GoToSocial, Akkoma) makes of "• " and "1. " lines. A connector must turn
 * it back into exactly the text.
 */
export function toHtml(text: string, host = "social.sandbox.amanah.invalid"): string {
  return text
    .split("\n\n")
    .map((para) => {
      const lines = para.split("\n");
      if (lines.every((l) => l.startsWith("• "))) return `<ul>${lines.map((l) => `<li>${inline(l.slice(2), host)}</li>`).join("")}</ul>`;
      if (lines.every((l, i) => l.startsWith(`${i + 1}. `))) return `<ol>${lines.map((l) => `<li>${inline(l.replace(/^\d+\. /, ""), host)}</li>`).join("")}</ol>`;
      return `<p>${lines.map((l) => inline(l, host)).join("<br />")}</p>`;
    })
    .join("");
}

function host(a: SandboxAccount) {
  return a.currentHandle.split("@")[1];
}

function account(ctx: SbContext, a: SandboxAccount, asHandle = a.currentHandle) {
  const [username] = asHandle.split("@");
  const h = host(a);
  const live = ctx.world.live(a, ctx.now);
  const site = a.entity.website;
  const avatar = `https://${h}/system/accounts/avatars/${a.platformId}/original/avatar.png`;
  return {
    id: a.apiId,
    username,
    acct: username,
    display_name: a.displayName,
    locked: false,
    bot: false,
    // GoToSocial-like servers leave documented-nullable fields null.
    discoverable: a.quirks.opaqueIds ? null : true,
    group: false,
    created_at: new Date(Math.floor(a.profileCreatedAt / 86_400_000) * 86_400_000).toISOString(),
    note: toHtml(a.bio, h),
    url: a.quirks.opaqueIds ? null : `https://${h}/@${username}`,
    uri: `https://${h}/users/${username}`,
    avatar,
    avatar_static: avatar,
    header: `https://${h}/headers/original/missing.png`,
    header_static: `https://${h}/headers/original/missing.png`,
    followers_count: a.followers,
    following_count: 12,
    statuses_count: live.length,
    last_status_at: live.length ? new Date(live[0].post.publishedAt).toISOString().slice(0, 10) : null,
    emojis: [],
    fields: site
      ? [{ name: "Website", value: `<a href="https://${site}" rel="me nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span class="">${site}</span><span class="invisible"></span></a>`, verified_at: a.verified ? new Date(a.profileCreatedAt + 86_400_000).toISOString().replace("Z", "+00:00") : null }]
      : [],
  };
}

function status(ctx: SbContext, v: PostView, a: SandboxAccount) {
  const p = v.post;
  const [username] = a.currentHandle.split("@");
  const h = host(a);
  return {
    id: p.id,
    created_at: new Date(p.publishedAt).toISOString(),
    in_reply_to_id: null,
    in_reply_to_account_id: null,
    sensitive: false,
    spoiler_text: "",
    visibility: "public",
    language: p.lang,
    uri: `https://${h}/users/${username}/statuses/${p.id}`,
    url: `https://${h}/@${username}/${p.id}`,
    replies_count: p.seq % 4,
    reblogs_count: p.seq % 6,
    favourites_count: (p.seq * 3) % 40,
    edited_at: v.edited ? new Date(p.editedAt!).toISOString() : null,
    content: toHtml(v.text, h),
    reblog: null,
    account: { id: a.apiId, username, acct: username, display_name: a.displayName, url: a.quirks.opaqueIds ? null : `https://${h}/@${username}` },
    media_attachments: [],
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  };
}

/**
 * The account as the API shows it: a suspended one as the docs' example (empty profile,
 * `suspended: true`); under its old name after a move, with `moved` (same instance: acct has no host).
 */
function accountAsSeen(ctx: SbContext, a: SandboxAccount, asOld: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = account(ctx, a, asOld ? a.handle : a.currentHandle);
  if (a.state === "suspended") {
    const h = host(a);
    Object.assign(body, { display_name: "", note: "", avatar: `https://${h}/avatars/original/missing.png`, avatar_static: `https://${h}/avatars/original/missing.png`, followers_count: 0, following_count: 0, statuses_count: 0, last_status_at: null, suspended: true, fields: [], emojis: [] });
  }
  if (asOld) body.moved = account(ctx, a);
  return body;
}

/** A fake account as the Account entity (remote when it lives on another server). */
function fakeAccount(f: FakeAccount) {
  const [username, h] = f.handle.split("@");
  const avatar = `https://${h}/system/accounts/avatars/${f.apiId}/original/avatar.png`;
  return {
    id: f.apiId,
    username,
    acct: h === LOCAL ? username : `${username}@${h}`,
    display_name: f.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: new Date(Math.floor(f.createdAt / 86_400_000) * 86_400_000).toISOString(),
    note: toHtml(f.bio, h),
    url: `https://${h}/@${username}`,
    uri: `https://${h}/users/${username}`,
    avatar,
    avatar_static: avatar,
    header: `https://${h}/headers/original/missing.png`,
    header_static: `https://${h}/headers/original/missing.png`,
    followers_count: f.followers,
    following_count: 40,
    statuses_count: 12,
    last_status_at: null,
    emojis: [],
    fields: f.website ? [{ name: "Website", value: `<a href="${f.website}" rel="me nofollow noopener noreferrer" target="_blank">${f.website.replace(/^https?:\/\//, "")}</a>`, verified_at: null }] : [],
  };
}

/** GET /api/v2/search?type=accounts: public (no resolve, no offset), accounts only here. */
function search(ctx: SbContext): SbResponse {
  const q = ctx.url.searchParams;
  const query = q.get("q");
  if (!query) return json(400, { error: "Validation failed: q is missing" }, rl(ctx));
  const authed = typeof ctx.headers.authorization === "string";
  if (!authed && (q.get("resolve") === "true" || q.has("offset"))) return json(401, { error: "Search queries that resolve remote resources or use an offset require a user token" }, rl(ctx));
  const type = q.get("type");
  const limit = Math.min(40, Math.max(1, Number(q.get("limit") ?? 20) || 20));
  const accounts = type && type !== "accounts" ? [] : ctx.world.search("mastodon", query, limit).map((h) => (h.world ? account(ctx, h.world) : fakeAccount(h.fake)));
  return json(200, { accounts, statuses: [], hashtags: [] }, rl(ctx));
}

const notFound = (ctx: SbContext): SbResponse => json(404, { error: "Record not found" }, rl(ctx));
const cmp = (a: string, b: string) => (a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0);

function statuses(ctx: SbContext, a: SandboxAccount): SbResponse {
  const q = ctx.url.searchParams;
  const limit = Math.min(40, Math.max(1, Number(q.get("limit") ?? 20) || 20));
  const maxId = q.get("max_id");
  const minId = q.get("min_id");
  const sinceId = q.get("since_id");
  let items = ctx.world.live(a, ctx.now); // newest first
  if (maxId) items = items.filter((v) => cmp(v.post.id, maxId) < 0);
  if (sinceId) items = items.filter((v) => cmp(v.post.id, sinceId) > 0);
  let page: PostView[];
  if (minId) {
    // min_id: the page immediately above it (oldest first), returned newest first.
    const above = items.filter((v) => cmp(v.post.id, minId) > 0);
    page = above.slice(Math.max(0, above.length - limit));
  } else page = items.slice(0, limit);
  const headers = rl(ctx);
  if (page.length) {
    const link = (k: string, id: string) => {
      const u = new URL(`${ctx.base}/api/v1/accounts/${a.apiId}/statuses`);
      for (const [pk, pv] of q) if (!["max_id", "min_id", "since_id"].includes(pk)) u.searchParams.set(pk, pv);
      u.searchParams.set(k, id);
      return u.toString();
    };
    const links = [];
    if (page.length === limit) links.push(`<${link("max_id", page[page.length - 1].post.id)}>; rel="next"`);
    links.push(`<${link("min_id", page[0].post.id)}>; rel="prev"`);
    headers.link = links.join(", ");
  }
  return json(200, page.map((v) => status(ctx, v, a)), headers);
}

export const mastodonModule: PlatformModule = {
  platformOf: () => "mastodon",
  handle(ctx) {
    const auth = ctx.headers.authorization;
    if (typeof auth === "string" && ctx.isExpired(auth.replace(/^Bearer\s+/i, ""))) return this.expiredToken(ctx);
    let m: RegExpExecArray | null;
    if (ctx.path === "/api/v2/search") return search(ctx);
    if (ctx.path === "/api/v1/accounts/lookup") {
      const acct = (ctx.url.searchParams.get("acct") ?? "").replace(/^@/, "");
      const user = acct.split("@")[0];
      const fake = ctx.world.fakeByHandle("mastodon", acct.includes("@") ? acct : `${acct}@${LOCAL}`);
      if (fake) return json(200, fakeAccount(fake), rl(ctx));
      const a = ctx.world.accounts.find((x) => x.platform === "mastodon" && (x.currentHandle.split("@")[0] === user || x.handle.split("@")[0] === user));
      if (!a) return notFound(ctx);
      return json(200, accountAsSeen(ctx, a, a.handle.split("@")[0] === user && a.currentHandle !== a.handle), rl(ctx));
    }
    if ((m = /^\/api\/v1\/accounts\/([^/]+)$/.exec(ctx.path))) {
      const a = ctx.world.accountByApiId("mastodon", decodeURIComponent(m[1]));
      return a ? json(200, accountAsSeen(ctx, a, false), rl(ctx)) : notFound(ctx);
    }
    if ((m = /^\/api\/v1\/accounts\/([^/]+)\/statuses$/.exec(ctx.path))) {
      const a = ctx.world.accountByApiId("mastodon", decodeURIComponent(m[1]));
      if (!a) return notFound(ctx);
      // Since 3.3.0 a suspended account's statuses are 200 [] (no longer 410): only the account says why.
      if (a.state === "suspended") return json(200, [], rl(ctx));
      return statuses(ctx, a);
    }
    if ((m = /^\/api\/v1\/statuses\/([^/]+)$/.exec(ctx.path))) {
      const id = decodeURIComponent(m[1]);
      for (const a of ctx.world.accounts) {
        if (a.platform !== "mastodon" || a.state === "suspended") continue;
        const p = ctx.world.postsUntil(a, ctx.now).find((x) => x.id === id);
        if (!p) continue;
        const v = ctx.world.view(p, ctx.now);
        return v.deleted ? notFound(ctx) : json(200, status(ctx, v, a), rl(ctx));
      }
      return notFound(ctx);
    }
    return notFound(ctx);
  },
  newBlock: (ctx, r) => floorSec(ctx.now) + (30 + Math.floor(r() * 270)) * 1000,
  rateLimited: (_ctx, until) =>
    json(429, { error: "Too many requests" }, { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "0", "x-ratelimit-reset": iso6(until) }),
  serverError: (_ctx, r) =>
    r() < 0.5 ? json(503, { error: "Remote data could not be fetched" }) : json(500, { error: "We're sorry, but something went wrong on our end." }),
  expiredToken: () => json(401, { error: "The access token is invalid" }, { "www-authenticate": 'Bearer realm="Doorkeeper", error="invalid_token", error_description="The access token is invalid"' }),
};
