/**
 * Mastodon connector (public endpoints, token optional): accounts/lookup, account statuses with
 * Link-header paging (initial: follow rel=next; incremental: min_id and follow rel=prev up to the
 * newest), and statuses/:id for re-checks. edited_at is the edit marker.
 */
import { z } from "zod";
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { badShape, parseDate, validate } from "../errors";
import type { HttpResponse } from "../http";
import { parseLinkHeader } from "../linkheader";
import { extractLinks, htmlToText } from "../text";
import {
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";
import { mapMastodonError } from "./errors";

const account = z.looseObject({
  id: z.string(),
  username: z.string(),
  acct: z.string(),
  display_name: z.string().optional(),
  note: z.string().optional(),
  url: z.string().optional(),
  avatar: z.string().optional(),
  created_at: z.string().optional(),
  followers_count: z.number().optional(),
  suspended: z.boolean().optional(),
  moved: z.looseObject({ acct: z.string() }).nullable().optional(),
  fields: z.array(z.looseObject({ name: z.string(), value: z.string(), verified_at: z.string().nullable().optional() })).optional(),
});
const status = z.looseObject({
  id: z.string(),
  created_at: z.string(),
  edited_at: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  uri: z.string().optional(),
  content: z.string(),
  spoiler_text: z.string().optional(),
  visibility: z.string().optional(),
  reblog: z.unknown().optional(),
});
const statuses = z.array(status);
type Status = z.infer<typeof status>;

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

  async lookupProfile(ref: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const { user, host } = splitAcct(ref.handle);
    const { res, body } = await this.api.getJson(joinUrl(this.base(ref.handle), "/api/v1/accounts/lookup", { acct: user }), this.headers(), signal);
    const a = validate("mastodon", account, body, res, this.api.secrets);
    if (a.suspended) throw new NotFound("mastodon", `Mastodon account ${ref.handle} is suspended`, "suspended");
    if (a.moved) throw new NotFound("mastodon", `Mastodon account ${ref.handle} moved to ${a.moved.acct}`, "renamed", a.moved.acct);
    const fieldLinks = (a.fields ?? []).flatMap((f) => [...f.value.matchAll(/href="([^"]+)"/g)].map((m) => m[1]).concat(/<a /.test(f.value) ? [] : [htmlToText(f.value)]));
    return {
      platformId: a.id,
      handle: host ? `${a.username}@${host}` : a.acct,
      displayName: a.display_name || null,
      bio: a.note !== undefined ? htmlToText(a.note) : null,
      // No badge on Mastodon; a rel=me verified profile link is the nearest signal.
      verified: (a.fields ?? []).some((f) => !!f.verified_at),
      followers: a.followers_count ?? null,
      createdAt: a.created_at ? parseDate("mastodon", a.created_at, res, this.api.secrets) : null,
      avatarUrl: a.avatar ?? null,
      profileUrl: a.url ?? null,
      contactLinks: [...new Set([...fieldLinks.filter(Boolean), ...extractLinks(a.note ? htmlToText(a.note) : null)])],
    };
  }

  async fetchPostsSince(
    ref: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const id = ref.platformId ?? (await this.lookupProfile(ref, opts.signal)).platformId;
    const limit = clampPageSize(this.api.config.pageSize, 1, 40, 40);
    const incremental = cursor !== null && /^\d+$/.test(cursor);
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
      const page = validate("mastodon", statuses, body, res, this.api.secrets).filter((s) => !s.reblog);
      const posts = page.map((s) => this.normalize(s, res));
      for (const p of posts) if (!newest || compareIds(p.platformPostId, newest) > 0) newest = p.platformPostId;
      all.push(...posts);
      if (posts.length) await opts.onPage?.({ posts });
      if (!page.length) break;
      // Incremental: min_id pages climb towards the newest via rel=prev; initial: rel=next goes back in time.
      const links = parseLinkHeader(res.headers.get("link"));
      const nextUrl: string | undefined = incremental ? links.prev : links.next;
      if (nextUrl && new URL(nextUrl, url).origin !== origin) {
        badShape("mastodon", `Link header points to another origin: ${nextUrl}`, res, this.api.secrets);
      }
      url = nextUrl ? new URL(nextUrl, url).toString() : null;
    }
    return { posts: all, cursor: newest };
  }

  async lookupPosts(ref: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    for (const id of ids) {
      try {
        const { res, body } = await this.api.getJson(joinUrl(this.base(ref.handle), `/api/v1/statuses/${encodeURIComponent(id)}`), this.headers(), signal);
        out.set(id, this.normalize(validate("mastodon", status, body, res, this.api.secrets), res));
      } catch (err) {
        if (err instanceof NotFound) continue; // 404: deleted
        throw err;
      }
    }
    return out;
  }

  private normalize(s: Status, res: HttpResponse): NormalizedPost {
    const text = htmlToText(s.content);
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

/** Numeric id comparison without precision loss. */
function compareIds(a: string, b: string): number {
  return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
}
