/**
 * Rendered-page cache for signed-in GET requests, keyed on the database's data version.
 *
 * Dashboard pages are read far more often than the data behind them changes, and rendering them
 * (React SSR of tables of 60 entities or 50 flags) is most of a request's CPU. A response is reused
 * only while nothing has been committed to the database since it was rendered (SQLite's data
 * version, read by db/data-version.ts on a connection of its own so every other connection's
 * commit shows), for the same session cookie (so the same user, role and locale), the same URL and for at most
 * `ttlMs` (pages show ages and "this week"). The session is still checked on every hit, so a
 * session that expired is not served from the cache. A request that itself wrote to the database
 * (the version moved while it ran) is never cached, so GET side effects such as audit rows still
 * happen every time.
 */
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse, NextFunction } from "express";
import { watchDataVersion } from "../../db/data-version";
import { sendResponse } from "./send-response.server";

export interface PageCacheOptions {
  /** SQLite file whose commits invalidate every entry. */
  databaseFile: string;
  /** Renders a request (the Remix handler at the Fetch API level). */
  render: (request: Request, clientIp: string) => Promise<Response>;
  /** The signed-in user's id for this request, or null (not cached: login redirects and the like). */
  identify: (request: Request) => Promise<number | null>;
  ttlMs?: number;
  maxEntries?: number;
  maxBytes?: number;
}

interface Entry {
  version: number;
  at: number;
  status: number;
  headers: [string, string][];
  body: Buffer;
  /** The body gzipped once, on its first hit from a client that accepts gzip. */
  gz?: Buffer;
}

export interface PageCache {
  middleware: (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => void;
  close: () => void;
}

/** Headers that describe one response on the wire, not the page; express/compression set their own. */
const HOP_HEADERS = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date"]);

export function createPageCache(opts: PageCacheOptions): PageCache {
  const ttlMs = opts.ttlMs ?? 30_000;
  const maxEntries = opts.maxEntries ?? 500;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const watcher = watchDataVersion(opts.databaseFile);
  const version = () => watcher.version();
  // Map iteration order is insertion order: re-inserting on a hit makes it an LRU.
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const drop = (key: string) => {
    const e = entries.get(key);
    if (!e) return;
    bytes -= e.body.length + (e.gz?.length ?? 0);
    entries.delete(key);
  };
  const store = (key: string, e: Entry) => {
    drop(key);
    if (e.body.length > maxBytes / 8) return;
    entries.set(key, e);
    bytes += e.body.length;
    for (const k of entries.keys()) {
      if (entries.size <= maxEntries && bytes <= maxBytes) break;
      drop(k);
    }
  };

  const send = (res: ExpressResponse, e: Pick<Entry, "status" | "headers" | "body">, state: "hit" | "miss", setCookies: string[] = [], gzipped = false) => {
    res.status(e.status);
    res.setHeader("x-amanah-page-cache", state);
    for (const [k, v] of e.headers) res.setHeader(k, v);
    if (gzipped) {
      // Already encoded: the compression middleware leaves it alone.
      res.setHeader("content-encoding", "gzip");
      res.setHeader("vary", "Accept-Encoding");
    }
    if (setCookies.length) res.setHeader("set-cookie", setCookies);
    res.end(e.body);
  };

  const middleware = (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    const cookie = req.headers.cookie;
    // API calls authenticate with a token, not the cookie: never keyed on the cookie.
    if (req.method !== "GET" || !cookie || req.headers.range || req.headers.authorization) return next();
    void (async () => {
      const url = new URL(req.originalUrl, `${req.protocol}://${req.get("host") ?? "localhost"}`);
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) {
        if (typeof v === "string") headers.set(k, v);
        else if (Array.isArray(v)) for (const x of v) headers.append(k, x);
      }
      const request = new Request(url, { headers });
      const userId = await opts.identify(request);
      if (userId === null) return next();
      const key = `${userId}\u0000${createHash("sha256").update(cookie).digest("base64url")}\u0000${url.pathname}${url.search}`;
      const before = version();
      const hit = entries.get(key);
      if (hit && hit.version === before && Date.now() - hit.at < ttlMs) {
        entries.delete(key);
        entries.set(key, hit);
        if (!/\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) return send(res, hit, "hit");
        if (!hit.gz) {
          hit.gz = gzipSync(hit.body);
          bytes += hit.gz.length;
        }
        return send(res, { ...hit, body: hit.gz }, "hit", [], true);
      }
      const started = Date.now();
      const response = await opts.render(request, req.ip ?? req.socket.remoteAddress ?? "unknown");
      const setCookies = response.headers.getSetCookie();
      // Only plain successful pages and route data with no cookie to set are kept. Anything else
      // (files, streamed exports, errors) goes straight through, streamed, never buffered here.
      const type = response.headers.get("content-type") ?? "";
      if (!/^(text\/html|application\/json)\b/.test(type) || response.status !== 200 || setCookies.length > 0) {
        drop(key);
        res.setHeader("x-amanah-page-cache", "miss");
        return sendResponse(res, response);
      }
      const body = Buffer.from(await response.arrayBuffer());
      const kept: [string, string][] = [];
      response.headers.forEach((v, k) => {
        if (k !== "set-cookie" && !HOP_HEADERS.has(k)) kept.push([k, v]);
      });
      const entry: Entry = { version: before, at: started, status: response.status, headers: kept, body };
      // Rendered from one unchanged snapshot only. Files (report PDFs) are re-read and re-verified
      // against their hash every time (they took the streamed path above).
      if (version() === before) store(key, entry);
      else drop(key);
      send(res, entry, "miss", setCookies);
    })().catch(next);
  };

  return {
    middleware,
    close: () => watcher.close(),
  };
}
