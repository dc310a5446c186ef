/**
 * The RSS cursor remembers which items were fetched, not the newest date: items dated in the
 * future, added later with older dates or without dates are all fetched exactly once. Paged feeds
 * (RFC 5005 rel="next") are followed on the feed's own host only, and never in circles.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NormalizedPost } from "../../connectors/types";
import { feedConnector, feedRef, startFeedServer, type FeedServer, type Reply } from "./rss-helpers";

const NOW = Date.UTC(2026, 7, 20, 12, 0, 0);
const HOUR = 3_600_000;

interface Item {
  id: string;
  date?: number;
}

function rssDoc(items: Item[], next?: string): string {
  const entries = items
    .map((it) => `<item><title>Item ${it.id}</title><link>https://site.example/${it.id}</link><guid>${it.id}</guid>${it.date === undefined ? "" : `<pubDate>${new Date(it.date).toUTCString()}</pubDate>`}</item>`)
    .join("\n");
  const nextLink = next ? `<atom:link rel="next" href="${next}"/>` : "";
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>Paged</title><link>https://site.example/</link>${nextLink}
${entries}
</channel></rss>`;
}

let srv: FeedServer;
beforeAll(async () => {
  srv = await startFeedServer();
});
afterAll(() => srv.close());

const ids = (posts: NormalizedPost[]) => posts.map((p) => p.platformPostId).sort();

/** Serves `items` at `path`, replaceable between fetches. */
function serve(path: string, items: Item[], next?: string) {
  srv.route(path, { body: rssDoc(items, next), headers: { "content-type": "application/rss+xml" } });
}

describe("what counts as new", () => {
  it("an item dated in the future does not hide the items published after it", async () => {
    const c = feedConnector(srv, NOW);
    serve("/future", [{ id: "ahead", date: NOW + 400 * 24 * HOUR }, { id: "b", date: NOW - 2 * HOUR }]);
    const first = await c.fetchPostsSince(feedRef("/future"), null);
    expect(ids(first.posts)).toEqual(["ahead", "b"]);
    // A date a year ahead is no publish time: first-seen, marked.
    const ahead = first.posts.find((p) => p.platformPostId === "ahead")!;
    expect(ahead.publishedAt.getTime()).toBe(NOW);
    expect((ahead.raw as Record<string, { reason: string }>)["amanah:publishedAt"].reason).toBe("future");
    serve("/future", [{ id: "c", date: NOW - HOUR }, { id: "ahead", date: NOW + 400 * 24 * HOUR }, { id: "b", date: NOW - 2 * HOUR }]);
    const second = await c.fetchPostsSince(feedRef("/future"), first.cursor);
    expect(ids(second.posts)).toEqual(["c"]);
  });

  it("an item added later with an older date is fetched", async () => {
    const c = feedConnector(srv, NOW);
    serve("/backdated", [{ id: "x", date: NOW - 4 * 24 * HOUR }]);
    const first = await c.fetchPostsSince(feedRef("/backdated"), null);
    expect(ids(first.posts)).toEqual(["x"]);
    serve("/backdated", [{ id: "x", date: NOW - 4 * 24 * HOUR }, { id: "y", date: NOW - 10 * 24 * HOUR }]);
    const second = await c.fetchPostsSince(feedRef("/backdated"), first.cursor);
    expect(ids(second.posts)).toEqual(["y"]);
    const third = await c.fetchPostsSince(feedRef("/backdated"), second.cursor);
    expect(third.posts).toEqual([]);
  });

  it("items without a date are fetched once each", async () => {
    const c = feedConnector(srv, NOW);
    serve("/undated", [{ id: "u1" }, { id: "d1", date: NOW - HOUR }]);
    const first = await c.fetchPostsSince(feedRef("/undated"), null);
    expect(ids(first.posts)).toEqual(["d1", "u1"]);
    serve("/undated", [{ id: "u2" }, { id: "u1" }, { id: "d1", date: NOW - HOUR }]);
    const second = await c.fetchPostsSince(feedRef("/undated"), first.cursor);
    expect(ids(second.posts)).toEqual(["u2"]);
    const third = await c.fetchPostsSince(feedRef("/undated"), second.cursor);
    expect(third.posts).toEqual([]);
  });

  it("304 Not Modified returns nothing and keeps the cursor", async () => {
    const body = rssDoc([{ id: "e1", date: NOW - HOUR }]);
    const seen: (string | undefined)[] = [];
    srv.route("/etag", (req): Reply => {
      seen.push(req.headers["if-none-match"] as string | undefined);
      return req.headers["if-none-match"] === '"v1"' ? { status: 304, body: "", headers: { etag: '"v1"' } } : { body, headers: { "content-type": "application/rss+xml", etag: '"v1"' } };
    });
    const c = feedConnector(srv, NOW);
    const first = await c.fetchPostsSince(feedRef("/etag"), null);
    expect(ids(first.posts)).toEqual(["e1"]);
    const second = await c.fetchPostsSince(feedRef("/etag"), first.cursor);
    expect(second).toEqual({ posts: [], cursor: first.cursor });
    expect(seen).toEqual([undefined, '"v1"']);
  });

  it("a cursor written by the date watermark is honoured once, then replaced", async () => {
    const c = feedConnector(srv, NOW);
    const t = NOW - 24 * HOUR;
    serve("/legacy", [{ id: "new", date: t + HOUR }, { id: "same-instant-seen", date: t }, { id: "old", date: t - HOUR }, { id: "undated" }]);
    const legacy = JSON.stringify({ t, ids: ["same-instant-seen"] });
    const first = await c.fetchPostsSince(feedRef("/legacy"), legacy);
    expect(ids(first.posts)).toEqual(["new", "undated"]);
    expect(JSON.parse(first.cursor!)).toMatchObject({ v: 2 });
    expect((await c.fetchPostsSince(feedRef("/legacy"), first.cursor)).posts).toEqual([]);
  });

  it("the cursor stays bounded: the current feed plus up to 1000 earlier ids, 12 characters each", async () => {
    const c = feedConnector(srv, NOW);
    const many = Array.from({ length: 1500 }, (_, i) => ({ id: `https://site.example/a/very/long/path/to/news/item-${i}`, date: NOW - i * 1000 }));
    serve("/big", many);
    const first = await c.fetchPostsSince(feedRef("/big"), null);
    expect(first.posts).toHaveLength(1500);
    expect(JSON.parse(first.cursor!).seen).toHaveLength(1500);
    serve("/big", many.slice(0, 20));
    const second = await c.fetchPostsSince(feedRef("/big"), first.cursor);
    expect(second.posts).toEqual([]);
    const kept = JSON.parse(second.cursor!).seen as string[];
    expect(kept).toHaveLength(1000);
    expect(second.cursor!.length).toBeLessThan(16_000);
  });
});

