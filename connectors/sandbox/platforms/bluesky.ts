/**
 * Bluesky public AppView as the sandbox speaks it: getProfile, searchActors (the world's and the
 * fake accounts, impostors.ts), getAuthorFeed, getPosts, in the
 * Lexicon shapes (tests validate every answer against the official schemas). Rich accounts
 * (hard-cases.ts) post images, link and tag facets, external cards, quotes and replies, some from a
 * device clock days fast; their feeds carry reposts, and a pin when `includePins` asks for it.
 * Errors as the real AppView gives them: an unknown, taken-down, deactivated or deleted actor's
 * feed is 400 "Profile not found"; getProfile tells AccountTakedown and AccountDeactivated apart.
 */
import { blueskyReposts, PARTNER, type BskyRef, type BskyShape } from "../hard-cases";
import { json, type PlatformModule, type SbContext, type SbResponse } from "../http";
import { cid as cidOf } from "../ids";
import type { FakeAccount } from "../impostors";
import type { PostView, SandboxAccount } from "../world";

const iso = (ms: number) => new Date(ms).toISOString();
/** The AppView indexes a post a moment after the PDS accepted it. */
const INDEX_LAG_MS = 1200;

function rl(ctx: SbContext): Record<string, string> {
  return { "ratelimit-limit": "3000", "ratelimit-remaining": "2999", "ratelimit-reset": String(Math.floor(ctx.now / 1000) + 300), "ratelimit-policy": "3000;w=300" };
}
const xrpcError = (ctx: SbContext, status: number, error: string, message: string): SbResponse => json(status, { error, message }, rl(ctx));

function findActor(ctx: SbContext, actor: string): SandboxAccount | undefined {
  return actor.startsWith("did:") ? ctx.world.accountByApiId("bluesky", actor) : ctx.world.accountByHandle("bluesky", actor);
}

function author(a: SandboxAccount) {
  return {
    did: a.apiId,
    handle: a.currentHandle,
    displayName: a.displayName,
    avatar: `https://cdn.bsky.app/img/avatar/plain/${a.apiId}/bafkrei${a.platformId}@jpeg`,
    labels: [],
    createdAt: iso(a.profileCreatedAt),
  };
}

const partnerAuthor = () => ({ did: PARTNER.did, handle: PARTNER.handle, displayName: PARTNER.displayName, labels: [], createdAt: "2023-05-10T08:00:00.000Z" });

const postRecord = (text: string, createdAt: number) => ({ $type: "app.bsky.feed.post", createdAt: iso(createdAt), langs: [/[\u0600-\u06ff]/.test(text) ? "ar" : "en"], text });

function blob(seed: string) {
  return { $type: "blob", ref: { $link: cidOf(`blob:${seed}`).replace(/^bafyrei/, "bafkrei") }, mimeType: "image/jpeg", size: 182_345 };
}

function imagesRecord(key: string, alts: string[]) {
  return { $type: "app.bsky.embed.images", images: alts.map((alt, i) => ({ alt, image: blob(`${key}:${i}`) })) };
}

function imagesView(a: SandboxAccount, key: string, alts: string[]) {
  return {
    $type: "app.bsky.embed.images#view",
    images: alts.map((alt, i) => {
      const link = blob(`${key}:${i}`).ref.$link;
      return {
        thumb: `https://cdn.bsky.app/img/feed_thumbnail/plain/${a.apiId}/${link}@jpeg`,
        fullsize: `https://cdn.bsky.app/img/feed_fullsize/plain/${a.apiId}/${link}@jpeg`,
        alt,
      };
    }),
  };
}

function viewRecord(ref: BskyRef) {
  return {
    $type: "app.bsky.embed.record#viewRecord",
    uri: ref.uri,
    cid: ref.cid,
    author: partnerAuthor(),
    value: postRecord(ref.text, ref.createdAt),
    labels: [],
    likeCount: 3,
    replyCount: 0,
    repostCount: 1,
    quoteCount: 1,
    indexedAt: iso(ref.createdAt + INDEX_LAG_MS),
    embeds: [],
  };
}

