/**
 * RSS / RDF / Atom connector. The account handle is the feed URL. `baseUrl`, when set, replaces the
 * feed URL's origin (scheme + host + port) and keeps its path, so the same code reaches the
 * sandbox: https://feeds.sandbox.amanah.invalid/<slug>/rss.xml → <baseUrl>/<slug>/rss.xml.
 *
 * - Fetches go through the outbound guard (connectors/net-guard.ts): public addresses, http(s),
 *   ports 80/443, every redirect checked, the connection pinned to the checked address. A refusal
 *   is a DestinationRefused (BadResponse) naming the reason. The baseUrl origin is trusted (the
 *   operator configured it); RSS_ALLOW_PRIVATE=1 / RSS_ALLOWED_PORTS or `network` widen the rest.
 *   A caller-supplied `fetch` replaces this transport, guard included.
 * - Bytes are decoded by charset (decode.ts); the body decides whether it is a feed, not the
 *   content type; HTML pages and broken documents are BadResponse.
 * - One bad item never rejects a feed: an unparseable, missing or far-future date becomes the
 *   first-seen time, marked in `raw` under "amanah:publishedAt"; an item without a guid is known
 *   by its link, else by a hash of title + link + date; repeated ids are taken once.
 * - The cursor is a seen-set of item ids plus ETag/Last-Modified (cursor.ts); 304 means nothing new.
 * - rel="next" pages (RFC 5005) are followed only on the feed's own host, while every item of the
 *   page is new. Feeds carry no delete signal: lookupPosts reports only ids still in the feed.
 */
import { createHash } from "node:crypto";
import { ApiClient, type ConnectorConfig } from "../client";
import { badShape } from "../errors";
import { guardedFetch } from "../guarded-fetch";
import { mediaType, type HttpResponse } from "../http";
import { checkOutboundUrl, DestinationRefused, outboundPolicyFromEnv, refusalOf, type CheckResult, type OutboundPolicy } from "../net-guard";
import { NotFound, type AccountRef, type Connector, type FetchPage, type FetchResult, type NormalizedPost, type Profile } from "../types";
import { readCursor, wasSeen, writeCursor, type FeedCursor } from "./cursor";
import { parseFeedDate } from "./dates";
import { decodeFeed, FeedDecodeError } from "./decode";
import { FeedParseError, parseFeed, type FeedItem, type ParsedFeed } from "./parse";

export { parseFeed, FeedParseError, type ParsedFeed, type FeedItem } from "./parse";
export { parseFeedDate } from "./dates";

/** Dates further ahead than this are not publish times (time-zone slips stay under 14 h). */
export const FUTURE_SLACK_MS = 24 * 3600_000;

export interface RssConnectorConfig extends ConnectorConfig {
  /** Outbound address policy; default from RSS_ALLOW_PRIVATE / RSS_ALLOWED_PORTS. */
  network?: OutboundPolicy;
}

/** The URL actually requested for a feed: its origin swapped for baseUrl when configured. */
export function resolveFeedUrl(feedUrl: string, baseUrl?: string): string {
  const u = new URL(feedUrl);
  if (!baseUrl) return u.toString();
  return baseUrl.replace(/\/+$/, "") + u.pathname + u.search;
}

/** The fetch policy: configured (or from the environment), with the baseUrl origin trusted. */
export function rssOutboundPolicy(config: RssConnectorConfig, env: Record<string, string | undefined> = process.env): OutboundPolicy {
  const policy = config.network ?? outboundPolicyFromEnv("RSS", env);
  const trusted = [...(policy.trustedOrigins ?? [])];
  if (config.baseUrl) trusted.push(new URL(config.baseUrl).origin);
  return { ...policy, trustedOrigins: trusted };
}

/**
 * Registration-time check of a feed URL (app form, CSV import), same rules as the fetch.
 * Options override RSS_ALLOW_PRIVATE / RSS_ALLOWED_PORTS; `dns: false` checks scheme, port and IP
 * literals only (the demo's *.invalid hosts do not resolve).
 */
