/**
 * Broken responses from a tiny local server: each must become a typed error, never a crash or a
 * hang. Covers malformed JSON, HTML error pages, truncated bodies, wrong content types, huge
 * bodies (capped), invalid UTF-8 and stalled responses (timeout).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "../../connectors";
import { httpGet, parseJsonBody } from "../../connectors/http";
import { BadResponse, Transient } from "../../connectors/types";

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path.startsWith("/malformed")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end('{"data": [1, 2,');
    }
    if (path.startsWith("/html")) {
      res.writeHead(200, { "content-type": "text/html" });
      return res.end("<!DOCTYPE html><html><body>Access token sekret-token-value rejected</body></html>");
    }
    if (path.startsWith("/html-as-json")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end("<html><body>Bad gateway</body></html>");
    }
    if (path.startsWith("/truncated")) {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"data":[');
      return setTimeout(() => res.destroy(), 5);
    }
    if (path.startsWith("/wrongtype")) {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end('{"data":[]}');
    }
    if (path.startsWith("/huge-declared")) {
      res.writeHead(200, { "content-type": "application/json", "content-length": String(10 * 1024 * 1024) });
      return res.end();
    }
    if (path.startsWith("/huge")) {
      res.writeHead(200, { "content-type": "application/json" }); // chunked, no length
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = () => {
        while (sent < 8 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once("drain", pump);
        }
        res.end();
      };
      res.on("error", () => undefined);
      return pump();
    }
    if (path.startsWith("/badutf8")) {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]));
    }
    if (path.startsWith("/stall")) {
      res.writeHead(200, { "content-type": "application/json" });
      res.write("{");
      return; // never ends
    }
    if (path.startsWith("/feed-html")) {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end("<html><body>Maintenance</body></html>");
    }
    if (path.startsWith("/feed-bad")) {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      return res.end("<rss><channel><item><title>x</item></channel>");
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((r) => {
      server.closeAllConnections();
      server.close(() => r());
    }),
);

const get = (path: string, o: { maxBytes?: number; timeoutMs?: number } = {}) =>
  httpGet(`${base}${path}`, { platform: "x", secrets: ["sekret-token-value"], timeoutMs: o.timeoutMs ?? 3000, maxBytes: o.maxBytes });

describe("http helper on broken responses", () => {
  it("malformed JSON → BadResponse with a sample", async () => {
    const r = await get("/malformed");
    const e = (() => {
      try {
        parseJsonBody("x", r);
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(BadResponse);
    expect((e as BadResponse).sample).toContain('{"data"');
  });
  it("HTML error pages → BadResponse, token redacted from the sample", async () => {
    for (const p of ["/html", "/html-as-json"]) {
      const r = await get(p);
      let err: unknown;
      try {
        parseJsonBody("x", r, ["sekret-token-value"]);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(BadResponse);
      expect((err as BadResponse).message).toMatch(/HTML/);
      expect((err as BadResponse).sample).not.toContain("sekret-token-value");
    }
  });
  it("truncated body → Transient", async () => {
    await expect(get("/truncated")).rejects.toBeInstanceOf(Transient);
  });
  it("wrong content type → BadResponse", async () => {
    const r = await get("/wrongtype");
    expect(() => parseJsonBody("x", r)).toThrow(BadResponse);
  });
  it("huge bodies are capped (declared and streamed) → BadResponse", async () => {
    await expect(get("/huge-declared")).rejects.toBeInstanceOf(BadResponse);
    await expect(get("/huge", { maxBytes: 1024 * 1024 })).rejects.toThrow(/cap/);
  });
  it("invalid UTF-8 → BadResponse", async () => {
    await expect(get("/badutf8")).rejects.toThrow(/UTF-8/);
  });
  it("a stalled body times out → Transient", async () => {
    await expect(get("/stall", { timeoutMs: 150 })).rejects.toBeInstanceOf(Transient);
  });
  it("connection refused → Transient", async () => {
    await expect(httpGet("http://127.0.0.1:1/", { platform: "rss", timeoutMs: 1000 })).rejects.toBeInstanceOf(Transient);
  });
});

describe("connectors on broken responses", () => {
  it("the RSS connector rejects an HTML page and malformed XML as BadResponse", async () => {
    const c = createConnector("rss", { baseUrl: base, timeoutMs: 2000 });
    await expect(c.fetchPostsSince({ platform: "rss", handle: "https://feeds.example/feed-html" }, null)).rejects.toBeInstanceOf(BadResponse);
    await expect(c.fetchPostsSince({ platform: "rss", handle: "https://feeds.example/feed-bad" }, null)).rejects.toBeInstanceOf(BadResponse);
  });
  it("the X connector turns malformed JSON into BadResponse", async () => {
    const c = createConnector("x", { baseUrl: `${base}/malformed`, credentials: { bearerToken: "sekret-token-value" }, timeoutMs: 2000 });
    const err = await c.lookupProfile({ platform: "x", handle: "someone" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect(String((err as BadResponse).message)).not.toContain("sekret-token-value");
  });
});