function partnerPostView(ref: BskyRef) {
  return {
    uri: ref.uri,
    cid: ref.cid,
    author: partnerAuthor(),
    record: postRecord(ref.text, ref.createdAt),
    replyCount: 1,
    repostCount: 2,
    likeCount: 9,
    quoteCount: 1,
    bookmarkCount: 0,
    indexedAt: iso(ref.createdAt + INDEX_LAG_MS),
    labels: [],
  };
}

/** The record as the author's client wrote it, and the AppView's hydrated embed view. */
function recordAndEmbed(a: SandboxAccount, v: PostView): { record: Record<string, unknown>; embed?: unknown } {
  const p = v.post;
  const s: BskyShape | undefined = p.bsky;
  if (!s) return { record: { ...postRecord(v.text, p.publishedAt), langs: [p.lang] } };
  const record: Record<string, unknown> = { ...postRecord(s.recordText, s.createdAt), langs: [p.lang] };
  if (s.facets.length) {
    record.facets = s.facets.map((f) => ({
      $type: "app.bsky.richtext.facet",
      index: { byteStart: f.byteStart, byteEnd: f.byteEnd },
      features: [f.link ? { $type: "app.bsky.richtext.facet#link", uri: f.link } : { $type: "app.bsky.richtext.facet#tag", tag: f.tag }],
    }));
  }
  if (s.replyTo) record.reply = { root: { uri: s.replyTo.uri, cid: s.replyTo.cid }, parent: { uri: s.replyTo.uri, cid: s.replyTo.cid } };
  let embed: unknown;
  if (s.quote && s.images) {
    record.embed = {
      $type: "app.bsky.embed.recordWithMedia",
      record: { $type: "app.bsky.embed.record", record: { uri: s.quote.uri, cid: s.quote.cid } },
      media: imagesRecord(p.id, s.images),
    };
    embed = { $type: "app.bsky.embed.recordWithMedia#view", record: { record: viewRecord(s.quote) }, media: imagesView(a, p.id, s.images) };
  } else if (s.quote) {
    record.embed = { $type: "app.bsky.embed.record", record: { uri: s.quote.uri, cid: s.quote.cid } };
    embed = { $type: "app.bsky.embed.record#view", record: viewRecord(s.quote) };
  } else if (s.images) {
    record.embed = imagesRecord(p.id, s.images);
    embed = imagesView(a, p.id, s.images);
  } else if (s.external) {
    record.embed = { $type: "app.bsky.embed.external", external: s.external };
    embed = { $type: "app.bsky.embed.external#view", external: { ...s.external, thumb: `https://cdn.bsky.app/img/feed_thumbnail/plain/${a.apiId}/bafkreicard@jpeg` } };
  }
  return { record, embed };
}

/** The AppView's sort key: the earlier of the client's createdAt and its own indexedAt. */
function sortAt(v: PostView): number {
  return Math.min(v.post.bsky?.createdAt ?? v.post.publishedAt, v.post.publishedAt + INDEX_LAG_MS);
}

function postView(ctx: SbContext, v: PostView, a: SandboxAccount) {
  const p = v.post;
  const { record, embed } = recordAndEmbed(a, v);
  return {
    uri: p.id,
    cid: ctx.world.blueskyCid(v),
    author: author(a),
    record,
    ...(embed ? { embed } : {}),
    replyCount: p.seq % 3,
    repostCount: p.seq % 5,
    likeCount: (p.seq * 7) % 60,
    quoteCount: 0,
    bookmarkCount: 0,
    indexedAt: iso(p.publishedAt + INDEX_LAG_MS),
    labels: [],
  };
}

function feedItem(ctx: SbContext, v: PostView, a: SandboxAccount): Record<string, unknown> {
  const item: Record<string, unknown> = { post: postView(ctx, v, a) };
  const to = v.post.bsky?.replyTo;
  if (to) {
    const parent = { $type: "app.bsky.feed.defs#postView", ...partnerPostView(to) };
    item.reply = { root: parent, parent };
  }
  return item;
}

/** The post a rich account has pinned: its oldest live post. */
function pinned(ctx: SbContext, a: SandboxAccount): PostView | null {
  if (!a.quirks.richPosts) return null;
  const live = ctx.world.live(a, ctx.now);
  return live.length ? live[live.length - 1] : null;
}

