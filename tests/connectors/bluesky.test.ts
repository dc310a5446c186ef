/**
 * Bluesky as the real AppView serves it: every sandbox answer validates against the official
 * Lexicon schemas, and the connector survives the hard cases (image-only posts, link facets over
 * Arabic text, cards, quotes, replies, reposts, pins, a device clock days fast, and accounts taken
 * down, deactivated, deleted or renamed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { blueskyPostText, expandLinkFacets } from "../../connectors/bluesky/text";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { DAY, type SandboxAccount } from "../../connectors/sandbox/world";
import { NotFound, type NormalizedPost } from "../../connectors/types";
import { connectorFor, ref, truthFor } from "./helpers";
import { LexiconSet } from "./lexicon";

const lex = new LexiconSet("/work/shared/reference/bluesky-lexicons");

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 12, seed: "bluesky-hard" });
});
afterAll(() => sb.close());

const rich = () => sb.world.accounts.filter((a) => a.platform === "bluesky" && a.quirks.richPosts);
const inState = (state: SandboxAccount["state"]) => sb.world.accounts.find((a) => a.platform === "bluesky" && a.state === state)!;

async function xrpc(method: string, params: Record<string, string | string[]>) {
  const u = new URL(`${sb.baseUrls.bluesky}/xrpc/${method}`);
  for (const [k, v] of Object.entries(params)) for (const x of [v].flat()) u.searchParams.append(k, x);
  const r = await fetch(u);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
}

type Json = Record<string, unknown>;

/** Every `$type` in a document, and every post record / quoted record value (schema "unknown" in views). */
function collect(node: unknown, types: Set<string>, records: unknown[]): void {
  if (Array.isArray(node)) return node.forEach((n) => collect(n, types, records));
  if (!node || typeof node !== "object") return;
  const o = node as Json;
  if (typeof o.$type === "string") types.add(o.$type);
  if (typeof o.uri === "string" && o.uri.includes("/app.bsky.feed.post/")) {
    if (o.record && typeof o.record === "object" && "createdAt" in (o.record as Json)) records.push(o.record);
    if (o.value && typeof o.value === "object") records.push(o.value);
  }
  for (const v of Object.values(o)) collect(v, types, records);
}

function expectValid(ref: string, body: unknown) {
  expect(lex.errors(ref, body), `${ref}: ${JSON.stringify(body).slice(0, 300)}`).toEqual([]);
  const types = new Set<string>();
  const records: unknown[] = [];
  collect(body, types, records);
  for (const t of types) if (t !== "blob") expect(lex.has(t), `$type ${t} is not in the reference Lexicons`).toBe(true);
  for (const r of records) expect(lex.errors("app.bsky.feed.post", r), JSON.stringify(r)).toEqual([]);
  return types;
}

