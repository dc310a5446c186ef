/**
 * Per-connector request plumbing: config defaults, the platform's error mapper, then strict JSON.
 */
import type { PlatformCredentials } from "./credentials";
import { secretValues } from "./credentials";
import { fallbackError } from "./errors";
import { httpGet, parseJsonBody, type HttpResponse } from "./http";
import { RateLimited, type ConnectorError, type Platform } from "./types";

export interface ConnectorConfig {
  /** Replaces the platform's real base URL (e.g. the sandbox: http://127.0.0.1:4010/x). */
  baseUrl?: string;
  credentials?: PlatformCredentials;
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Items per page to ask for (clamped to the platform's allowed range). */
  pageSize?: number;
  /** Safety stop for pagination loops. */
  maxPages?: number;
  /** Body size cap in bytes (default 5 MB). */
  maxBytes?: number;
  /** Fallback clock when a response carries no Date header. */
  now?: () => number;
  /** The caller's rate budget, consulted on every request of a call (workers/rate-gate.ts). */
  gate?: RequestGate;
}

/**
 * One connector call can send several requests (pages, X's rename check), and a connector may
 * handle a request's error itself; the gate hears of every request and every rate limit anyway.
 */
export interface RequestGate {
  /** Throws RateLimited while the platform's budget is closed. */
  beforeRequest(platform: Platform): Promise<void>;
  /** Told of every rate-limit answer before it is thrown. */
  rateLimited(err: RateLimited): Promise<void>;
}

/** A platform-specific mapper: returns an error for a response it recognises, else null. */
export type ErrorMapper = (res: HttpResponse, now: number, secrets: string[]) => ConnectorError | null;

export class ApiClient {
  readonly secrets: string[];
  readonly now: () => number;
  readonly maxPages: number;
  constructor(
    readonly platform: Platform,
    readonly config: ConnectorConfig,
    private readonly mapError: ErrorMapper,
  ) {
    this.secrets = secretValues(config.credentials);
    this.now = config.now ?? Date.now;
    this.maxPages = config.maxPages ?? 1000;
  }

  /** GET returning the raw response after platform + fallback error mapping (2xx/304 only). */
  async get(url: string, headers: Record<string, string> = {}, signal?: AbortSignal, opts: { rawBody?: boolean } = {}): Promise<HttpResponse> {
    await this.config.gate?.beforeRequest(this.platform);
    const res = await httpGet(url, {
      platform: this.platform,
      headers,
      timeoutMs: this.config.timeoutMs,
      maxBytes: this.config.maxBytes,
      fetch: this.config.fetch,
      signal,
      secrets: this.secrets,
      rawBody: opts.rawBody,
    });
    const now = this.now();
    const err = this.mapError(res, now, this.secrets) ?? (res.status >= 300 && res.status !== 304 ? fallbackError(this.platform, res, now, this.secrets) : null);
    if (!err) return res;
    if (err instanceof RateLimited) await this.config.gate?.rateLimited(err);
    throw err;
  }

  async getJson(url: string, headers: Record<string, string> = {}, signal?: AbortSignal): Promise<{ res: HttpResponse; body: unknown }> {
    const res = await this.get(url, { accept: "application/json", ...headers }, signal);
    return { res, body: parseJsonBody(this.platform, res, this.secrets) };
  }
}

export function clampPageSize(wanted: number | undefined, min: number, max: number, dflt: number): number {
  return Math.max(min, Math.min(max, Math.floor(wanted ?? dflt)));
}

export function joinUrl(base: string, path: string, query?: Record<string, string | number | undefined | null>): string {
  const u = new URL(base.replace(/\/+$/, "") + path);
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) u.searchParams.set(k, String(v));
  return u.toString();
}