/** The account when the AppView serves it; else the AppView's error for it. */
function actorGate(ctx: SbContext, actor: string | null, forFeed: boolean): SandboxAccount | SbResponse {
  if (!actor) return xrpcError(ctx, 400, "InvalidRequest", 'Error: Params must have the property "actor"');
  const a = findActor(ctx, actor);
  // A deleted (tombstoned) account is gone for handle and DID alike.
  if (!a || a.state === "deleted") return xrpcError(ctx, 400, "InvalidRequest", "Profile not found");
  // The feed's skeleton drops actors that are not hosted: it cannot say why.
  if (forFeed && (a.state === "suspended" || a.state === "deactivated")) return xrpcError(ctx, 400, "InvalidRequest", "Profile not found");
  if (a.state === "suspended") return xrpcError(ctx, 400, "AccountTakedown", "Account has been suspended");
  if (a.state === "deactivated") return xrpcError(ctx, 400, "AccountDeactivated", "Account is deactivated");
  return a;
}

interface FeedEntry {
  sortAt: number;
  cid: string;
  item: () => Record<string, unknown>;
  uri: string;
}

function authorFeed(ctx: SbContext, a: SandboxAccount): SbResponse {
  const q = ctx.url.searchParams;
  const limit = Number(q.get("limit") ?? 50);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return xrpcError(ctx, 400, "InvalidRequest", "Error: limit must be <= 100");
  const own: FeedEntry[] = ctx.world.live(a, ctx.now).map((v) => ({ sortAt: sortAt(v), cid: ctx.world.blueskyCid(v), uri: v.id, item: () => feedItem(ctx, v, a) }));
  const reposts: FeedEntry[] = blueskyReposts(a, ctx.world.postsUntil(a, ctx.now), ctx.now).map((r) => ({
    sortAt: r.at,
    cid: r.cid,
    uri: r.post.uri,
    item: () => ({ post: partnerPostView(r.post), reason: { $type: "app.bsky.feed.defs#reasonRepost", by: author(a), uri: r.uri, cid: r.cid, indexedAt: iso(r.at) } }),
  }));
  let entries = [...own, ...reposts].sort((x, y) => y.sortAt - x.sortAt || (y.cid < x.cid ? -1 : y.cid > x.cid ? 1 : 0));
  const cursor = q.get("cursor");
  if (cursor) {
    const m = /^(\d+)__(\S+)$/.exec(cursor);
    if (!m) return xrpcError(ctx, 400, "InvalidRequest", "Malformed cursor");
    const t = Number(m[1]);
    entries = entries.filter((e) => e.sortAt < t || (e.sortAt === t && e.cid < m[2]));
  }
  let page = entries.slice(0, limit);
  const body: Record<string, unknown> = {};
  if (entries.length > limit) {
    const last = page[page.length - 1];
    body.cursor = `${last.sortAt}__${last.cid}`;
  }
  const pin = !cursor && q.get("includePins") === "true" ? pinned(ctx, a) : null;
  if (pin) {
    // As the AppView does: the pinned post moves to the top of the first page.
    page = page.filter((e) => e.uri !== pin.id);
    page.unshift({ sortAt: Infinity, cid: "", uri: pin.id, item: () => ({ post: postView(ctx, pin, a), reason: { $type: "app.bsky.feed.defs#reasonPin" } }) });
  }
  return json(200, { feed: page.map((e) => e.item()), ...body }, rl(ctx));
}

/** A fake account as app.bsky.actor.defs#profileView (what searchActors lists). */
function fakeProfileView(f: FakeAccount) {
  return {
    did: f.apiId,
    handle: f.handle,
    displayName: f.displayName,
    description: f.website && !f.bio.includes(f.website) ? `${f.bio} ${f.website}` : f.bio,
    avatar: `https://cdn.bsky.app/img/avatar/plain/${f.apiId}/bafkreifake@jpeg`,
    indexedAt: iso(f.createdAt + 60_000),
    createdAt: iso(f.createdAt),
    labels: [],
    verification: { verifications: [], verifiedStatus: "none", trustedVerifierStatus: "none" },
  };
}

/** One of the world's accounts as #profileView. */
function profileView(a: SandboxAccount) {
  return { ...author(a), description: a.bio, indexedAt: iso(a.profileCreatedAt + 60_000) };
}

