/** Mastodon as the sandbox speaks it: accounts/lookup, account statuses with Link paging, statuses/:id. */
import { floorSec, json, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { PostView, SandboxAccount } from "../world";

const iso6 = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, ".$1000Z");

function rl(ctx: SbContext): Record<string, string> {
  return { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "299", "x-ratelimit-reset": iso6(floorSec(ctx.now) + 300_000) };
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

export function toHtml(text: string): string {
  return text
    .split("\n\n")
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, "<br />")}</p>`)
    .join("");
}

function host(a: SandboxAccount) {
  return a.currentHandle.split("@")[1];
}

function account(ctx: SbContext, a: SandboxAccount, asHandle = a.currentHandle) {
  const [username] = asHandle.split("@");
  const h = host(a);
  const site = a.entity.website;
  const avatar = `https://${h}/system/accounts/avatars/${a.platformId}/original/avatar.png`;
  return {
    id: a.apiId,
    username,
    acct: username,
    display_name: a.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    created_at: new Date(Math.floor(a.profileCreatedAt / 86_400_000) * 86_400_000).toISOString(),
    note: toHtml(a.bio),
    url: `https://${h}/@${username}`,
    uri: `https://${h}/users/${username}`,
    avatar,
    avatar_static: avatar,
    header: `https://${h}/headers/original/missing.png`,
    header_static: `https://${h}/headers/original/missing.png`,
    followers_count: a.followers,
    following_count: 12,
    statuses_count: ctx.world.live(a, ctx.now).length,
    last_status_at: new Date(ctx.now).toISOString().slice(0, 10),
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
    content: toHtml(v.text),
    reblog: null,
    account: { id: a.apiId, username, acct: username, display_name: a.displayName, url: `https://${h}/@${username}` },
    media_attachments: [],
    mentions: [],
    tags: [],
    emojis: [],
    card: null,
    poll: null,
  };
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
    if (ctx.path === "/api/v1/accounts/lookup") {
      const acct = (ctx.url.searchParams.get("acct") ?? "").replace(/^@/, "");
      const user = acct.split("@")[0];
      const a = ctx.world.accounts.find((x) => x.platform === "mastodon" && (x.currentHandle.split("@")[0] === user || x.handle.split("@")[0] === user));
      if (!a) return notFound(ctx);
      const asOld = a.handle.split("@")[0] === user && a.currentHandle !== a.handle;
      const body: Record<string, unknown> = account(ctx, a, asOld ? a.handle : a.currentHandle);
      if (a.state === "suspended") Object.assign(body, { suspended: true, note: "", fields: [], statuses_count: 0 });
      if (asOld) body.moved = account(ctx, a);
      return json(200, body, rl(ctx));
    }
    if ((m = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(ctx.path))) {
      const a = ctx.world.accountByApiId("mastodon", m[1]);
      if (!a) return notFound(ctx);
      if (a.state === "suspended") return json(410, { error: "This account has been suspended" }, rl(ctx));
      return statuses(ctx, a);
    }
    if ((m = /^\/api\/v1\/statuses\/(\d+)$/.exec(ctx.path))) {
      const id = m[1];
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
