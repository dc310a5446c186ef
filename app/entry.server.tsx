/** Streams the HTML; bots get the full document at once (onAllReady), browsers at shell ready. */
import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { contentSecurityPolicy, newNonce } from "~/lib/csp.server";
import { NonceProvider } from "~/lib/nonce";

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  _loadContext: AppLoadContext,
) {
  const asJson = negotiatedJson(request, remixContext, responseStatusCode);
  if (asJson) return asJson;
  const bot = isbot(request.headers.get("user-agent") || "");
  const nonce = newNonce();
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [bot ? "onAllReady" : "onShellReady"]() {
          shellRendered = true;
          const body = new PassThrough();
          const stream = createReadableStreamFromReadable(body);
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          responseHeaders.set("X-Content-Type-Options", "nosniff");
          responseHeaders.set("Referrer-Policy", "same-origin");
          responseHeaders.set("X-Frame-Options", "DENY");
          responseHeaders.set("Content-Security-Policy", contentSecurityPolicy(nonce));
          resolve(new Response(stream, { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

/**
 * Content negotiation for document requests: a route whose `handle` has `json: true` (e.g.
 * /verify) answers `Accept: application/json` with its loader data as JSON instead of HTML.
 */
function negotiatedJson(request: Request, ctx: EntryContext, status: number): Response | null {
  const accept = (request.headers.get("Accept") ?? "").toLowerCase();
  if (!accept.includes("application/json") || accept.includes("text/html")) return null;
  const matches = ctx.staticHandlerContext.matches;
  const leaf = matches[matches.length - 1];
  if (!leaf) return null;
  const handle = ctx.routeModules[leaf.route.id]?.handle as { json?: boolean } | undefined;
  if (!handle?.json) return null;
  const data = ctx.staticHandlerContext.loaderData[leaf.route.id];
  if (data === undefined) return null;
  return new Response(JSON.stringify(data), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", Vary: "Accept" },
  });
}