describe("sandbox answers validate against the Bluesky Lexicons", () => {
  it("the validator itself rejects what the schemas forbid", () => {
    expect(lex.errors("app.bsky.feed.defs#postView", { uri: "at://did:plc:abc/app.bsky.feed.post/3lb2xkqz7sk2c", author: { did: "did:plc:abc", handle: "a.example" }, record: {}, indexedAt: "2026-01-01T00:00:00.000Z" })).not.toEqual([]);
    expect(lex.errors("app.bsky.feed.post", { $type: "app.bsky.feed.post", text: "x".repeat(301), createdAt: "2026-01-01T00:00:00.000Z" })).not.toEqual([]);
    expect(lex.errors("app.bsky.feed.post", { $type: "app.bsky.feed.post", text: "hi", createdAt: "2026-01-01 00:00" })).not.toEqual([]);
    expect(lex.errors("app.bsky.feed.post", { $type: "app.bsky.feed.post", text: "", createdAt: "2026-01-01T00:00:00Z", embed: { $type: "app.bsky.embed.images", images: [{ image: {} }] } })).not.toEqual([]);
  });

  it("every page of a rich author feed (with and without pins), getPosts and getProfile", async () => {
    const seen = new Set<string>();
    for (const a of rich()) {
      for (const includePins of ["false", "true"]) {
        let cursor: string | undefined;
        for (let i = 0; i < 50; i++) {
          const r = await xrpc("app.bsky.feed.getAuthorFeed", { actor: a.apiId, limit: "17", includePins, ...(cursor ? { cursor } : {}) });
          expect(r.status).toBe(200);
          for (const t of expectValid("app.bsky.feed.getAuthorFeed", r.body)) seen.add(t);
          cursor = r.body.cursor as string | undefined;
          if (!cursor) break;
        }
      }
      const uris = sb.world.live(a, sb.clock.now()).slice(0, 25).map((v) => v.id);
      const posts = await xrpc("app.bsky.feed.getPosts", { uris });
      expectValid("app.bsky.feed.getPosts", posts.body);
      expect((posts.body.posts as unknown[]).length).toBe(uris.length);
      const prof = await xrpc("app.bsky.actor.getProfile", { actor: a.handle });
      expectValid("app.bsky.actor.getProfile", prof.body);
      expect(prof.body.pinnedPost).toBeDefined();
    }
    // Every hard case is on the wire.
    for (const t of [
      "app.bsky.feed.defs#reasonRepost",
      "app.bsky.feed.defs#reasonPin",
      "app.bsky.feed.defs#postView",
      "app.bsky.embed.images",
      "app.bsky.embed.images#view",
      "app.bsky.embed.external#view",
      "app.bsky.embed.record#view",
      "app.bsky.embed.record#viewRecord",
      "app.bsky.embed.recordWithMedia#view",
      "app.bsky.richtext.facet#link",
      "app.bsky.richtext.facet#tag",
    ]) {
      expect(seen.has(t), t).toBe(true);
    }
    const posts = rich().flatMap((a) => sb.world.postsUntil(a, sb.clock.now()));
    expect(posts.some((p) => p.bsky && p.bsky.recordText === "" && p.bsky.images)).toBe(true);
    expect(posts.some((p) => p.bsky && p.bsky.createdAt > p.publishedAt + DAY)).toBe(true);
    expect(posts.some((p) => p.bsky?.replyTo)).toBe(true);
  });

  it("every account's profile and feed, and the XRPC error bodies", async () => {
    // Every servable account: its profile (by handle and by DID) and its first feed page.
    for (const a of sb.world.accounts.filter((x) => x.platform === "bluesky" && (x.state === "active" || x.state === "renamed"))) {
      expectValid("app.bsky.actor.getProfile", (await xrpc("app.bsky.actor.getProfile", { actor: a.currentHandle })).body);
      expectValid("app.bsky.actor.getProfile", (await xrpc("app.bsky.actor.getProfile", { actor: a.apiId })).body);
      expectValid("app.bsky.feed.getAuthorFeed", (await xrpc("app.bsky.feed.getAuthorFeed", { actor: a.apiId, limit: "100" })).body);
    }
    for (const [state, feed, profile] of [
      ["suspended", "Profile not found", "AccountTakedown"],
      ["deactivated", "Profile not found", "AccountDeactivated"],
      ["deleted", "Profile not found", "InvalidRequest"],
    ] as const) {
      const a = inState(state);
      const f = await xrpc("app.bsky.feed.getAuthorFeed", { actor: a.apiId });
      expect([f.status, f.body.error, f.body.message]).toEqual([400, "InvalidRequest", feed]);
      const p = await xrpc("app.bsky.actor.getProfile", { actor: a.apiId });
      expect([p.status, p.body.error]).toEqual([400, profile]);
    }
  });
});

