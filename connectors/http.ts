/**
 * The one HTTP helper every connector uses: plain fetch with a timeout, a body-size cap and strict
 * decoding, so that every way a response can be broken becomes a typed ConnectorError instead of a
 * crash or a hang. Status codes are NOT interpreted here: each platform maps its own error bodies.
 */
import { BadResponse, ConnectorError, Transient, type Platform } from "./types";
import { redact, truncateSample } from "./redact";

export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 5 * 1024 * 1024;

export interface HttpOptions {
  platform: Platform;
  headers?: Record<string, string>;
  timeoutMs?: number;
  maxBytes?: number;
  fetch?: typeof fetch;
  signal?: AbortSignal;
  /** Values to scrub from any message or sample (tokens, keys). */
  secrets?: string[];
  /**
   * Keep the body's bytes (`bytes`) and skip the strict UTF-8 check, for callers that decode by a
   * declared charset themselves (RSS); `text` is then a lenient UTF-8 reading for error samples.
   */
  rawBody?: boolean;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Decoded UTF-8 body ("" for 304 / empty). */
  text: string;
  url: string;
  /** The body's bytes (only with `rawBody`). */
  bytes?: Uint8Array;
  /** The URL that answered, after redirects (redacted). */
  finalUrl?: string;
}

export async function httpGet(url: string, opts: HttpOptions): Promise<HttpResponse> {
  const { platform } = opts;
  const secrets = opts.secrets ?? [];
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  // One signal covers connect, headers and body, so a stalled body also times out.
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout;
  const doFetch = opts.fetch ?? fetch;
  const safeUrl = redact(url, secrets);

  let res: Response;
  try {
    res = await doFetch(url, { method: "GET", headers: opts.headers, signal, redirect: "follow" });
  } catch (err) {
    throw networkError(platform, err, `GET ${safeUrl}`, timeout, opts.signal, secrets);
  }

  const declared = Number(res.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new BadResponse(platform, `response of ${declared} bytes exceeds the ${maxBytes}-byte cap (${safeUrl})`, "");
  }

  const bytes = await readCapped(res, maxBytes, platform, safeUrl, timeout, opts.signal, secrets);
  if (Number.isFinite(declared) && bytes.byteLength < declared && res.headers.get("content-encoding") == null) {
    throw new Transient(platform, `truncated body: ${bytes.byteLength} of ${declared} bytes (${safeUrl})`);
  }

  const finalUrl = res.url ? redact(res.url, secrets) : safeUrl;
  if (opts.rawBody) {
    return { status: res.status, headers: res.headers, text: new TextDecoder("utf-8").decode(bytes), url: safeUrl, bytes, finalUrl };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new BadResponse(platform, `body is not valid UTF-8 (${safeUrl})`, truncateSample(latin1(bytes), secrets));
  }
  return { status: res.status, headers: res.headers, text, url: safeUrl, finalUrl };
}

async function readCapped(
  res: Response,
  maxBytes: number,
  platform: Platform,
  safeUrl: string,
  timeout: AbortSignal,
  caller: AbortSignal | undefined,
  secrets: string[],
): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        throw new BadResponse(platform, `response body exceeds the ${maxBytes}-byte cap (${safeUrl})`, "");
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ConnectorError) throw err;
    // The connection closed before the body was complete (cut body) or the timeout fired mid-body.
    throw networkError(platform, err, `reading body of ${safeUrl}`, timeout, caller, secrets);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

function networkError(
  platform: Platform,
  err: unknown,
  what: string,
  timeout: AbortSignal,
  caller: AbortSignal | undefined,
  secrets: string[],
): ConnectorError | Error {
  // A caller's own abort is not a platform failure: let it propagate as is.
  if (caller?.aborted && !timeout.aborted) return caller.reason instanceof Error ? caller.reason : new Error("aborted");
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  const detail = timeout.aborted ? "timed out" : `${e.cause?.code ?? e.name ?? "error"}: ${e.cause?.message ?? e.message ?? String(err)}`;
  return new Transient(platform, redact(`${what} failed: ${detail}`, secrets), { cause: err });
}

function latin1(bytes: Uint8Array): string {
  return Array.from(bytes.subarray(0, 500), (b) => String.fromCharCode(b)).join("");
}

/** Lower-cased media type without parameters. */
export function mediaType(res: HttpResponse): string {
  return (res.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}

export function looksLikeHtml(res: HttpResponse): boolean {
  const mt = mediaType(res);
  if (mt === "text/html" || mt === "application/xhtml+xml") return true;
  return /^\s*<(!doctype html|html)[\s>]/i.test(res.text.slice(0, 200));
}

/** Tolerant JSON parse for error bodies: undefined when it is not JSON. */
export function tryJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Strict JSON body of a successful response: JSON content type, not HTML, parseable.
 * Each failure is a BadResponse with a redacted sample.
 */
export function parseJsonBody(platform: Platform, res: HttpResponse, secrets: string[] = []): unknown {
  if (looksLikeHtml(res)) {
    throw new BadResponse(platform, `HTML page instead of JSON (HTTP ${res.status}, ${res.url})`, truncateSample(res.text, secrets));
  }
  const mt = mediaType(res);
  // Google and Meta have served JSON as text/javascript in the past; accept it.
  if (!(mt === "application/json" || mt.endsWith("+json") || mt === "text/javascript")) {
    throw new BadResponse(platform, `unexpected content type "${mt || "none"}" (HTTP ${res.status}, ${res.url})`, truncateSample(res.text, secrets));
  }
  try {
    return JSON.parse(res.text);
  } catch (err) {
    throw new BadResponse(platform, `malformed JSON: ${(err as Error).message} (${res.url})`, truncateSample(res.text, secrets));
  }
}