export function checkFeedUrl(url: string, opts: OutboundPolicy & { dns?: boolean; env?: Record<string, string | undefined> } = {}): Promise<CheckResult> {
  const { dns, env, ...policy } = opts;
  return checkOutboundUrl(url, { ...outboundPolicyFromEnv("RSS", env), ...policy }, { dns });
}

/** Id of an item without guid: its link, else a hash of title + link + date. */
export function itemId(it: FeedItem): string {
  if (it.guid) return it.guid;
  if (it.url) return it.url;
  const parts = [it.title, it.url ?? "", it.published[0] ?? ""];
  const h = createHash("sha256")
    .update(parts.some(Boolean) ? JSON.stringify(parts) : it.body)
    .digest("hex");
  return `urn:amanah:feed-item:${h.slice(0, 32)}`;
}

interface Normalized {
  post: NormalizedPost;
  /** The item's own publish date, when parseable. */
  dated: Date | null;
}

interface Page {
  res: HttpResponse;
  feed: ParsedFeed | null;
  docUrl: string;
}

const ACCEPT = "application/rss+xml, application/atom+xml, application/rdf+xml;q=0.9, application/xml;q=0.8, text/xml;q=0.8, */*;q=0.1";

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "").toLowerCase();
  } catch {
    return null;
  }
}

export class RssConnector implements Connector {
  readonly platform = "rss" as const;
  private readonly api: ApiClient;
  readonly policy: OutboundPolicy;

  constructor(private readonly config: RssConnectorConfig) {
    this.policy = rssOutboundPolicy(config);
    this.api = new ApiClient("rss", { ...config, fetch: config.fetch ?? guardedFetch(this.policy) }, () => null);
  }

  /** GETs one feed document (`publicUrl`: the handle or a next page, before the baseUrl swap). */
  private async getFeed(publicUrl: string, validators: FeedCursor | null, signal?: AbortSignal): Promise<Page> {
    let url: string;
    try {
      url = resolveFeedUrl(publicUrl, this.config.baseUrl);
    } catch {
      throw new NotFound("rss", `feed handle is not a URL: ${publicUrl}`);
    }
    const headers: Record<string, string> = { accept: ACCEPT };
    if (validators?.etag) headers["if-none-match"] = validators.etag;
    if (validators?.lastModified) headers["if-modified-since"] = validators.lastModified;
    let res: HttpResponse;
    try {
      res = await this.api.get(url, headers, signal, { rawBody: true });
    } catch (err) {
      const refused = refusalOf(err);
      if (refused) throw new DestinationRefused("rss", refused.reason, refused.message);
      throw err;
    }
    // Relative links resolve against the public feed URL, never the sandbox's.
    const docUrl = this.config.baseUrl ? publicUrl : (res.finalUrl ?? url);
    if (res.status === 304) {
      if (!validators?.etag && !validators?.lastModified) badShape("rss", `304 Not Modified to an unconditional request (${res.url})`, res, this.api.secrets);
      return { res, feed: null, docUrl };
    }
    return { res, feed: this.read(res, docUrl), docUrl };
  }