describe("text for scoring is what the post shows", () => {
  const at = "2026-11-01T05:00:00.000Z";
  it("link facets (UTF-8 byte offsets over Arabic) show their full URL; words keep theirs", () => {
    const head = "أعلنت الوزارة عن الخدمة الجديدة ";
    const display = "iga.gov.bh/ar/news/20...";
    const uri = "https://www.iga.gov.bh/ar/news/2026/11/new-service";
    const text = `${head}${display} #البحرين`;
    const start = Buffer.byteLength(head);
    const facets = [
      { index: { byteStart: start, byteEnd: start + Buffer.byteLength(display) }, features: [{ $type: "app.bsky.richtext.facet#link", uri }] },
      { index: { byteStart: start + Buffer.byteLength(display) + 1, byteEnd: Buffer.byteLength(text) }, features: [{ $type: "app.bsky.richtext.facet#tag", tag: "البحرين" }] },
    ];
    expect(blueskyPostText({ text, facets })).toBe("أعلنت الوزارة عن الخدمة الجديدة https://www.iga.gov.bh/ar/news/2026/11/new-service #البحرين");
    const words = "التفاصيل هنا";
    expect(expandLinkFacets(words, [{ index: { byteStart: 0, byteEnd: Buffer.byteLength(words) }, features: [{ $type: "app.bsky.richtext.facet#link", uri }] }])).toBe(`التفاصيل هنا (${uri})`);
    // Facets clients got wrong are ignored, never a crash: out of range, cutting a character, overlapping.
    expect(expandLinkFacets("مرحبا", [{ index: { byteStart: 0, byteEnd: 99 }, features: [{ $type: "app.bsky.richtext.facet#link", uri }] }])).toBe("مرحبا");
    expect(expandLinkFacets("مرحبا", [{ index: { byteStart: 1, byteEnd: 4 }, features: [{ $type: "app.bsky.richtext.facet#link", uri }] }])).toBe("مرحبا");
  });

  it("an image-only post is its alt texts; cards, videos and quotes are shown and marked", () => {
    const images = { $type: "app.bsky.embed.images#view", images: [{ thumb: "https://t", fullsize: "https://f", alt: "صورة لبيان الوزارة" }, { thumb: "https://t", fullsize: "https://f", alt: "" }] };
    expect(blueskyPostText({ text: "" }, images)).toBe("🖼 صورة لبيان الوزارة\n🖼");
    // Without a hydrated view, the record's own embed still has the alt text.
    expect(blueskyPostText({ text: "", embed: { $type: "app.bsky.embed.images", images: [{ alt: "alt from the record", image: {} }] } })).toBe("🖼 alt from the record");
    expect(blueskyPostText({ text: "" }, { $type: "app.bsky.embed.video#view", cid: "bafyrei", playlist: "https://v" })).toBe("🎬");
    const card = { $type: "app.bsky.embed.external#view", external: { uri: "https://www.bna.bh/x", title: "العنوان", description: "الوصف" } };
    expect(blueskyPostText({ text: "خبر" }, card)).toBe("خبر\n\n🔗 https://www.bna.bh/x\nالعنوان\nالوصف");
    const quoted = { $type: "app.bsky.embed.record#viewRecord", uri: "at://did:plc:x/app.bsky.feed.post/3lb2xkqz7sk2c", cid: "bafyrei", author: { did: "did:plc:x", handle: "x.example" }, value: { text: "سطر أول\n\nسطر ثان", createdAt: at }, indexedAt: at };
    expect(blueskyPostText({ text: "تعليقي" }, { $type: "app.bsky.embed.record#view", record: quoted })).toBe("تعليقي\n\n> سطر أول\n>\n> سطر ثان");
    const withMedia = { $type: "app.bsky.embed.recordWithMedia#view", record: { record: quoted }, media: images };
    expect(blueskyPostText({ text: "" }, withMedia)).toBe("🖼 صورة لبيان الوزارة\n🖼\n\n> سطر أول\n>\n> سطر ثان");
    // A quote the AppView cannot show adds nothing.
    expect(blueskyPostText({ text: "نص" }, { $type: "app.bsky.embed.record#view", record: { $type: "app.bsky.embed.record#viewNotFound", uri: "at://x", notFound: true } })).toBe("نص");
  });
});

