/**
 * RSS 2.0 / Atom connector. The account handle is the feed URL. `baseUrl`, when set, replaces the
 * feed URL's origin (scheme + host + port) and keeps its path, so the same code reaches the
 * sandbox: https://feeds.sandbox.amanah.invalid/<slug>/rss.xml → <baseUrl>/<slug>/rss.xml.
 * Conditional GET (ETag / Last-Modified) travels in the cursor; 304 means nothing new.
 * Feeds carry no delete signal: lookupPosts reports only ids still in the feed window.
 */
import { ApiClient, type ConnectorConfig } from "../client";
import { badShape, parseDate } from "../errors";
import { looksLikeHtml, mediaType, type HttpResponse } from "../http";
import { advance, isNewer, parseWatermark, serializeWatermark, type Watermark } from "../watermark";
import {
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";
import { FeedParseError, parseFeed, type FeedItem, type ParsedFeed } from "./parse";

const XML_TYPES = new Set(["application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/rdf+xml"]);

/** The URL actually requested for a feed: its origin swapped for baseUrl when configured. */
export function resolveFeedUrl(feedUrl: string, baseUrl?: string): string {
  const u = new URL(feedUrl);
  if (!baseUrl) return u.toString();
  return baseUrl.replace(/\/+$/, "") + u.pathname + u.search;
}

export class RssConnector implements Connector {
  readonly platform = "rss" as const;
  private readonly api: ApiClient;

  constructor(private readonly config: ConnectorConfig) {
    this.api = new ApiClient("rss", config, () => null);
  }

  private async getFeed(feedUrl: string, validators: Watermark | null, signal?: AbortSignal): Promise<{ res: HttpResponse; feed: ParsedFeed | null }> {
    let url: string;
    try {
      url = resolveFeedUrl(feedUrl, this.config.baseUrl);
    } catch {
      throw new NotFound("rss", `feed handle is not a URL: ${feedUrl}`);
    }
    const headers: Record<string, string> = {
      accept: "application/rss+xml, application/atom+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.7",
    };
    if (validators?.etag) headers["if-none-match"] = validators.etag;
    if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
    const res = await this.api.get(url, headers, signal);
    if (res.status === 304) return { res, feed: null };
    if (looksLikeHtml(res)) badShape("rss", `HTML page instead of a feed (HTTP ${res.status}, ${res.url})`, res, this.api.secrets);
    const mt = mediaType(res);
    if (!XML_TYPES.has(mt)) badShape("rss", `unexpected content type "${mt || "none"}" for a feed (${res.url})`, res, this.api.secrets);
    try {
      return { res, feed: parseFeed(res.text) };
    } catch (err) {
      if (err instanceof FeedParseError) badShape("rss", `${err.message} (${res.url})`, res, this.api.secrets);
      throw err;
    }
  }

  async lookupProfile(ref: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const { feed } = await this.getFeed(ref.handle, null, signal);
    const f = feed!;
    return {
      platformId: ref.handle,
      handle: ref.handle,
      displayName: f.title,
      bio: f.description,
      verified: null,
      followers: null,
      createdAt: null,
      avatarUrl: f.image,
      profileUrl: f.link ?? ref.handle,
      contactLinks: [...new Set([...(f.link ? [f.link] : []), ...f.contacts])],
    };
  }

  async fetchPostsSince(
    ref: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const prev = parseWatermark(cursor);
    const { res, feed } = await this.getFeed(ref.handle, prev, opts.signal);
    if (!feed) return { posts: [], cursor }; // 304 Not Modified
    let pageFeed: ParsedFeed | null = feed;
    const all: NormalizedPost[] = [];
    let pageRes = res;
    for (let i = 0; pageFeed && i < this.api.maxPages; i++) {
      const normalized = this.normalizeAll(pageFeed, pageRes);
      const fresh = normalized.filter((p) => isNewer(prev, p.publishedAt, p.platformPostId));
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh });
      // RFC 5005 paged feeds: older entries behind rel=next, only while still above the watermark.
      if (!pageFeed.nextUrl || fresh.length < normalized.length) break;
      const next = await this.getFeed(new URL(pageFeed.nextUrl, ref.handle).toString(), null, opts.signal);
      pageFeed = next.feed;
      pageRes = next.res;
    }
    const wm = advance(prev, all) ?? { t: 0, ids: [] };
    wm.etag = res.headers.get("etag") ?? undefined;
    wm.lastModified = res.headers.get("last-modified") ?? undefined;
    return { posts: all, cursor: serializeWatermark(wm) };
  }

  async lookupPosts(ref: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const { res, feed } = await this.getFeed(ref.handle, null, signal);
    const want = new Set(ids);
    const out = new Map<string, NormalizedPost>();
    for (const p of this.normalizeAll(feed!, res)) if (want.has(p.platformPostId)) out.set(p.platformPostId, p);
    return out;
  }

  private normalizeAll(feed: ParsedFeed, res: HttpResponse): NormalizedPost[] {
    const out: NormalizedPost[] = [];
    for (const it of feed.items) {
      // Items without an id or a date cannot be tracked across fetches.
      if (!it.id || !it.published) continue;
      out.push(this.normalize(it, feed, res));
    }
    return out;
  }

  private normalize(it: FeedItem, feed: ParsedFeed, res: HttpResponse): NormalizedPost {
    const published = parseDate("rss", it.published!, res, this.api.secrets);
    const updated = it.updated ? parseDate("rss", it.updated, res, this.api.secrets) : null;
    return {
      platformPostId: it.id,
      url: it.url,
      text: it.body ? `${it.title}\n\n${it.body}` : it.title,
      lang: feed.language,
      publishedAt: published,
      editedAt: updated && updated.getTime() > published.getTime() ? updated : null,
      raw: it.raw,
    };
  }
}
