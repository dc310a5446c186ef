/**
 * The Remix handler's HTTP edge, as @remix-run/express does it but for the body: `fetchRequest`
 * turns an express request into a Fetch API Request (aborted when the client leaves before the
 * answer is sent), and `sendResponse` sends a Fetch API Response through express with back-pressure: the body is piped, so a producer
 * that pulls rows on demand (exports) is read only as fast as the client takes the bytes. (Remix's
 * own express adapter writes every chunk without waiting for the socket to drain, which would hold
 * a whole export in memory for a slow client.) A client that goes away cancels the body, which
 * releases what the producer holds; a producer that fails mid-way aborts the connection, so a
 * broken download never looks complete.
 */
import { createReadableStreamFromReadable } from "@remix-run/node";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

export async function sendResponse(res: ExpressResponse, response: Response): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (/text\/event-stream/i.test(response.headers.get("Content-Type") ?? "")) res.flushHeaders();
  if (!response.body) {
    res.end();
    return;
  }
  try {
    await pipeline(Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>), res);
  } catch (e) {
    // The client went away (nothing to tell it), or the body failed mid-stream: the connection is
    // already destroyed by pipeline; say what happened unless it was the client leaving.
    const code = (e as { code?: string }).code;
    if (code !== "ERR_STREAM_PREMATURE_CLOSE" && code !== "ECONNRESET" && code !== "ABORT_ERR") console.error(`response body failed: ${(e as Error).message}`);
  }
}

function fetchHeaders(raw: ExpressRequest["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(raw)) {
    if (Array.isArray(values)) for (const v of values) headers.append(key, v);
    else if (values) headers.set(key, values);
  }
  return headers;
}

/** The Fetch API Request of an express request (same URL rules as @remix-run/express). */
export function fetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname drops the port: take it from X-Forwarded-Host or Host.
  const portOf = (h: string | undefined) => Number.parseInt(h?.split(":")[1] ?? "", 10);
  const port = [portOf(req.get("X-Forwarded-Host")), portOf(req.get("host"))].find((p) => Number.isSafeInteger(p));
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`);
  let controller: AbortController | null = new AbortController();
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers: fetchHeaders(req.headers), signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions once the answer can no longer be sent (close without finish).
  res.on("finish", () => (controller = null));
  res.on("close", () => controller?.abort());
  return new Request(url.href, init);
}