describe("the connector on the hard cases", () => {
  it("stores exactly the truth: own posts and replies with what they show, no reposts", async () => {
    for (const a of rich()) {
      const c = connectorFor(sb, "bluesky", { pageSize: 9 });
      const r = await c.fetchPostsSince(ref(a), null);
      const truth = (await truthFor(sb, a)).filter((t) => t.status !== "deleted");
      expect(new Map(r.posts.map((p) => [p.platformPostId, p.text]))).toEqual(new Map(truth.map((t) => [t.id, t.text])));
      for (const p of r.posts) {
        expect(p.platformPostId.startsWith(`at://${a.apiId}/`)).toBe(true);
        expect(p.publishedAt.getTime()).toBeLessThanOrEqual(sb.clock.now());
        expect(p.text.length).toBeGreaterThan(0);
      }
      const again = await c.lookupPosts(ref(a), r.posts.slice(0, 25).map((p) => p.platformPostId));
      for (const p of r.posts.slice(0, 25)) expect(again.get(p.platformPostId)?.text).toBe(p.text);
    }
  });

  it("a post from a device clock days fast does not hide the posts after it", async () => {
    const a = rich()[0];
    const t0 = sb.clock.now();
    const later = sb.world.postsUntil(a, t0 + 60 * DAY);
    const fast = later.find((p, i) => p.publishedAt > t0 && p.bsky!.createdAt > p.publishedAt + DAY && later.slice(i + 1).some((q) => q.publishedAt < p.publishedAt + DAY && q.deletedAt === null))!;
    expect(fast).toBeDefined();
    try {
      sb.clock.set(fast.publishedAt + 60_000);
      const c = connectorFor(sb, "bluesky");
      const first = await c.fetchPostsSince(ref(a), null);
      expect(first.posts.map((p) => p.platformPostId)).toContain(fast.id);
      expect(first.posts.find((p) => p.platformPostId === fast.id)!.publishedAt.getTime()).toBeLessThanOrEqual(sb.clock.now());
      sb.clock.advance(DAY);
      const second = await c.fetchPostsSince(ref(a), first.cursor);
      const expected = sb.world.live(a, sb.clock.now()).filter((v) => v.post.publishedAt > fast.publishedAt + 60_000);
      expect(expected.length).toBeGreaterThan(0);
      expect(second.posts.map((p) => p.platformPostId).sort()).toEqual(expected.map((v) => v.id).sort());
    } finally {
      sb.clock.set(t0);
    }
  });

  it("a cursor left in the future by a client clock is not trusted", async () => {
    const a = rich()[0];
    const poisoned = JSON.stringify({ t: sb.clock.now() + 2 * DAY, ids: ["at://x"] });
    const r = await connectorFor(sb, "bluesky").fetchPostsSince(ref(a), poisoned);
    expect(r.posts.length).toBe(sb.world.live(a, sb.clock.now()).length);
  });

  it("pins (sent with includePins) are neither lost, doubled, nor where paging stops", async () => {
    const withPins: typeof fetch = (input, init) => {
      const u = new URL(String(input));
      if (u.pathname.endsWith("getAuthorFeed")) u.searchParams.set("includePins", "true");
      return fetch(u, init);
    };
    for (const a of rich()) {
      const c = connectorFor(sb, "bluesky", { pageSize: 5, fetch: withPins });
      const pages: NormalizedPost[][] = [];
      const r = await c.fetchPostsSince(ref(a), null, { onPage: (p) => void pages.push(p.posts) });
      const ids = r.posts.map((p) => p.platformPostId);
      expect(new Set(ids).size).toBe(ids.length);
      // The first page led with the pin (the oldest post) and paging still went on to the end.
      expect(ids.sort()).toEqual(sb.world.live(a, sb.clock.now()).map((v) => v.id).sort());
      expect(pages[0][0].platformPostId).toBe(sb.world.live(a, sb.clock.now()).at(-1)!.id);
      const again = await c.fetchPostsSince(ref(a), r.cursor);
      expect(again.posts).toEqual([]);
    }
  });

  it("taken down, deactivated, deleted and renamed accounts are told apart", async () => {
    const c = connectorFor(sb, "bluesky");
    const reasonOf = async (p: Promise<unknown>) => {
      const e = await p.catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NotFound);
      return [(e as NotFound).reason, (e as NotFound).currentHandle];
    };
    for (const [state, reason] of [
      ["suspended", "suspended"],
      ["deactivated", "deactivated"],
      ["deleted", "deleted"],
    ] as const) {
      const a = inState(state);
      expect(await reasonOf(c.lookupProfile(ref(a)))).toEqual([reason, null]);
      // The feed only says "Profile not found": the connector asks the profile why.
      expect(await reasonOf(c.fetchPostsSince(ref(a), null))).toEqual([reason, null]);
    }
    const ren = inState("renamed");
    expect(await reasonOf(c.lookupProfile(ref(ren)))).toEqual(["renamed", ren.currentHandle]);
    // Without a known DID a vanished handle stays unknown.
    expect(await reasonOf(c.lookupProfile({ platform: "bluesky", handle: ren.handle }))).toEqual(["unknown", null]);
  });
});