describe("paged feeds (rel=next)", () => {
  it("follows next pages on the feed's own host, never another site", async () => {
    serve("/p1/1", [{ id: "a1", date: NOW - HOUR }, { id: "a2", date: NOW - 2 * HOUR }], "2");
    serve("/p1/2", [{ id: "b1", date: NOW - 3 * HOUR }, { id: "b2", date: NOW - 4 * HOUR }], "https://elsewhere.example/p1/3");
    serve("/p1/3", [{ id: "c1", date: NOW - 5 * HOUR }]);
    const mark = srv.hits.length;
    const r = await feedConnector(srv, NOW).fetchPostsSince(feedRef("/p1/1"), null);
    expect(ids(r.posts)).toEqual(["a1", "a2", "b1", "b2"]);
    expect(srv.hits.slice(mark)).toEqual(["/p1/1", "/p1/2"]);
  });

  it("never goes round in circles", async () => {
    serve("/p2/1", [{ id: "a1", date: NOW - HOUR }], "2");
    serve("/p2/2", [{ id: "b1", date: NOW - 2 * HOUR }], "1");
    const mark = srv.hits.length;
    const r = await feedConnector(srv, NOW, { maxPages: 20 }).fetchPostsSince(feedRef("/p2/1"), null);
    expect(r.posts.map((p) => p.platformPostId)).toEqual(["a1", "b1"]);
    expect(srv.hits.slice(mark)).toEqual(["/p2/1", "/p2/2"]);
  });

  it("stops at the first page that holds an item already fetched", async () => {
    serve("/p3/1", [{ id: "a1", date: NOW - HOUR }], "2");
    serve("/p3/2", [{ id: "b1", date: NOW - 2 * HOUR }]);
    const c = feedConnector(srv, NOW);
    const first = await c.fetchPostsSince(feedRef("/p3/1"), null);
    expect(ids(first.posts)).toEqual(["a1", "b1"]);
    serve("/p3/1", [{ id: "n1", date: NOW - 0.5 * HOUR }, { id: "a1", date: NOW - HOUR }], "2");
    const mark = srv.hits.length;
    const second = await c.fetchPostsSince(feedRef("/p3/1"), first.cursor);
    expect(ids(second.posts)).toEqual(["n1"]);
    expect(srv.hits.slice(mark)).toEqual(["/p3/1"]);
  });
});
