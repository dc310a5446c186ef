/**
 * Bluesky connector (public AppView, no auth): actor.getProfile, feed.getAuthorFeed with the opaque
 * cursor (no since parameter → watermark), feed.getPosts (25 per call) for re-checks.
 *
 * - The watermark follows `post.indexedAt`, the AppView's clock, never the client-set
 *   `record.createdAt`: a device clock days fast would otherwise hide every later post.
 *   publishedAt is the earlier of the two (the AppView's own sort key): never in the future.
 * - Reposts are other people's posts: skipped. A pinned post (only sent with includePins) is the
 *   account's own post shown out of order: kept when new, never used to decide where paging stops.
 * - Text is what the post shows (text.ts): link facets as full URLs, alt texts, cards, quotes.
 * - A feed that answers "Profile not found" is asked why through getProfile (taken down,
 *   deactivated, deleted or renamed), as the AppView's feed cannot tell.
 * Posts are not editable in the app; a changed record shows as a new cid (kept in raw).
 */
import { z } from "zod";
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { parseDate, validate } from "../errors";
import type { HttpResponse } from "../http";
import { extractLinks } from "../text";
import { advance, isNewer, parseWatermark, serializeWatermark, type Watermark } from "../watermark";
import {
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FoundAccount,
  type SearchOptions,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";
import { mapBlueskyError } from "./errors";
import { blueskyPostText } from "./text";

export const BLUESKY_DEFAULT_BASE_URL = "https://public.api.bsky.app";

/** A watermark further ahead of the clock than this cannot come from indexedAt (an old createdAt one). */
const FUTURE_TOLERANCE_MS = 10 * 60_000;
const PIN = "app.bsky.feed.defs#reasonPin";

const profile = z.looseObject({
  did: z.string().startsWith("did:"),
  handle: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  website: z.string().optional(),
  avatar: z.string().optional(),
  followersCount: z.number().optional(),
  createdAt: z.string().optional(),
  verification: z.looseObject({ verifiedStatus: z.string().optional(), trustedVerifierStatus: z.string().optional() }).optional(),
});
const postView = z.looseObject({
  uri: z.string().startsWith("at://"),
  cid: z.string(),
  author: z.looseObject({ did: z.string(), handle: z.string() }),
  // Text may be empty when the post has embeds (an image-only post).
  record: z.looseObject({ text: z.string(), createdAt: z.string(), langs: z.array(z.string()).optional(), facets: z.unknown().optional(), embed: z.unknown().optional() }),
  embed: z.unknown().optional(),
  indexedAt: z.string(),
});
const authorFeed = z.looseObject({
  feed: z.array(z.looseObject({ post: postView, reason: z.looseObject({ $type: z.string() }).optional() })),
  cursor: z.string().optional(),
});
const posts = z.looseObject({ posts: z.array(postView) });
/** app.bsky.actor.defs#profileView, as searchActors returns it (no counts, no website). */
const profileView = z.looseObject({
  did: z.string().startsWith("did:"),
  handle: z.string(),
  displayName: z.string().optional(),
  description: z.string().optional(),
  avatar: z.string().optional(),
  createdAt: z.string().optional(),
  verification: z.looseObject({ verifiedStatus: z.string().optional(), trustedVerifierStatus: z.string().optional() }).optional(),
});
const searchActors = z.looseObject({ actors: z.array(profileView), cursor: z.string().optional() });
type PostView = z.infer<typeof postView>;

/** A post and the AppView's indexing time, which drives the watermark. */
interface Seen {
  post: NormalizedPost;
  indexedAt: Date;
}

export class BlueskyConnector implements Connector {
  readonly platform = "bluesky" as const;
  private readonly api: ApiClient;
  private readonly base: string;

  constructor(config: ConnectorConfig) {
    this.api = new ApiClient("bluesky", config, mapBlueskyError);
    this.base = config.baseUrl ?? BLUESKY_DEFAULT_BASE_URL;
  }

  private async getProfile(actor: string, signal?: AbortSignal) {
    const { res, body } = await this.api.getJson(joinUrl(this.base, "/xrpc/app.bsky.actor.getProfile", { actor }), {}, signal);
    return { res, p: validate("bluesky", profile, body, res, this.api.secrets) };
  }

  async lookupProfile(ref: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const did = ref.platformId?.startsWith("did:") ? ref.platformId : null;
    let got: Awaited<ReturnType<BlueskyConnector["getProfile"]>>;
    try {
      got = await this.getProfile(ref.handle, signal);
    } catch (err) {
      // The handle resolves to nothing: the known DID tells renamed, taken down, deactivated, deleted.
      if (!(err instanceof NotFound) || err.reason !== "unknown" || !did) throw err;
      got = await this.byDid(did, ref.handle, signal);
    }
    // The handle now names another account: where did ours go?
    if (did && got.p.did !== did) await this.byDid(did, ref.handle, signal);
    const { res, p } = got;
    const v = p.verification;
    return {
      platformId: p.did,
      handle: p.handle,
      displayName: p.displayName ?? null,
      bio: p.description ?? null,
      verified: v ? v.verifiedStatus === "valid" || v.trustedVerifierStatus === "valid" : false,
      followers: p.followersCount ?? null,
      createdAt: p.createdAt ? parseDate("bluesky", p.createdAt, res, this.api.secrets) : null,
      avatarUrl: p.avatar ?? null,
      profileUrl: `https://bsky.app/profile/${p.handle}`,
      contactLinks: [...new Set([...(p.website ? [p.website] : []), ...extractLinks(p.description)])],
    };
  }

  /** app.bsky.actor.searchActors (`q`, one page of up to 100). */
  async searchAccounts(query: string, opts: SearchOptions = {}): Promise<FoundAccount[]> {
    const url = joinUrl(this.base, "/xrpc/app.bsky.actor.searchActors", { q: query, limit: clampPageSize(opts.limit, 1, 100, 25) });
    const { res, body } = await this.api.getJson(url, {}, opts.signal);
    return validate("bluesky", searchActors, body, res, this.api.secrets).actors.map((a) => {
      const v = a.verification;
      return {
        platform: "bluesky" as const,
        platformId: a.did,
        handle: a.handle.toLowerCase(),
        displayName: a.displayName ?? null,
        bio: a.description ?? null,
        createdAt: a.createdAt ? parseDate("bluesky", a.createdAt, res, this.api.secrets) : null,
        followers: null,
        verified: v ? v.verifiedStatus === "valid" || v.trustedVerifierStatus === "valid" : false,
        profileUrl: `https://bsky.app/profile/${a.handle}`,
        links: extractLinks(a.description),
      };
    });
  }

  /** The account by its DID; NotFound renamed/suspended/deactivated/deleted when the handle is no longer its own. */
  private async byDid(did: string, handle: string, signal?: AbortSignal): Promise<Awaited<ReturnType<BlueskyConnector["getProfile"]>>> {
    const got = await this.getProfile(did, signal).catch((e: unknown) => {
      if (e instanceof NotFound && e.reason === "unknown") throw new NotFound("bluesky", `Bluesky account ${did} (${handle}) no longer exists`, "deleted");
      throw e;
    });
    if (got.p.handle.toLowerCase() !== handle.toLowerCase()) {
      throw new NotFound("bluesky", `Bluesky handle ${handle} was renamed to ${got.p.handle}`, "renamed", got.p.handle);
    }
    return got;
  }

  async fetchPostsSince(
    ref: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const did = ref.platformId?.startsWith("did:") ? ref.platformId : null;
    const actor = did ?? ref.handle;
    let wm: Watermark | null = parseWatermark(cursor);
    if (wm && wm.t > this.api.now() + FUTURE_TOLERANCE_MS) wm = null;
    const limit = clampPageSize(this.api.config.pageSize, 1, 100, 100);
    const all: Seen[] = [];
    const taken = new Set<string>();
    let feedCursor: string | undefined;
    for (let i = 0; i < this.api.maxPages; i++) {
      const url = joinUrl(this.base, "/xrpc/app.bsky.feed.getAuthorFeed", { actor, limit, cursor: feedCursor });
      const { res, body } = await this.getFeed(ref, url, opts.signal);
      const page = validate("bluesky", authorFeed, body, res, this.api.secrets);
      // In feed order: the author's own posts. Reposts are skipped; a pin is kept aside.
      const own = page.feed.filter((it) => !it.reason).map((it) => this.seen(it.post, res));
      const pins = page.feed.filter((it) => it.reason?.$type === PIN && (!did || it.post.author.did === did)).map((it) => this.seen(it.post, res));
      const isFresh = (s: Seen) => isNewer(wm, s.indexedAt, s.post.platformPostId);
      const freshOwn = own.filter(isFresh);
      const fresh: Seen[] = [];
      for (const s of [...pins.filter(isFresh), ...freshOwn]) {
        // The AppView moves a pin out of the first page only: it can come again further down.
        if (taken.has(s.post.platformPostId)) continue;
        taken.add(s.post.platformPostId);
        fresh.push(s);
      }
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh.map((s) => s.post) });
      feedCursor = page.cursor;
      if (!feedCursor || freshOwn.length < own.length) break;
    }
    wm = advance(
      wm,
      all.map((s) => ({ publishedAt: s.indexedAt, platformPostId: s.post.platformPostId })),
    );
    return { posts: all.map((s) => s.post), cursor: serializeWatermark(wm) };
  }

  /** getAuthorFeed; its bare "Profile not found" is replaced by the reason getProfile gives. */
  private async getFeed(ref: AccountRef, url: string, signal?: AbortSignal): Promise<{ res: HttpResponse; body: unknown }> {
    try {
      return await this.api.getJson(url, {}, signal);
    } catch (err) {
      if (!(err instanceof NotFound) || err.reason !== "unknown") throw err;
      await this.lookupProfile(ref, signal); // throws the precise NotFound when there is one
      throw err;
    }
  }

  async lookupPosts(_ref: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    for (let i = 0; i < ids.length; i += 25) {
      const u = new URL(joinUrl(this.base, "/xrpc/app.bsky.feed.getPosts"));
      for (const id of ids.slice(i, i + 25)) u.searchParams.append("uris", id);
      const { res, body } = await this.api.getJson(u.toString(), {}, signal);
      // Deleted posts are simply left out of the answer.
      for (const p of validate("bluesky", posts, body, res, this.api.secrets).posts) out.set(p.uri, this.seen(p, res).post);
    }
    return out;
  }

  private seen(p: PostView, res: HttpResponse): Seen {
    const rkey = p.uri.split("/").pop() ?? "";
    const indexedAt = parseDate("bluesky", p.indexedAt, res, this.api.secrets);
    const createdAt = parseDate("bluesky", p.record.createdAt, res, this.api.secrets);
    return {
      indexedAt,
      post: {
        platformPostId: p.uri,
        url: `https://bsky.app/profile/${p.author.handle}/post/${rkey}`,
        text: blueskyPostText(p.record, p.embed),
        lang: p.record.langs?.[0] ?? null,
        publishedAt: createdAt < indexedAt ? createdAt : indexedAt,
        editedAt: null,
        raw: p,
      },
    };
  }
}
