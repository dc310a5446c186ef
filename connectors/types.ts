/**
 * The one connector contract (design §2). Connectors talk HTTP only: no database, no queue.
 * Every platform failure surfaces as one of the ConnectorError subclasses below.
 */
import type { Platform } from "../core/enums";

export type { Platform };
export type { PlatformCredentials } from "./credentials";

export interface Profile {
  platformId: string;
  handle: string;
  displayName: string | null;
  bio: string | null;
  verified: boolean | null;
  followers: number | null;
  createdAt: Date | null;
  avatarUrl: string | null;
  profileUrl: string | null;
  /** Links and contacts the profile shows (website, email), for governance checks. */
  contactLinks: string[];
  /** The holder hides the account's posts from the public (X "protected"), where the platform says. */
  protected?: boolean;
}

export interface NormalizedPost {
  platformPostId: string;
  url: string | null;
  /** Verbatim text (untrusted). */
  text: string;
  lang: string | null;
  publishedAt: Date;
  /** When the platform says the post was edited (null when it does not say or it was not). */
  editedAt: Date | null;
  /** Raw platform payload for the record (the storage layer caps its size). */
  raw: unknown;
}

export interface AccountRef {
  platform: Platform;
  handle: string;
  /** Known platform id, when the registry has one (saves a lookup). */
  platformId?: string | null;
}

export interface FetchPage {
  posts: NormalizedPost[];
}

export interface FetchResult {
  posts: NormalizedPost[];
  /** Cursor to store for the next incremental fetch (opaque, platform-specific). */
  cursor: string | null;
}

/** An account a platform's search or batch lookup returned (untrusted text, kept verbatim). */
export interface FoundAccount {
  platform: Platform;
  platformId: string;
  /** Canonical handle (lower case, no "@"; Mastodon user@instance; Bluesky the domain handle). */
  handle: string;
  displayName: string | null;
  bio: string | null;
  createdAt: Date | null;
  followers: number | null;
  verified: boolean | null;
  /** X's verified_type (government, business, blue, none), where the platform says. */
  verifiedType?: string | null;
  /** The platform labels the account a parody (X), where it says. */
  parody?: boolean | null;
  profileUrl: string | null;
  /** Website field and links the profile shows. */
  links: string[];
}

export interface SearchOptions {
  /** At most this many results (one page; clamped to the platform's range). */
  limit?: number;
  /** Mastodon: the instance to search (search is per server); default that of the configured base URL. */
  instance?: string;
  signal?: AbortSignal;
}

export interface Connector {
  readonly platform: Platform;
  /**
   * Optional: accounts the platform's own search finds for a free-text query (X users/search,
   * Bluesky searchActors, Mastodon v2 search, YouTube search.list type=channel). One page.
   */
  searchAccounts?(query: string, opts?: SearchOptions): Promise<FoundAccount[]>;
  /**
   * Optional: the accounts behind many handles at once (X users/by, up to 100 per request;
   * Instagram Business Discovery, one per request). Handles that do not exist are simply absent.
   */
  lookupHandles?(handles: string[], signal?: AbortSignal): Promise<FoundAccount[]>;
  lookupProfile(account: AccountRef, signal?: AbortSignal): Promise<Profile>;
  /**
   * Posts newer than `cursor`, following the platform's pagination to the end. `onPage` is called
   * per page so callers can persist page by page (one transaction each).
   */
  fetchPostsSince(
    account: AccountRef,
    cursor: string | null,
    opts?: { onPage?: (page: FetchPage) => void | Promise<void>; signal?: AbortSignal },
  ): Promise<FetchResult>;
  /** Looks posts up by id; ids the platform does not return are absent from the map (deleted). */
  lookupPosts(account: AccountRef, ids: string[], signal?: AbortSignal): Promise<Map<string, NormalizedPost>>;
}

export type ConnectorErrorKind = "rate_limited" | "auth_failed" | "not_found" | "transient" | "bad_response";

export abstract class ConnectorError extends Error {
  abstract readonly kind: ConnectorErrorKind;
  constructor(
    public readonly platform: Platform,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class RateLimited extends ConnectorError {
  readonly kind = "rate_limited" as const;
  constructor(
    platform: Platform,
    /** When the platform says requests may resume. */
    public readonly resetAt: Date,
    message = `rate limited until ${resetAt.toISOString()}`,
  ) {
    super(platform, message);
  }
}

export class AuthFailed extends ConnectorError {
  readonly kind = "auth_failed" as const;
}

export class NotFound extends ConnectorError {
  readonly kind = "not_found" as const;
  constructor(
    platform: Platform,
    message: string,
    /** deleted | deactivated (by its holder, reversible) | renamed | suspended | unknown, where the platform says. */
    public readonly reason: "deleted" | "deactivated" | "renamed" | "suspended" | "unknown" = "unknown",
    /** For reason "renamed": the handle the same platform id now has, when the platform says. */
    public readonly currentHandle: string | null = null,
  ) {
    super(platform, message);
  }
}

/**
 * The account exists but its posts are not public (X "protected"): it is neither gone (not a
 * NotFound) nor are its posts deleted. Callers keep what they stored and record the state.
 */
export class AccountProtected extends ConnectorError {
  readonly kind = "not_found" as const;
}

export class Transient extends ConnectorError {
  readonly kind = "transient" as const;
}

export class BadResponse extends ConnectorError {
  readonly kind = "bad_response" as const;
  constructor(
    platform: Platform,
    message: string,
    /** Truncated body sample for the log (never credentials). */
    public readonly sample: string,
  ) {
    super(platform, message);
  }
}

/** No credentials configured for a platform that needs them: an AuthFailed the operator fixes. */
export class MissingCredentials extends AuthFailed {}
