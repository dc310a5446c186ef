/**
 * A `fetch` for URLs third parties choose (RSS feeds; webhooks later): every hop (the URL and each
 * redirect) passes checkOutboundUrl, and the socket connects only to the addresses that check
 * resolved and approved (a pinned DNS look-up), so a second, rebound DNS answer cannot redirect
 * the connection to an internal address. GET only; gzip/deflate/br bodies are decompressed.
 */
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { LookupAddress, LookupOptions } from "node:dns";
import { Readable, pipeline } from "node:stream";
import zlib from "node:zlib";
import { checkOutboundUrl, OutboundRefused, type OutboundPolicy, type ResolvedAddress } from "./net-guard";

export interface GuardedFetchOptions {
  /** Redirect hops followed (each one checked); default 5. */
  maxRedirects?: number;
  userAgent?: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([204, 205, 304]);
export const DEFAULT_USER_AGENT = "Mozilla/5.0 (compatible; AmanahFeedReader/1.0)";

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A DNS look-up that answers only with the addresses already checked. */
export function pinnedLookup(addresses: ResolvedAddress[]) {
  return (_host: string, options: LookupOptions | number, cb: LookupCallback): void => {
    const o = typeof options === "number" ? { family: options } : options;
    const wanted = o.family === 4 || o.family === 6 ? addresses.filter((a) => a.family === o.family) : addresses;
    const list = wanted.length ? wanted : addresses;
    if (o.all) cb(null, list.map((a) => ({ address: a.address, family: a.family })));
    else cb(null, list[0].address, list[0].family);
  };
}

export function guardedFetch(policy: OutboundPolicy, opts: GuardedFetchOptions = {}): typeof fetch {
  const maxRedirects = opts.maxRedirects ?? 5;
  const impl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    if ((init.method ?? "GET").toUpperCase() !== "GET") throw new TypeError("guardedFetch sends GET requests only");
    let url = new URL(input instanceof Request ? input.url : String(input));
    const headers = new Headers(init.headers);
    if (!headers.has("user-agent")) headers.set("user-agent", opts.userAgent ?? DEFAULT_USER_AGENT);
    if (!headers.has("accept-encoding")) headers.set("accept-encoding", "gzip, deflate, br");
    const signal = init.signal ?? undefined;
    for (let hop = 0; ; hop++) {
      const check = await checkOutboundUrl(url, policy, { signal });
      const where = hop ? `redirect ${hop} to ${url.origin}` : url.origin;
      if (!check.ok) {
        // A failed look-up is a network failure (retryable), not a refusal.
        if (check.reason === "unresolvable") throw Object.assign(new Error(check.message), { code: "ENOTFOUND" });
        throw new OutboundRefused(check.reason, `${where}: ${check.message}`);
      }
      const res = await send(url, headers, check.trusted ? null : check.addresses, signal);
      const location = res.headers.location;
      if (REDIRECTS.has(res.statusCode ?? 0) && location) {
        res.resume();
        if (hop >= maxRedirects) throw new OutboundRefused("too-many-redirects", `more than ${maxRedirects} redirects (last: ${url.origin})`);
        const next = new URL(location, url);
        if (next.origin !== url.origin) {
          headers.delete("authorization");
          headers.delete("cookie");
        }
        url = next;
        continue;
      }
      return toResponse(res, url);
    }
  };
  return impl as typeof fetch;
}

function send(url: URL, headers: Headers, pinned: ResolvedAddress[] | null, signal: AbortSignal | undefined): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const mod = url.protocol === "https:" ? https : http;
    // agent: false — no pooled socket from an earlier, differently checked request is reused.
    const req = mod.request(
      url,
      { method: "GET", headers: Object.fromEntries(headers.entries()), signal, agent: false, lookup: pinned?.length ? pinnedLookup(pinned) : undefined },
      resolve,
    );
    req.on("error", reject);
    req.end();
  });
}

function toResponse(res: IncomingMessage, url: URL): Response {
  const status = res.statusCode ?? 0;
  if (status < 200 || status > 599) {
    res.destroy();
    throw new Error(`invalid HTTP status ${status}`);
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(res.headers)) {
    if (v === undefined) continue;
    for (const x of Array.isArray(v) ? v : [v]) headers.append(k, x);
  }
  let body: ReadableStream<Uint8Array> | null = null;
  if (NULL_BODY.has(status)) res.resume();
  else body = Readable.toWeb(decompress(res)) as ReadableStream<Uint8Array>;
  const out = new Response(body, { status, statusText: res.statusMessage ?? "", headers });
  Object.defineProperty(out, "url", { value: url.toString() });
  return out;
}

function decompress(res: IncomingMessage): Readable {
  const enc = String(res.headers["content-encoding"] ?? "").trim().toLowerCase();
  const z = enc === "gzip" || enc === "x-gzip" ? zlib.createGunzip() : enc === "deflate" ? zlib.createInflate() : enc === "br" ? zlib.createBrotliDecompress() : null;
  if (!z) return res;
  pipeline(res, z, () => undefined); // errors surface on the decompressed stream
  return z;
}