function searchActors(ctx: SbContext): SbResponse {
  const q = ctx.url.searchParams;
  const query = q.get("q") ?? q.get("term");
  const limit = Number(q.get("limit") ?? 25);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) return xrpcError(ctx, 400, "InvalidRequest", "Error: limit must be <= 100");
  if (!query) return json(200, { actors: [] }, rl(ctx));
  const actors = ctx.world.search("bluesky", query, limit).map((h) => (h.world ? profileView(h.world) : fakeProfileView(h.fake)));
  return json(200, { actors }, rl(ctx));
}

export const blueskyModule: PlatformModule = {
  platformOf: () => "bluesky",
  handle(ctx) {
    const q = ctx.url.searchParams;
    if (ctx.path === "/xrpc/app.bsky.actor.searchActors") return searchActors(ctx);
    if (ctx.path === "/xrpc/app.bsky.actor.getProfile") {
      const actor = q.get("actor") ?? "";
      const fake = actor.startsWith("did:") ? ctx.world.fakeByApiId("bluesky", actor) : ctx.world.fakeByHandle("bluesky", actor);
      if (fake) return json(200, { ...fakeProfileView(fake), followersCount: fake.followers, followsCount: 80, postsCount: 12 }, rl(ctx));
      const a = actorGate(ctx, q.get("actor"), false);
      if ("body" in a) return a;
      const verified = a.verified;
      const pin = pinned(ctx, a);
      return json(
        200,
        {
          ...author(a),
          description: a.bio,
          ...(a.entity.website && a.class === "official" ? { website: `https://${a.entity.website}` } : {}),
          banner: `https://cdn.bsky.app/img/banner/plain/${a.apiId}/bafkreibanner@jpeg`,
          followersCount: a.followers,
          followsCount: 12,
          postsCount: ctx.world.live(a, ctx.now).length,
          associated: { lists: 0, feedgens: 0, starterPacks: 0, labeler: false },
          indexedAt: iso(a.profileCreatedAt + 60_000),
          ...(pin ? { pinnedPost: { uri: pin.id, cid: ctx.world.blueskyCid(pin) } } : {}),
          verification: {
            verifications: verified
              ? [{ issuer: "did:plc:z72i7hdynmk6r22z27h6tvur", uri: `at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.graph.verification/${a.platformId}`, isValid: true, createdAt: iso(a.profileCreatedAt + 86_400_000) }]
              : [],
            verifiedStatus: verified ? "valid" : "none",
            trustedVerifierStatus: "none",
          },
        },
        rl(ctx),
      );
    }
    if (ctx.path === "/xrpc/app.bsky.feed.getAuthorFeed") {
      const a = actorGate(ctx, q.get("actor"), true);
      if ("body" in a) return a;
      return authorFeed(ctx, a);
    }
    if (ctx.path === "/xrpc/app.bsky.feed.getPosts") {
      const uris = q.getAll("uris");
      if (uris.length > 25) return xrpcError(ctx, 400, "InvalidRequest", "Error: uris must not have more than 25 elements");
      const want = new Set(uris);
      const posts: unknown[] = [];
      for (const uri of uris) {
        const did = /^at:\/\/([^/]+)\//.exec(uri)?.[1];
        const a = did ? ctx.world.accountByApiId("bluesky", did) : undefined;
        if (!a || a.state !== "active" && a.state !== "renamed") continue;
        const v = ctx.world.live(a, ctx.now).find((x) => x.post.id === uri);
        if (v && want.has(uri)) posts.push(postView(ctx, v, a));
      }
      return json(200, { posts }, rl(ctx));
    }
    return xrpcError(ctx, 501, "MethodNotImplemented", "Method Not Implemented");
  },
  newBlock: (ctx, r) => (Math.floor(ctx.now / 1000) + 30 + Math.floor(r() * 270)) * 1000,
  rateLimited: (_ctx, until) =>
    json(
      429,
      { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
      { "ratelimit-limit": "3000", "ratelimit-remaining": "0", "ratelimit-reset": String(Math.ceil(until / 1000)), "ratelimit-policy": "3000;w=300" },
    ),
  serverError: (_ctx, r) =>
    r() < 0.5 ? json(502, { error: "UpstreamFailure", message: "Upstream Failure" }) : json(500, { error: "InternalServerError", message: "Internal Server Error" }),
  expiredToken: (ctx) => json(400, { error: "ExpiredToken", message: "Token has expired" }, rl(ctx)),
};
