/** Bluesky public AppView as the sandbox speaks it: getProfile, getAuthorFeed, getPosts. */
import { json, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { PostView, SandboxAccount } from "../world";

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
    createdAt: new Date(a.profileCreatedAt).toISOString(),
  };
}

function postView(ctx: SbContext, v: PostView, a: SandboxAccount) {
  const p = v.post;
  return {
    uri: p.id,
    cid: ctx.world.blueskyCid(v),
    author: author(a),
    record: { $type: "app.bsky.feed.post", createdAt: new Date(p.publishedAt).toISOString(), langs: [p.lang], text: v.text },
    replyCount: p.seq % 3,
    repostCount: p.seq % 5,
    likeCount: (p.seq * 7) % 60,
    quoteCount: 0,
    bookmarkCount: 0,
    indexedAt: new Date(p.publishedAt + 1200).toISOString(),
    labels: [],
  };
}

function actorGate(ctx: SbContext, actor: string | null): SandboxAccount | SbResponse {
  if (!actor) return xrpcError(ctx, 400, "InvalidRequest", 'Error: Params must have the property "actor"');
  const a = findActor(ctx, actor);
  if (!a) return xrpcError(ctx, 400, "InvalidRequest", "Profile not found");
  if (a.state === "suspended") return xrpcError(ctx, 400, "AccountTakedown", "Account has been suspended");
  return a;
}

export const blueskyModule: PlatformModule = {
  platformOf: () => "bluesky",
  handle(ctx) {
    const q = ctx.url.searchParams;
    if (ctx.path === "/xrpc/app.bsky.actor.getProfile") {
      const a = actorGate(ctx, q.get("actor"));
      if ("body" in a) return a;
      const verified = a.verified;
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
          indexedAt: new Date(a.profileCreatedAt + 60_000).toISOString(),
          verification: {
            verifications: verified
              ? [{ issuer: "did:plc:z72i7hdynmk6r22z27h6tvur", uri: `at://did:plc:z72i7hdynmk6r22z27h6tvur/app.bsky.graph.verification/${a.platformId}`, isValid: true, createdAt: new Date(a.profileCreatedAt + 86_400_000).toISOString() }]
              : [],
            verifiedStatus: verified ? "valid" : "none",
            trustedVerifierStatus: "none",
          },
        },
        rl(ctx),
      );
    }
    if (ctx.path === "/xrpc/app.bsky.feed.getAuthorFeed") {
      const a = actorGate(ctx, q.get("actor"));
      if ("body" in a) return a;
      const limit = Number(q.get("limit") ?? 50);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) return xrpcError(ctx, 400, "InvalidRequest", "Error: limit must be <= 100");
      let items = ctx.world.live(a, ctx.now);
      const cursor = q.get("cursor");
      if (cursor) {
        const m = /^(\d+)__(\S+)$/.exec(cursor);
        if (!m) return xrpcError(ctx, 400, "InvalidRequest", "Malformed cursor");
        const t = Number(m[1]);
        const c = m[2];
        items = items.filter((v) => v.post.publishedAt < t || (v.post.publishedAt === t && ctx.world.blueskyCid(v) < c));
      }
      const page = items.slice(0, limit);
      const body: Record<string, unknown> = { feed: page.map((v) => ({ post: postView(ctx, v, a) })) };
      if (items.length > limit) {
        const last = page[page.length - 1];
        body.cursor = `${last.post.publishedAt}__${ctx.world.blueskyCid(last)}`;
      }
      return json(200, body, rl(ctx));
    }
    if (ctx.path === "/xrpc/app.bsky.feed.getPosts") {
      const uris = q.getAll("uris");
      if (uris.length > 25) return xrpcError(ctx, 400, "InvalidRequest", "Error: uris must not have more than 25 elements");
      const want = new Set(uris);
      const posts: unknown[] = [];
      for (const uri of uris) {
        const did = /^at:\/\/([^/]+)\//.exec(uri)?.[1];
        const a = did ? ctx.world.accountByApiId("bluesky", did) : undefined;
        if (!a || a.state === "suspended") continue;
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

