/**
 * Instagram connector (Graph API). Our own professional account (credentials.igUserId) is read
 * directly (/{ig-user-id}, /{ig-user-id}/media, /{media-id}); any other professional account is
 * read through Business Discovery on our account, which has no by-id lookup: re-checks scan its
 * media list instead. Instagram exposes no edit marker, so editedAt stays null (diff captions).
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
  AuthFailed,
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FoundAccount,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";

const USER_FIELDS = "id,username,name,biography,followers_count,media_count,profile_picture_url,website";
const MEDIA_FIELDS = "id,caption,media_type,media_product_type,permalink,timestamp,username,like_count,comments_count";

const igUser = z.looseObject({
  id: z.string(),
  username: z.string().optional(),
  name: z.string().optional(),
  biography: z.string().optional(),
  followers_count: z.number().optional(),
  profile_picture_url: z.string().optional(),
  website: z.string().optional(),
});
const media = z.looseObject({
  id: z.string(),
  caption: z.string().optional(),
  permalink: z.string().optional(),
  timestamp: z.string(),
  media_type: z.string().optional(),
});
const mediaPage = z.looseObject({ data: z.array(media), paging });
const discovery = z.looseObject({
  business_discovery: igUser.extend({ media: mediaPage.optional() }),
  id: z.string(),
});
type IgMedia = z.infer<typeof media>;
const IG_USERNAME = /^(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)$/;

export class InstagramConnector implements Connector {
  readonly platform = "instagram" as const;
  private readonly api: ApiClient;
  private readonly base: string;
  private readonly token: string;
  private readonly igUserId: string;

  constructor(config: ConnectorConfig) {
    const c = config.credentials;
    const missing = [!c?.accessToken && "accessToken", !c?.igUserId && "igUserId"].filter(Boolean);
    if (missing.length) {
      throw new MissingCredentials(
        "instagram",
        `Instagram connector needs credentials.${missing.join(" and credentials.")} (a token for our own IG professional account, used for Business Discovery)`,
      );
    }
    this.token = c!.accessToken!;
    this.igUserId = c!.igUserId!;
    this.api = new ApiClient("instagram", config, mapMetaError("instagram"));
    this.base = config.baseUrl ?? GRAPH_DEFAULT_BASE_URL;
  }

  /**
   * Business Discovery is asked of our own IG user node. If that node is missing (Graph 100/33), the
   * configuration is wrong — it says nothing about the account looked up, so it must not read as
   * "this account vanished".
   */
  private async discover(fields: string, signal?: AbortSignal) {
    try {
      return await this.api.getJson(joinUrl(this.base, `/${this.igUserId}`, { fields }), graphHeaders(this.token), signal);
    } catch (err) {
      if (err instanceof NotFound && err.reason === "deleted") {
        throw new AuthFailed("instagram", `the configured Instagram user id ${this.igUserId} is not accessible with this token (Business Discovery needs our own professional account)`);
      }
      throw err;
    }
  }

  private isOwn(account: AccountRef): boolean {
    return account.platformId === this.igUserId;
  }

  async lookupProfile(account: AccountRef, signal?: AbortSignal): Promise<Profile> {
    let u: z.infer<typeof igUser>;
    if (this.isOwn(account)) {
      const { res, body } = await this.api.getJson(joinUrl(this.base, `/${this.igUserId}`, { fields: USER_FIELDS }), graphHeaders(this.token), signal);
      u = validate("instagram", igUser, body, res, this.api.secrets);
    } else {
      const { res, body } = await this.discover(`business_discovery.username(${account.handle}){${USER_FIELDS}}`, signal);
      u = validate("instagram", discovery, body, res, this.api.secrets).business_discovery;
      if (account.platformId && u.id !== account.platformId) {
        // The handle now belongs to another account: the registered one was renamed or the name re-used.
        throw new NotFound("instagram", `Instagram @${account.handle} now belongs to another account (${u.id})`, "renamed");
      }
    }
    return {
      platformId: u.id,
      handle: u.username ?? account.handle,
      displayName: u.name ?? null,
      bio: u.biography ?? null,
      verified: null, // The Graph API does not expose Instagram's badge.
      followers: u.followers_count ?? null,
      createdAt: null,
      avatarUrl: u.profile_picture_url ?? null,
      profileUrl: `https://www.instagram.com/${u.username ?? account.handle}/`,
      contactLinks: [...new Set([...(u.website ? [u.website] : []), ...extractLinks(u.biography)])],
    };
  }

  /**
   * Business Discovery for each username, one request each (Instagram has no account search).
   * Usernames that are not business or creator accounts, or do not exist, are left out.
   */
  async lookupHandles(handles: string[], signal?: AbortSignal): Promise<FoundAccount[]> {
    const names = [...new Set(handles.map((h) => h.replace(/^@/, "").toLowerCase()).filter((h) => IG_USERNAME.test(h)))];
    const out: FoundAccount[] = [];
    for (const name of names) {
      let u: z.infer<typeof igUser>;
      try {
        const { res, body } = await this.discover(`business_discovery.username(${name}){${USER_FIELDS}}`, signal);
        u = validate("instagram", discovery, body, res, this.api.secrets).business_discovery;
      } catch (err) {
        if (err instanceof NotFound) continue;
        throw err;
      }
      out.push({
        platform: "instagram",
        platformId: u.id,
        handle: (u.username ?? name).toLowerCase(),
        displayName: u.name ?? null,
        bio: u.biography ?? null,
        createdAt: null, // not in the Graph API
        followers: u.followers_count ?? null,
        verified: null,
        profileUrl: `https://www.instagram.com/${u.username ?? name}/`,
        links: [...new Set([...(u.website ? [u.website] : []), ...extractLinks(u.biography)])],
      });
    }
    return out;
  }

  /** One page of media, own or discovered. */
  private async mediaPage(account: AccountRef, limit: number, after: string | undefined, signal?: AbortSignal) {
    if (this.isOwn(account)) {
      const url = joinUrl(this.base, `/${this.igUserId}/media`, { fields: MEDIA_FIELDS, limit, after });
      const { res, body } = await this.api.getJson(url, graphHeaders(this.token), signal);
      return { res, page: validate("instagram", mediaPage, body, res, this.api.secrets) };
    }
    const mods = `.limit(${limit})${after ? `.after(${after})` : ""}`;
    const fields = `business_discovery.username(${account.handle}){media${mods}{${MEDIA_FIELDS}}}`;
    const { res, body } = await this.discover(fields, signal);
    const d = validate("instagram", discovery, body, res, this.api.secrets);
    return { res, page: d.business_discovery.media ?? { data: [] } };
  }

  async fetchPostsSince(
    account: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    let wm = parseWatermark(cursor);
    const limit = clampPageSize(this.api.config.pageSize, 1, 100, 50);
    const all: NormalizedPost[] = [];
    let after: string | undefined;
    for (let i = 0; i < this.api.maxPages; i++) {
      const { res, page } = await this.mediaPage(account, limit, after, opts.signal);
      const normalized = page.data.map((m) => this.normalize(m, res));
      const fresh = normalized.filter((p) => isNewer(wm, p.publishedAt, p.platformPostId));
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh });
      after = page.paging?.next ? page.paging.cursors?.after : undefined;
      if (!after || fresh.length < normalized.length) break;
    }
    wm = advance(wm, all);
    return { posts: all, cursor: serializeWatermark(wm) };
  }

  async lookupPosts(account: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    if (!this.isOwn(account)) {
      // Business Discovery cannot read media by id: scan the account's media list.
      const want = new Set(ids);
      const { posts } = await this.fetchPostsSince(account, null, { signal });
      for (const p of posts) if (want.has(p.platformPostId)) out.set(p.platformPostId, p);
      return out;
    }
    for (const id of ids) {
      try {
        const { res, body } = await this.api.getJson(joinUrl(this.base, `/${encodeURIComponent(id)}`, { fields: MEDIA_FIELDS }), graphHeaders(this.token), signal);
        out.set(id, this.normalize(validate("instagram", media, body, res, this.api.secrets), res));
      } catch (err) {
        if (err instanceof NotFound) continue;
        throw err;
      }
    }
    return out;
  }

  private normalize(m: IgMedia, res: HttpResponse): NormalizedPost {
    return {
      platformPostId: m.id,
      url: m.permalink ?? null,
      text: m.caption ?? "",
      lang: null,
      publishedAt: parseDate("instagram", m.timestamp, res, this.api.secrets),
      editedAt: null,
      raw: m,
    };
  }
}
