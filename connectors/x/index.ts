/**
 * X API v2 connector: user lookup by username (and by id to tell a rename), the user timeline
 * with since_id + next_token paging, and post lookup by ids (100 per call).
 *
 * - Field names are the live API's (`tweet.fields`, `edit_history_tweet_ids`, `note_tweet`), not
 *   the newest OpenAPI's post_ renames; tests/connectors/x.test.ts checks each against the OpenAPI.
 * - A long post's `text` is cut near 270 characters: the stored text is `note_tweet.text`.
 * - A protected account's timeline and posts answer not-authorized: AccountProtected, never
 *   "gone" or "deleted".
 */
import { ApiClient, clampPageSize, joinUrl, type ConnectorConfig } from "../client";
import { parseDate, validate } from "../errors";
import { extractLinks } from "../text";
import {
  MissingCredentials,
  NotFound,
  type AccountRef,
  type Connector,
  type FoundAccount,
  type SearchOptions,
  type FetchPage,
  type FetchResult,
  type NormalizedPost,
  type Profile,
} from "../types";
import { mapXError, xErrorsOnly, xProtected } from "./errors";
import * as S from "./schemas";

export const X_DEFAULT_BASE_URL = "https://api.x.com";

const USER_FIELDS = "created_at,description,entities,id,name,profile_image_url,protected,public_metrics,url,username,verified,verified_type";
/** What the impersonation watch reads of a found user (adds `parody`). */
const FOUND_FIELDS = `${USER_FIELDS},parody`;
/** users/search accepts only these characters in `query` (X OpenAPI). */
const SEARCH_QUERY = /^[A-Za-z0-9_' ]{1,50}$/;
/** users/by: usernames per request, and what a username may look like. */
const BY_BATCH = 100;
const USERNAME = /^[A-Za-z0-9_]{1,15}$/;
const TWEET_FIELDS = "created_at,lang,author_id,conversation_id,edit_history_tweet_ids,edit_controls,public_metrics,entities,note_tweet";

export class XConnector implements Connector {
  readonly platform = "x" as const;
  private readonly api: ApiClient;
  private readonly base: string;
  private readonly token: string;
  private readonly userToken: string | null;

  constructor(config: ConnectorConfig) {
    const token = config.credentials?.bearerToken;
    if (!token) throw new MissingCredentials("x", "X connector needs credentials.bearerToken (app-only bearer token, pay-per-use plan)");
    this.token = token;
    this.userToken = config.credentials?.userToken ?? null;
    this.api = new ApiClient("x", config, mapXError);
    this.base = config.baseUrl ?? X_DEFAULT_BASE_URL;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  async lookupProfile(account: AccountRef, signal?: AbortSignal): Promise<Profile> {
    const url = joinUrl(this.base, `/2/users/by/username/${encodeURIComponent(account.handle)}`, { "user.fields": USER_FIELDS });
    const { res, body } = await this.api.getJson(url, this.headers(), signal);
    const parsed = validate("x", S.userResponse, body, res, this.api.secrets);
    const missing = xErrorsOnly(parsed, `user @${account.handle}`);
    if (missing) {
      // The handle no longer resolves: if the known id still does, the account was renamed.
      if (missing.reason !== "suspended" && account.platformId) {
        // Only "that id is gone too" means gone; a rate limit or outage must surface, not read as gone.
        const current = await this.userById(account.platformId, signal).catch((e: unknown) => {
          if (e instanceof NotFound) return null;
          throw e;
        });
        if (current && current.username.toLowerCase() !== account.handle.toLowerCase()) {
          throw new NotFound("x", `X user @${account.handle} was renamed to @${current.username}`, "renamed", current.username);
        }
      }
      throw missing;
    }
    if (!parsed.data) throw xErrorsOnly({ errors: [{ detail: "no data" }] }, account.handle)!;
    return this.toProfile(parsed.data, res);
  }

  private async userById(id: string, signal?: AbortSignal): Promise<S.XUser | null> {
    const url = joinUrl(this.base, `/2/users/${encodeURIComponent(id)}`, { "user.fields": USER_FIELDS });
    const { res, body } = await this.api.getJson(url, this.headers(), signal);
    return validate("x", S.userResponse, body, res, this.api.secrets).data ?? null;
  }

  private toProfile(u: S.XUser, res: Parameters<typeof parseDate>[2]): Profile {
    const urls = [
      ...(u.entities?.url?.urls ?? []).map((x) => x.expanded_url ?? x.url),
      ...(u.entities?.description?.urls ?? []).map((x) => x.expanded_url ?? x.url),
    ];
    return {
      platformId: u.id,
      handle: u.username,
      displayName: u.name,
      bio: u.description ?? null,
      verified: u.verified_type ? u.verified_type !== "none" : (u.verified ?? null),
      followers: u.public_metrics?.followers_count ?? null,
      createdAt: u.created_at ? parseDate("x", u.created_at, res, this.api.secrets) : null,
      avatarUrl: u.profile_image_url ?? null,
      profileUrl: `https://x.com/${u.username}`,
      protected: u.protected ?? false,
      contactLinks: [...new Set([...urls, ...(u.url && !urls.length ? [u.url] : []), ...extractLinks(u.description)])],
    };
  }

  /**
   * GET /2/users/search (one page). X refuses app-only tokens here: it needs credentials.userToken
   * (OAuth 2.0 user context). The query may hold only `[A-Za-z0-9_' ]`, 1–50 characters.
   */
  async searchAccounts(query: string, opts: SearchOptions = {}): Promise<FoundAccount[]> {
    if (!this.userToken) throw new MissingCredentials("x", "X users/search needs credentials.userToken (an OAuth 2.0 user-context token); app-only bearer tokens are refused there");
    if (!SEARCH_QUERY.test(query)) throw new RangeError(`X users/search query must match ${SEARCH_QUERY} (got ${JSON.stringify(query.slice(0, 60))})`);
    const url = joinUrl(this.base, "/2/users/search", { query, max_results: clampPageSize(opts.limit, 1, 1000, 100), "user.fields": FOUND_FIELDS });
    const { res, body } = await this.api.getJson(url, { authorization: `Bearer ${this.userToken}` }, opts.signal);
    const parsed = validate("x", S.usersResponse, body, res, this.api.secrets);
    return (parsed.data ?? []).map((u) => this.toFound(u, res));
  }

  /** GET /2/users/by?usernames= in batches of 100; unknown and suspended usernames are left out. */
  async lookupHandles(handles: string[], signal?: AbortSignal): Promise<FoundAccount[]> {
    const names = [...new Set(handles.map((h) => h.replace(/^@/, "")).filter((h) => USERNAME.test(h)))];
    const out: FoundAccount[] = [];
    for (let i = 0; i < names.length; i += BY_BATCH) {
      const url = joinUrl(this.base, "/2/users/by", { usernames: names.slice(i, i + BY_BATCH).join(","), "user.fields": FOUND_FIELDS });
      const { res, body } = await this.api.getJson(url, this.headers(), signal);
      // Missing usernames come back in `errors` (resource-not-found) beside the found ones.
      for (const u of validate("x", S.usersResponse, body, res, this.api.secrets).data ?? []) out.push(this.toFound(u, res));
    }
    return out;
  }

  private toFound(u: S.XUser, res: Parameters<typeof parseDate>[2]): FoundAccount {
    const p = this.toProfile(u, res);
    return {
      platform: "x",
      platformId: p.platformId,
      handle: u.username.toLowerCase(),
      displayName: p.displayName,
      bio: p.bio,
      createdAt: p.createdAt,
      followers: p.followers,
      verified: p.verified,
      verifiedType: u.verified_type ?? null,
      parody: u.parody ?? null,
      profileUrl: p.profileUrl,
      links: p.contactLinks,
    };
  }

  private async userId(account: AccountRef, signal?: AbortSignal): Promise<string> {
    if (account.platformId) return account.platformId;
    return (await this.lookupProfile(account, signal)).platformId;
  }

  async fetchPostsSince(
    account: AccountRef,
    cursor: string | null,
    opts: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal } = {},
  ): Promise<FetchResult> {
    const id = await this.userId(account, opts.signal);
    const sinceId = cursor && /^\d{1,19}$/.test(cursor) ? cursor : undefined;
    const maxResults = clampPageSize(this.api.config.pageSize, 5, 100, 100);
    const all: NormalizedPost[] = [];
    let newest = sinceId ?? null;
    let token: string | undefined;
    for (let page = 0; page < this.api.maxPages; page++) {
      const url = joinUrl(this.base, `/2/users/${encodeURIComponent(id)}/tweets`, {
        max_results: maxResults,
        "tweet.fields": TWEET_FIELDS,
        since_id: sinceId,
        pagination_token: token,
      });
      const { res, body } = await this.api.getJson(url, this.headers(), opts.signal);
      const parsed = validate("x", S.timelineResponse, body, res, this.api.secrets);
      if (parsed.data === undefined) {
        const hidden = xProtected(parsed, `timeline of @${account.handle}`);
        if (hidden) throw hidden;
      }
      if (!parsed.meta) {
        const nf = xErrorsOnly(parsed, `timeline of @${account.handle}`);
        if (nf) throw nf;
      }
      const posts = (parsed.data ?? []).map((p) => this.normalize(p, account.handle, res));
      for (const p of posts) if (!newest || BigInt(p.platformPostId) > BigInt(newest)) newest = p.platformPostId;
      all.push(...posts);
      if (posts.length) await opts.onPage?.({ posts });
      token = parsed.meta?.next_token;
      if (!token) break;
    }
    return { posts: all, cursor: newest };
  }

  async lookupPosts(account: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const found = await this.byIds(ids, account.handle, signal);
    // An edited post's older id returns the older version; follow its chain to the latest one.
    const latestIds = new Set<string>();
    for (const p of found.values()) {
      const chain = editChain(p.raw as S.XPost);
      const last = chain[chain.length - 1];
      if (last && last !== p.platformPostId && !found.has(last)) latestIds.add(last);
    }
    const latest = latestIds.size ? await this.byIds([...latestIds], account.handle, signal) : new Map<string, NormalizedPost>();
    const out = new Map<string, NormalizedPost>();
    for (const id of ids) {
      const p = found.get(id);
      if (!p) continue;
      const chain = editChain(p.raw as S.XPost);
      const last = chain[chain.length - 1];
      if (last && last !== id) {
        const newer = latest.get(last) ?? found.get(last);
        if (newer) out.set(id, newer);
        // The newer version is gone: the whole chain was deleted.
        continue;
      }
      out.set(id, p);
    }
    return out;
  }

  private async byIds(ids: string[], handle: string, signal?: AbortSignal): Promise<Map<string, NormalizedPost>> {
    const out = new Map<string, NormalizedPost>();
    const valid = ids.filter((i) => /^\d{1,19}$/.test(i));
    for (let i = 0; i < valid.length; i += 100) {
      const url = joinUrl(this.base, "/2/tweets", { ids: valid.slice(i, i + 100).join(","), "tweet.fields": TWEET_FIELDS });
      const { res, body } = await this.api.getJson(url, this.headers(), signal);
      const parsed = validate("x", S.postsResponse, body, res, this.api.secrets);
      // Posts we may not see are not deleted ones: the account went protected.
      const hidden = xProtected(parsed, `@${handle}`);
      if (hidden) throw hidden;
      // Missing ids come back in `errors` (resource-not-found): absent from the map = deleted.
      for (const p of parsed.data ?? []) out.set(p.id, this.normalize(p, handle, res));
    }
    return out;
  }

  private normalize(p: S.XPost, handle: string, res: Parameters<typeof parseDate>[2]): NormalizedPost {
    const created = parseDate("x", p.created_at, res, this.api.secrets);
    const chain = editChain(p);
    // Each edit is a new post id; a post that is the last of a longer chain is an edited version.
    const edited = chain.length > 1 && chain[chain.length - 1] === p.id;
    return {
      platformPostId: p.id,
      url: `https://x.com/${handle}/status/${p.id}`,
      text: p.note_tweet?.text ?? p.note_post?.text ?? p.text,
      lang: p.lang && p.lang !== "und" ? p.lang : null,
      publishedAt: created,
      editedAt: edited ? created : null,
      raw: p,
    };
  }
}

function editChain(p: S.XPost): string[] {
  return p.edit_history_tweet_ids ?? p.edit_history_post_ids ?? [p.id];
}
