/**
 * Bluesky connector (public AppView, no auth): actor.getProfile, feed.getAuthorFeed with the opaque
 * cursor (no since parameter → watermark; reposts skipped), feed.getPosts (25 per call) for re-checks.
 * Posts are not editable in the app; a changed record shows as a new cid (kept in raw).
 */
import { z } from "zod";
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { parseDate, validate } from "../errors";
import type { HttpResponse } from "../http";
import { extractLinks } from "../text";
import { advance, isNewer, parseWatermark, serializeWatermark } from "../watermark";
import {
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";
import { mapBlueskyError } from "./errors";

export const BLUESKY_DEFAULT_BASE_URL = "https://public.api.bsky.app";

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
  record: z.looseObject({ text: z.string(), createdAt: z.string(), langs: z.array(z.string()).optional() }),
  indexedAt: z.string(),
});
const authorFeed = z.looseObject({
  feed: z.array(z.looseObject({ post: postView, reason: z.looseObject({ $type: z.string() }).optional() })),
  cursor: z.string().optional(),
});
const posts = z.looseObject({ posts: z.array(postView) });
type PostView = z.infer<typeof postView>;

export class BlueskyConnector implements Connector {
  readonly platform = "bluesky" as const;
  private readonly api: ApiClient;
  private readonly base: string;

  constructor(config: ConnectorConfig) {
    this.api = new ApiClient("bluesky", config, mapBlueskyError);
    this.base = config.baseUrl ?? BLUESKY_DEFAULT_BASE_URL;
  }

  async lookupProfile(ref: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const { res, body } = await this.api.getJson(joinUrl(this.base, "/xrpc/app.bsky.actor.getProfile", { actor: ref.handle }), {}, signal);
    const p = validate("bluesky", profile, body, res, this.api.secrets);
    if (ref.platformId && ref.platformId.startsWith("did:") && p.did !== ref.platformId) {
      throw new NotFound("bluesky", `Bluesky handle ${ref.handle} now points to another account (${p.did})`, "renamed");
    }
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

  async fetchPostsSince(
    ref: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const actor = ref.platformId?.startsWith("did:") ? ref.platformId : ref.handle;
    let wm = parseWatermark(cursor);
    const limit = clampPageSize(this.api.config.pageSize, 1, 100, 100);
    const all: NormalizedPost[] = [];
    let feedCursor: string | undefined;
    for (let i = 0; i < this.api.maxPages; i++) {
      const url = joinUrl(this.base, "/xrpc/app.bsky.feed.getAuthorFeed", { actor, limit, cursor: feedCursor });
      const { res, body } = await this.api.getJson(url, {}, opts.signal);
      const page = validate("bluesky", authorFeed, body, res, this.api.secrets);
      // Reposts and pins are other people's or older posts: keep only the author's own posts.
      const own = page.feed.filter((it) => !it.reason).map((it) => this.normalize(it.post, res));
      const fresh = own.filter((p) => isNewer(wm, p.publishedAt, p.platformPostId));
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh });
      feedCursor = page.cursor;
      if (!feedCursor || fresh.length < own.length) break;
    }
    wm = advance(wm, all);
    return { posts: all, cursor: serializeWatermark(wm) };
  }

  async lookupPosts(_ref: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    for (let i = 0; i < ids.length; i += 25) {
      const u = new URL(joinUrl(this.base, "/xrpc/app.bsky.feed.getPosts"));
      for (const id of ids.slice(i, i + 25)) u.searchParams.append("uris", id);
      const { res, body } = await this.api.getJson(u.toString(), {}, signal);
      // Deleted posts are simply left out of the answer.
      for (const p of validate("bluesky", posts, body, res, this.api.secrets).posts) out.set(p.uri, this.normalize(p, res));
    }
    return out;
  }

  private normalize(p: PostView, res: HttpResponse): NormalizedPost {
    const rkey = p.uri.split("/").pop() ?? "";
    return {
      platformPostId: p.uri,
      url: `https://bsky.app/profile/${p.author.handle}/post/${rkey}`,
      text: p.record.text,
      lang: p.record.langs?.[0] ?? null,
      publishedAt: parseDate("bluesky", p.record.createdAt, res, this.api.secrets),
      editedAt: null,
      raw: p,
    };
  }
}
