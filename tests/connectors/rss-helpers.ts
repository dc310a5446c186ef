/**
 * A feed server for the RSS tests (real HTTP on 127.0.0.1): fixture files from tests/fixtures/rss
 * under /f/<name>?ct=<content type> ("none" sends no Content-Type), plus routes a test sets and
 * changes between fetches. Every request path is logged.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createConnector } from "../../connectors";
import type { AccountRef, Connector } from "../../connectors/types";

export const FIXTURES = fileURLToPath(new URL("../fixtures/rss", import.meta.url));

export const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body: string | Buffer;
}

export interface FeedServer {
  base: string;
  hits: string[];
  requests: IncomingMessage[];
  route(path: string, reply: Reply | ((req: IncomingMessage) => Reply)): void;
  close(): Promise<void>;
}

export async function startFeedServer(): Promise<FeedServer> {
  const routes = new Map<string, Reply | ((req: IncomingMessage) => Reply)>();
  const hits: string[] = [];
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(url.pathname + url.search);
    requests.push(req);
    let reply: Reply | undefined;
    const r = routes.get(url.pathname);
    if (r) reply = typeof r === "function" ? r(req) : r;
    else if (url.pathname.startsWith("/f/")) {
      try {
        const ct = url.searchParams.get("ct") ?? "application/rss+xml";
        reply = { body: fixture(url.pathname.slice(3)), headers: ct === "none" ? {} : { "content-type": ct } };
      } catch {
        reply = undefined;
      }
    }
    if (!reply) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const body = typeof reply.body === "string" ? Buffer.from(reply.body, "utf8") : reply.body;
    res.writeHead(reply.status ?? 200, { "content-length": String(body.length), ...reply.headers });
    res.end(body);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    requests,
    route: (path, reply) => void routes.set(path, reply),
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A connector reaching the server through baseUrl: https://feeds.example/<path> → <base>/<path>. */
export function feedConnector(srv: FeedServer, now: number, extra: Record<string, unknown> = {}): Connector {
  return createConnector("rss", { baseUrl: srv.base, timeoutMs: 3000, now: () => now, ...extra });
}

export const feedRef = (path: string): AccountRef => ({ platform: "rss", handle: `https://feeds.example${path}` });

/** The public handle of a fixture served with a content type. */
export const fixtureRef = (name: string, ct = "application/rss+xml"): AccountRef => feedRef(`/f/${name}?ct=${encodeURIComponent(ct)}`);