  /** Bytes → feed; every failure is a BadResponse naming what was wrong. */
  private read(res: HttpResponse, docUrl: string): ParsedFeed {
    const type = mediaType(res) || "none";
    let text: string;
    try {
      text = decodeFeed(res.bytes ?? new TextEncoder().encode(res.text), res.headers.get("content-type")).text;
    } catch (err) {
      const why = err instanceof FeedDecodeError ? err.message : `undecodable body: ${(err as Error).message}`;
      return badShape("rss", `${why} (${res.url})`, res, this.api.secrets);
    }
    const decoded = { ...res, text };
    if (!text.trim()) badShape("rss", `empty body instead of a feed (HTTP ${res.status}, content type "${type}", ${res.url})`, decoded, this.api.secrets);
    try {
      return parseFeed(text, docUrl);
    } catch (err) {
      if (err instanceof FeedParseError && err.html) badShape("rss", `HTML page instead of a feed (HTTP ${res.status}, content type "${type}", ${res.url})`, decoded, this.api.secrets);
      // Anything else a document can provoke is still a bad response, never a crash.
      const why = err instanceof FeedParseError ? err.message : `unreadable feed: ${(err as Error).message}`;
      return badShape("rss", `${why} (content type "${type}", ${res.url})`, decoded, this.api.secrets);
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
    const prev = readCursor(cursor);
    const first = await this.getFeed(ref.handle, prev, opts.signal);
    if (!first.feed) return { posts: [], cursor }; // 304 Not Modified
    const now = this.api.now();
    const ownHosts = new Set([hostOf(ref.handle), hostOf(first.docUrl)].filter((h): h is string => !!h));
    const visited = new Set([ref.handle]);
    const taken = new Set<string>();
    const currentIds: string[] = [];
    const all: NormalizedPost[] = [];
    let page: Page = first;
    for (let i = 1; ; i++) {
      const normalized = this.normalizeAll(page.feed!, now);
      const fresh: NormalizedPost[] = [];
      for (const { post, dated } of normalized) {
        currentIds.push(post.platformPostId);
        if (taken.has(post.platformPostId)) continue; // repeated on an earlier page
        taken.add(post.platformPostId);
        if (!wasSeen(prev, post.platformPostId, dated)) fresh.push(post);
      }
      all.push(...fresh);
      if (fresh.length) await opts.onPage?.({ posts: fresh });
      // Older pages only while this one was entirely new, on the feed's own host, never twice.
      const next = page.feed!.nextUrl;
      if (!next || i >= this.api.maxPages || !normalized.length || fresh.length < normalized.length) break;
      if (!ownHosts.has(hostOf(next) ?? "") || visited.has(next)) break;
      visited.add(next);
      const got = await this.getFeed(next, null, opts.signal);
      if (!got.feed) break;
      page = got;
    }
    const h = first.res.headers;
    return { posts: all, cursor: writeCursor(prev, currentIds, { etag: h.get("etag"), lastModified: h.get("last-modified") }) };
  }

  async lookupPosts(ref: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const { feed } = await this.getFeed(ref.handle, null, signal);
    const want = new Set(ids);
    const out = new Map<string, NormalizedPost>();
    for (const { post } of this.normalizeAll(feed!, this.api.now())) if (want.has(post.platformPostId)) out.set(post.platformPostId, post);
    return out;
  }

  private normalizeAll(feed: ParsedFeed, now: number): Normalized[] {
    const out: Normalized[] = [];
    const ids = new Set<string>();
    for (const it of feed.items) {
      const id = itemId(it);
      if (ids.has(id)) continue; // duplicate guids: the first occurrence is the item
      ids.add(id);
      out.push(this.normalize(it, id, feed, now));
    }
    return out;
  }

  private normalize(it: FeedItem, id: string, feed: ParsedFeed, now: number): Normalized {
    const dated = firstDate(it.published);
    const updated = firstDate(it.updated);
    let publishedAt = dated;
    let fallback: { reason: "missing" | "unparseable" | "future"; value: string | null } | null = null;
    if (!publishedAt) fallback = { reason: it.published.length ? "unparseable" : "missing", value: it.published[0] ?? null };
    else if (publishedAt.getTime() > now + FUTURE_SLACK_MS) fallback = { reason: "future", value: it.published[0] };
    if (fallback) publishedAt = new Date(now);
    const raw = fallback ? { ...(it.raw as object), "amanah:publishedAt": { firstSeen: true, ...fallback } } : it.raw;
    return {
      post: {
        platformPostId: id,
        url: it.url,
        text: [it.title, it.body].filter(Boolean).join("\n\n"),
        lang: it.lang ?? feed.language,
        publishedAt: publishedAt!,
        editedAt: updated && updated.getTime() > publishedAt!.getTime() && updated.getTime() <= now + FUTURE_SLACK_MS ? updated : null,
        raw,
      },
      dated,
    };
  }
}

function firstDate(texts: string[]): Date | null {
  for (const t of texts) {
    const d = parseFeedDate(t);
    if (d) return d;
  }
  return null;
}
