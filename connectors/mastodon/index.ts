/**
 * Mastodon connector (public endpoints, token optional): accounts/lookup, account statuses with
 * Link-header paging (initial: follow rel=next; incremental: min_id and follow rel=prev up to the
 * newest), and statuses/:id for re-checks. edited_at is the edit marker.
 *
 * - Ids are opaque strings (GoToSocial's are ULIDs): the cursor is the newest id as the server
 *   ordered the statuses, never a number comparison.
 * - Since 3.3.0 a suspended account's statuses answer 200 [] (no 410): an empty first page asks
 *   the account itself (`suspended`, `moved`).
 * - Status HTML becomes readable text (html.ts): paragraphs, line breaks, lists, full link URLs.
 */
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { badShape, parseDate, validate } from "../errors";
import type { HttpResponse } from "../http";
import { parseLinkHeader } from "../linkheader";
import { extractLinks } from "../text";
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
import { mapMastodonError } from "./errors";
import { mastodonHtmlToText } from "./html";
import * as S from "./schemas";

function hostOf(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** `user@host` → parts; a bare `user` has no host. */
export function splitAcct(handle: string): { user: string; host: string | null } {
  const h = handle.replace(/^@/, "");
  const at = h.indexOf("@");
  return at < 0 ? { user: h, host: null } : { user: h.slice(0, at), host: h.slice(at + 1) };
}

export class MastodonConnector implements Connector {
  readonly platform = "mastodon" as const;
  private readonly api: ApiClient;

  constructor(private readonly config: ConnectorConfig) {
    this.api = new ApiClient("mastodon", config, mapMastodonError);
  }

  /** Each account lives on its own instance; a configured base URL (sandbox, proxy) overrides it. */
  private base(handle: string): string {
    if (this.config.baseUrl) return this.config.baseUrl;
    const { host } = splitAcct(handle);
    if (!host) throw new NotFound("mastodon", `Mastodon handle "${handle}" has no instance (expected user@host)`);
    return `https://${host}`;
  }

  private headers(): Record<string, string> {
    const t = this.config.credentials?.accessToken;
    return t ? { authorization: `Bearer ${t}` } : {};
  }

  /** NotFound when the account is suspended or has moved (a move on the same instance names no host). */
  private gone(ref: AccountRef, a: S.Account): NotFound | null {
    if (a.suspended) return new NotFound("mastodon", `Mastodon account ${ref.handle} is suspended`, "suspended");
    if (!a.moved) return null;
    const { host } = splitAcct(ref.handle);
    const to = a.moved.acct.includes("@") || !host ? a.moved.acct : `${a.moved.acct}@${host}`;
    return new NotFound("mastodon", `Mastodon account ${ref.handle} moved to ${to}`, "renamed", to);
  }

  async lookupProfile(ref: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const { user, host } = splitAcct(ref.handle);
    const { res, body } = await this.api.getJson(joinUrl(this.base(ref.handle), "/api/v1/accounts/lookup", { acct: user }), this.headers(), signal);
    const a = validate("mastodon", S.account, body, res, this.api.secrets);
    const gone = this.gone(ref, a);
    if (gone) throw gone;
    const fieldLinks = (a.fields ?? []).flatMap((f) => [...f.value.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).concat(/<a /.test(f.value) ? [] : [mastodonHtmlToText(f.value)]));
    return {
      platformId: a.id,
      handle: host ? `${a.username}@${host}` : a.acct,
      displayName: a.display_name || null,
      bio: a.note !== undefined ? mastodonHtmlToText(a.note) : null,
      // No badge on Mastodon; a rel=me verified profile link is the nearest signal.
      verified: (a.fields ?? []).some((f) => !!f.verified_at),
      followers: a.followers_count ?? null,
      createdAt: a.created_at ? parseDate("mastodon", a.created_at, res, this.api.secrets) : null,
      avatarUrl: a.avatar ?? null,
      profileUrl: a.url ?? null,
      contactLinks: [...new Set([...fieldLinks.filter(Boolean), ...extractLinks(a.note ? mastodonHtmlToText(a.note) : null)])],
    };
  }

  /**
   * GET /api/v2/search?type=accounts on one instance (search is per server): public without a token
   * since 4.0 as long as neither `resolve` nor `offset` is sent. Handles come back as user@instance.
   */
  async searchAccounts(query: string, opts: SearchOptions = {}): Promise<FoundAccount[]> {
    const instance = opts.instance?.toLowerCase() ?? null;
    const base = this.config.baseUrl ?? (instance ? `https://${instance}` : null);
    if (!base) throw new RangeError("Mastodon search needs an instance (opts.instance) or a configured base URL");
    const url = joinUrl(base, "/api/v2/search", { q: query, type: "accounts", limit: clampPageSize(opts.limit, 1, 40, 40) });
    const { res, body } = await this.api.getJson(url, this.headers(), opts.signal);
    const found = validate("mastodon", S.search, body, res, this.api.secrets).accounts;
    return found
      .filter((a) => !a.suspended)
      .map((a) => {
        const host = a.acct.includes("@") ? a.acct.split("@")[1] : (instance ?? hostOf(a.url) ?? hostOf(a.uri) ?? new URL(base).hostname);
        const handle = `${a.username}@${host}`.toLowerCase();
        const note = a.note !== undefined ? mastodonHtmlToText(a.note) : null;
        return {
          platform: "mastodon" as const,
          platformId: a.id,
          handle,
          displayName: a.display_name || null,
          bio: note,
          createdAt: a.created_at ? parseDate("mastodon", a.created_at, res, this.api.secrets) : null,
          followers: a.followers_count ?? null,
          verified: (a.fields ?? []).some((f) => !!f.verified_at),
          profileUrl: a.url ?? null,
          links: [...new Set([...(a.fields ?? []).flatMap((f) => [...f.value.matchAll(/href="([^"]+)"/g)].map((m) => m[1])), ...extractLinks(note)])],
        };
      });
  }

  async fetchPostsSince(
    ref: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const id = ref.platformId ?? (await this.lookupProfile(ref, opts.signal)).platformId;
    const limit = clampPageSize(this.api.config.pageSize, 1, 40, 40);
    const incremental = cursor !== null && cursor !== "";
    const all: NormalizedPost[] = [];
    let newest = incremental ? cursor : null;
    let url: string | null = joinUrl(this.base(ref.handle), `/api/v1/accounts/${encodeURIComponent(id)}/statuses`, {
      limit,
      exclude_reblogs: "true",
      min_id: incremental ? cursor : undefined,
    });
    const origin = new URL(url).origin;
    for (let i = 0; i < this.api.maxPages && url; i++) {
      const { res, body } = await this.api.getJson(url, this.headers(), opts.signal);
      const raw = validate("mastodon", S.statuses, body, res, this.api.secrets);
      if (!raw.length) {
        // Nothing at all on the first page: quiet, or suspended (200 []) or moved. The account says.
        if (i === 0) await this.checkAccount(ref, id, opts.signal);
        break;
      }
      // Pages are newest first. Initial paging goes back in time (the first page holds the newest);
      // incremental paging climbs towards the present (each page is newer than the last).
      if (incremental || newest === null) newest = raw[0].id;
      const posts = raw.filter((s) => !s.reblog).map((s) => this.normalize(s, res));
      all.push(...posts);
      if (posts.length) await opts.onPage?.({ posts });
      const links = parseLinkHeader(res.headers.get("link"));
      const nextUrl: string | undefined = incremental ? links.prev : links.next;
      if (nextUrl && new URL(nextUrl, url).origin !== origin) {
        badShape("mastodon", `Link header points to another origin: ${nextUrl}`, res, this.api.secrets);
      }
      url = nextUrl ? new URL(nextUrl, url).toString() : null;
    }
    return { posts: all, cursor: newest };
  }

  /** GET /api/v1/accounts/:id: throws the NotFound a suspended or moved account is. */
  private async checkAccount(ref: AccountRef, id: string, signal?: AbortSignal): Promise<void> {
    const { res, body } = await this.api.getJson(joinUrl(this.base(ref.handle), `/api/v1/accounts/${encodeURIComponent(id)}`), this.headers(), signal);
    const gone = this.gone(ref, validate("mastodon", S.account, body, res, this.api.secrets));
    if (gone) throw gone;
  }

  async lookupPosts(ref: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    for (const id of ids) {
      try {
        const { res, body } = await this.api.getJson(joinUrl(this.base(ref.handle), `/api/v1/statuses/${encodeURIComponent(id)}`), this.headers(), signal);
        out.set(id, this.normalize(validate("mastodon", S.status, body, res, this.api.secrets), res));
      } catch (err) {
        if (err instanceof NotFound) continue; // 404: deleted
        throw err;
      }
    }
    return out;
  }

  private normalize(s: S.Status, res: HttpResponse): NormalizedPost {
    const text = mastodonHtmlToText(s.content);
    return {
      platformPostId: s.id,
      url: s.url ?? s.uri ?? null,
      text: s.spoiler_text ? `${s.spoiler_text}\n\n${text}` : text,
      lang: s.language ?? null,
      publishedAt: parseDate("mastodon", s.created_at, res, this.api.secrets),
      editedAt: s.edited_at ? parseDate("mastodon", s.edited_at, res, this.api.secrets) : null,
      raw: s,
    };
  }
}
