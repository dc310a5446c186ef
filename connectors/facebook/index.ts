/**
 * Facebook Pages connector (Graph API): page profile, /{page-id}/posts with `since` and cursor
 * paging, and post lookup by id (code 100/33 = deleted). Pages the token does not manage need
 * the Page Public Content Access feature.
 */
import { z } from "zod";
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { parseDate, validate } from "../errors";
import type { HttpResponse } from "../http";
import { mapMetaError } from "../meta/errors";
import { GRAPH_DEFAULT_BASE_URL, graphHeaders, paging } from "../meta/graph";
import { extractLinks } from "../text";
import { advance, isNewer, parseWatermark, serializeWatermark } from "../watermark";
import {
  MissingCredentials,
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";

const PAGE_FIELDS = "id,name,username,about,description,category,fan_count,followers_count,verification_status,is_verified,link,website,emails,picture{url}";
const POST_FIELDS = "id,message,created_time,updated_time,permalink_url,status_type";

const page = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  username: z.string().optional(),
  about: z.string().optional(),
  description: z.string().optional(),
  fan_count: z.number().optional(),
  followers_count: z.number().optional(),
  verification_status: z.string().optional(),
  is_verified: z.boolean().optional(),
  link: z.string().optional(),
  website: z.string().optional(),
  emails: z.array(z.string()).optional(),
  picture: z.looseObject({ data: z.looseObject({ url: z.string().optional() }).optional() }).optional(),
});

const post = z.looseObject({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  updated_time: z.string().optional(),
  permalink_url: z.string().optional(),
});
const postsPage = z.looseObject({ data: z.array(post), paging });
type FbPost = z.infer<typeof post>;

export class FacebookConnector implements Connector {
  readonly platform = "facebook" as const;
  private readonly api: ApiClient;
  private readonly base: string;
  private readonly token: string;

  constructor(config: ConnectorConfig) {
    const token = config.credentials?.accessToken;
    if (!token) {
      throw new MissingCredentials("facebook", "Facebook connector needs credentials.accessToken (Page or system-user token with Page Public Content Access)");
    }
    this.token = token;
    this.api = new ApiClient("facebook", config, mapMetaError("facebook"));
    this.base = config.baseUrl ?? GRAPH_DEFAULT_BASE_URL;
  }

  async lookupProfile(account: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const node = account.platformId ?? account.handle;
    const { res, body } = await this.api.getJson(joinUrl(this.base, `/${encodeURIComponent(node)}`, { fields: PAGE_FIELDS }), graphHeaders(this.token), signal);
    const p = validate("facebook", page, body, res, this.api.secrets);
    if (account.platformId && p.username && p.username.toLowerCase() !== account.handle.toLowerCase()) {
      throw new NotFound("facebook", `Facebook page ${account.handle} is now ${p.username}`, "renamed", p.username);
    }
    const verified =
      p.verification_status !== undefined ? p.verification_status !== "not_verified" : (p.is_verified ?? null);
    return {
      platformId: p.id,
      handle: p.username ?? account.handle,
      displayName: p.name ?? null,
      bio: [p.about, p.description].filter(Boolean).join("\n") || null,
      verified,
      followers: p.followers_count ?? p.fan_count ?? null,
      createdAt: null, // Pages expose no creation date.
      avatarUrl: p.picture?.data?.url ?? null,
      profileUrl: p.link ?? `https://www.facebook.com/${p.username ?? p.id}`,
      contactLinks: [
        ...new Set([...(p.website ? p.website.split(/\s+/).filter(Boolean) : []), ...(p.emails ?? []), ...extractLinks(p.about, p.description)]),
      ],
    };
  }

  async fetchPostsSince(
    account: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const pageId = account.platformId ?? (await this.lookupProfile(account, opts.signal)).platformId;
    let wm = parseWatermark(cursor);
    const limit = clampPageSize(this.api.config.pageSize, 1, 100, 100);
    const all: NormalizedPost[] = [];
    let after: string | undefined;
    for (let i = 0; i < this.api.maxPages; i++) {
      const url = joinUrl(this.base, `/${encodeURIComponent(pageId)}/posts`, {
        fields: POST_FIELDS,
        limit,
        since: wm ? Math.floor(wm.t / 1000) : undefined,
        after,
      });
      const { res, body } = await this.api.getJson(url, graphHeaders(this.token), opts.signal);
      const parsed = validate("facebook", postsPage, body, res, this.api.secrets);
      const normalized = parsed.data.map((p) => this.normalize(p, res));
      const fresh = normalized.filter((p) => isNewer(wm, p.publishedAt, p.platformPostId));
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh });
      // Newest first: once a page reaches the watermark, later pages are older still.
      const reachedKnown = fresh.length < normalized.length;
      after = parsed.paging?.next ? parsed.paging.cursors?.after : undefined;
      if (!after || reachedKnown) break;
    }
    wm = advance(wm, all);
    return { posts: all, cursor: serializeWatermark(wm) };
  }

  async lookupPosts(_account: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    for (const id of ids) {
      try {
        const { res, body } = await this.api.getJson(joinUrl(this.base, `/${encodeURIComponent(id)}`, { fields: POST_FIELDS }), graphHeaders(this.token), signal);
        out.set(id, this.normalize(validate("facebook", post, body, res, this.api.secrets), res));
      } catch (err) {
        if (err instanceof NotFound) continue; // deleted
        throw err;
      }
    }
    return out;
  }

  private normalize(p: FbPost, res: HttpResponse): NormalizedPost {
    const created = parseDate("facebook", p.created_time, res, this.api.secrets);
    const updated = p.updated_time ? parseDate("facebook", p.updated_time, res, this.api.secrets) : null;
    const [pageId, postId] = p.id.split("_");
    return {
      platformPostId: p.id,
      url: p.permalink_url ?? (postId ? `https://www.facebook.com/${pageId}/posts/${postId}` : null),
      text: p.message ?? "",
      lang: null,
      publishedAt: created,
      // updated_time later than created_time is the edit marker Pages expose.
      editedAt: updated && updated.getTime() > created.getTime() ? updated : null,
      raw: p,
    };
  }
}
