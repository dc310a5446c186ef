/**
 * YouTube Data API v3 connector (API key): channels.list forHandle, the uploads playlist via
 * playlistItems.list (newest first, no since parameter → watermark), videos.list for re-checks.
 * YouTube has no verified field and no edit marker: verified/editedAt stay null.
 *
 * - A channel with no public upload answers 404 playlistNotFound for its uploads playlist: the
 *   channel itself was just found, so that is an empty channel, not a vanished one.
 * - Private and deleted videos stay in the playlist as placeholders, and a scheduled premiere is
 *   listed with its future start: none is a post (yet), none moves the watermark.
 */
import { z } from "zod";
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { parseDate, responseNow, validate } from "../errors";
import type { HttpResponse } from "../http";
import { extractLinks } from "../text";
import { advance, isNewer, parseWatermark, serializeWatermark } from "../watermark";
import {
  MissingCredentials,
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
import { mapYouTubeError, PlaylistNotFound } from "./errors";

export const YOUTUBE_DEFAULT_BASE_URL = "https://www.googleapis.com/youtube/v3";

const thumbnails = z.record(z.string(), z.looseObject({ url: z.string() })).optional();
const channel = z.looseObject({
  id: z.string(),
  snippet: z
    .looseObject({
      title: z.string(),
      description: z.string().optional(),
      customUrl: z.string().optional(),
      publishedAt: z.string().optional(),
      thumbnails,
    })
    .optional(),
  contentDetails: z.looseObject({ relatedPlaylists: z.looseObject({ uploads: z.string().optional() }) }).optional(),
  statistics: z.looseObject({ subscriberCount: z.string().optional(), hiddenSubscriberCount: z.boolean().optional() }).optional(),
});
const channelList = z.looseObject({
  kind: z.literal("youtube#channelListResponse"),
  pageInfo: z.looseObject({ totalResults: z.number() }).optional(),
  items: z.array(channel).optional(),
});
const playlistItem = z.looseObject({
  snippet: z.looseObject({ title: z.string(), description: z.string().optional(), resourceId: z.looseObject({ videoId: z.string() }) }),
  contentDetails: z.looseObject({ videoId: z.string(), videoPublishedAt: z.string().optional() }),
  status: z.looseObject({ privacyStatus: z.string() }).optional(),
});
const playlistItems = z.looseObject({
  kind: z.literal("youtube#playlistItemListResponse"),
  nextPageToken: z.string().optional(),
  items: z.array(playlistItem),
});
const video = z.looseObject({
  id: z.string(),
  snippet: z.looseObject({
    publishedAt: z.string(),
    title: z.string(),
    description: z.string().optional(),
    defaultLanguage: z.string().optional(),
    defaultAudioLanguage: z.string().optional(),
  }),
  status: z.looseObject({ privacyStatus: z.string() }).optional(),
});
const videoList = z.looseObject({ kind: z.literal("youtube#videoListResponse"), items: z.array(video) });
const searchResult = z.looseObject({
  id: z.looseObject({ kind: z.string(), channelId: z.string().optional() }),
  snippet: z.looseObject({ title: z.string().optional(), description: z.string().optional(), channelId: z.string().optional() }).optional(),
});
const searchList = z.looseObject({ kind: z.literal("youtube#searchListResponse"), items: z.array(searchResult).optional(), nextPageToken: z.string().optional() });

export class YouTubeConnector implements Connector {
  readonly platform = "youtube" as const;
  private readonly api: ApiClient;
  private readonly base: string;
  private readonly key: string;

  constructor(config: ConnectorConfig) {
    const key = config.credentials?.apiKey;
    if (!key) throw new MissingCredentials("youtube", "YouTube connector needs credentials.apiKey (Data API v3 key; 10,000 units/day)");
    this.key = key;
    this.api = new ApiClient("youtube", config, mapYouTubeError);
    this.base = config.baseUrl ?? YOUTUBE_DEFAULT_BASE_URL;
  }

  private async channels(query: Record<string, string>, signal?: AbortSignal) {
    const url = joinUrl(this.base, "/channels", { part: "snippet,contentDetails,statistics", ...query, key: this.key });
    const { res, body } = await this.api.getJson(url, {}, signal);
    return { res, list: validate("youtube", channelList, body, res, this.api.secrets) };
  }

  async lookupProfile(account: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const handle = account.handle.startsWith("@") ? account.handle : `@${account.handle}`;
    const { res, list } = await this.channels({ forHandle: handle }, signal);
    const ch = list.items?.[0];
    if (!ch) {
      if (account.platformId) {
        const byId = (await this.channels({ id: account.platformId }, signal)).list.items?.[0];
        const now = byId?.snippet?.customUrl;
        if (now) throw new NotFound("youtube", `YouTube ${handle} is now ${now}`, "renamed", now.replace(/^@/, ""));
      }
      throw new NotFound("youtube", `YouTube channel ${handle} not found (totalResults 0)`);
    }
    const sn = ch.snippet;
    const thumbs = sn?.thumbnails ?? {};
    const hidden = ch.statistics?.hiddenSubscriberCount;
    const subs = ch.statistics?.subscriberCount;
    return {
      platformId: ch.id,
      handle: (sn?.customUrl ?? handle).replace(/^@/, ""),
      displayName: sn?.title ?? null,
      bio: sn?.description ?? null,
      verified: null,
      followers: hidden || subs === undefined ? null : Number(subs),
      createdAt: sn?.publishedAt ? parseDate("youtube", sn.publishedAt, res, this.api.secrets) : null,
      avatarUrl: (thumbs.high ?? thumbs.medium ?? thumbs.default)?.url ?? null,
      profileUrl: `https://www.youtube.com/${sn?.customUrl ?? handle}`,
      contactLinks: extractLinks(sn?.description),
    };
  }

  /**
   * search.list?type=channel (100 quota units), then one channels.list (1 unit) for the channels'
   * handles, full descriptions and creation dates, which search results lack.
   */
  async searchAccounts(query: string, opts: SearchOptions = {}): Promise<FoundAccount[]> {
    const url = joinUrl(this.base, "/search", { part: "snippet", type: "channel", q: query, maxResults: clampPageSize(opts.limit, 1, 50, 50), key: this.key });
    const { res, body } = await this.api.getJson(url, {}, opts.signal);
    const ids = [...new Set((validate("youtube", searchList, body, res, this.api.secrets).items ?? []).map((it) => it.id.channelId ?? it.snippet?.channelId).filter((id): id is string => !!id))];
    if (!ids.length) return [];
    const { res: chRes, list } = await this.channels({ id: ids.slice(0, 50).join(","), part: "snippet,statistics" }, opts.signal);
    return (list.items ?? []).map((ch) => {
      const sn = ch.snippet;
      const subs = ch.statistics?.subscriberCount;
      return {
        platform: "youtube" as const,
        platformId: ch.id,
        handle: sn?.customUrl ? sn.customUrl.replace(/^@/, "").toLowerCase() : ch.id,
        displayName: sn?.title ?? null,
        bio: sn?.description ?? null,
        createdAt: sn?.publishedAt ? parseDate("youtube", sn.publishedAt, chRes, this.api.secrets) : null,
        followers: ch.statistics?.hiddenSubscriberCount || subs === undefined ? null : Number(subs),
        verified: null,
        profileUrl: sn?.customUrl ? `https://www.youtube.com/${sn.customUrl}` : `https://www.youtube.com/channel/${ch.id}`,
        links: extractLinks(sn?.description),
      };
    });
  }

  private async uploadsPlaylist(account: AccountRef, signal?: AbortSignal): Promise<string> {
    const q: Record<string, string> = account.platformId ? { id: account.platformId } : { forHandle: `@${account.handle.replace(/^@/, "")}` };
    const { list } = await this.channels({ ...q, part: "contentDetails" }, signal);
    const uploads = list.items?.[0]?.contentDetails?.relatedPlaylists.uploads;
    if (!uploads) throw new NotFound("youtube", `YouTube channel ${account.platformId ?? account.handle} not found`);
    return uploads;
  }

  async fetchPostsSince(
    account: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const playlistId = await this.uploadsPlaylist(account, opts.signal);
    let wm = parseWatermark(cursor);
    const maxResults = clampPageSize(this.api.config.pageSize, 1, 50, 50);
    const all: NormalizedPost[] = [];
    let pageToken: string | undefined;
    for (let i = 0; i < this.api.maxPages; i++) {
      const url = joinUrl(this.base, "/playlistItems", { part: "snippet,contentDetails,status", playlistId, maxResults, pageToken, key: this.key });
      let got: { res: HttpResponse; body: unknown };
      try {
        got = await this.api.getJson(url, {}, opts.signal);
      } catch (err) {
        // The channel lookup above found the channel: no uploads playlist means no public upload yet.
        if (err instanceof PlaylistNotFound && i === 0) return { posts: [], cursor };
        throw err;
      }
      const { res, body } = got;
      const page = validate("youtube", playlistItems, body, res, this.api.secrets);
      const now = responseNow(res, this.api.now());
      const normalized = page.items
        .filter((it) => (it.status?.privacyStatus ?? "public") === "public" && it.contentDetails.videoPublishedAt)
        .map((it) => this.fromPlaylistItem(it, res))
        // A premiere listed before it starts: public, but not shown yet.
        .filter((p) => p.publishedAt.getTime() <= now);
      const fresh = normalized.filter((p) => isNewer(wm, p.publishedAt, p.platformPostId));
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh });
      pageToken = page.nextPageToken;
      if (!pageToken || fresh.length < normalized.length) break;
    }
    wm = advance(wm, all);
    return { posts: all, cursor: serializeWatermark(wm) };
  }

  async lookupPosts(_account: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    for (let i = 0; i < ids.length; i += 50) {
      const url = joinUrl(this.base, "/videos", { part: "snippet,status", id: ids.slice(i, i + 50).join(","), key: this.key });
      const { res, body } = await this.api.getJson(url, {}, signal);
      const list = validate("youtube", videoList, body, res, this.api.secrets);
      for (const v of list.items) {
        // Deleted videos are missing; private or unlisted ones are no longer public posts either.
        if ((v.status?.privacyStatus ?? "public") !== "public") continue;
        out.set(v.id, {
          platformPostId: v.id,
          url: `https://www.youtube.com/watch?v=${v.id}`,
          text: joinText(v.snippet.title, v.snippet.description),
          lang: v.snippet.defaultLanguage ?? v.snippet.defaultAudioLanguage ?? null,
          publishedAt: parseDate("youtube", v.snippet.publishedAt, res, this.api.secrets),
          editedAt: null,
          raw: v,
        });
      }
    }
    return out;
  }

  private fromPlaylistItem(it: z.infer<typeof playlistItem>, res: HttpResponse): NormalizedPost {
    const id = it.contentDetails.videoId;
    return {
      platformPostId: id,
      url: `https://www.youtube.com/watch?v=${id}`,
      text: joinText(it.snippet.title, it.snippet.description),
      lang: null,
      publishedAt: parseDate("youtube", it.contentDetails.videoPublishedAt!, res, this.api.secrets),
      editedAt: null,
      raw: it,
    };
  }
}

/** A video's text for scoring: title, blank line, description. */
export function joinText(title: string, description: string | undefined): string {
  return description ? `${title}\n\n${description}` : title;
}
