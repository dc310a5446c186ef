/**
 * The RSS connector on feeds as real sites serve them (fixtures in tests/fixtures/rss, over real
 * HTTP): legacy and wide encodings, every RSS/Atom generation, lenient documents and content
 * types, hostile DOCTYPEs, and items with bad dates, no guid or repeated guids.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadResponse, type NormalizedPost } from "../../connectors/types";
import { feedConnector, feedRef, fixture, fixtureRef, startFeedServer, type FeedServer } from "./rss-helpers";

const NOW = Date.UTC(2026, 7, 20, 12, 0, 0);
let srv: FeedServer;
beforeAll(async () => {
  srv = await startFeedServer();
});
afterAll(() => srv.close());

async function fetchFeed(name: string, ct?: string): Promise<Map<string, NormalizedPost>> {
  const r = await feedConnector(srv, NOW).fetchPostsSince(fixtureRef(name, ct), null);
  return new Map(r.posts.map((p) => [p.platformPostId, p]));
}

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;
const marker = (p: NormalizedPost | undefined) => (p?.raw as Record<string, unknown> | undefined)?.["amanah:publishedAt"] as { reason: string; value: string | null } | undefined;

const AR_1 = "الوزير يستقبل وفداً إعلامياً\n\nاستقبل سعادة الوزير اليوم وفداً إعلامياً، وبحث معه سُبل التعاون.";
const AR_2 = "نسبة الرضا ٩٥٪ في استبيان الخدمات\n\nبلغت نسبة رضا المتعاملين ٩٥٪ — شكراً لكم 🇧🇭";
const ID_1 = "http://www.ministry.example.bh/ar/news.aspx?id=1001";
const ID_2 = "http://www.ministry.example.bh/ar/news.aspx?id=1002";

describe("encodings: HTTP charset, XML declaration, BOM, then UTF-8", () => {
  it.each([
    ["declared in HTTP and XML", "text/xml; charset=windows-1256"],
    ["declared only in the XML declaration", "application/rss+xml"],
    ["mislabelled by a Western server default (ISO-8859-1)", "text/xml; charset=ISO-8859-1"],
    ["mislabelled as UTF-8 by the server", "application/rss+xml; charset=utf-8"],
  ])("reads a windows-1256 Arabic feed %s", async (_what, ct) => {
    const posts = await fetchFeed("win1256.xml", ct);
    expect(posts.get(ID_1)?.text).toBe(AR_1);
    expect(posts.get(ID_2)?.text).toBe(AR_2);
    expect(iso(posts.get(ID_1)?.publishedAt)).toBe("2026-08-16T06:30:00.000Z");
    expect(posts.get(ID_1)?.lang).toBe("ar");
  });

  it("reads the windows-1256 channel for the profile", async () => {
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("win1256.xml", "text/xml; charset=windows-1256"));
    expect(prof.displayName).toBe("وزارة المثال - الأخبار");
    expect(prof.bio).toBe("آخر أخبار الوزارة");
  });

  it("reads ISO-8859-1", async () => {
    const posts = await fetchFeed("latin1.xml", "text/xml; charset=ISO-8859-1");
    const p = posts.get("http://www.autorite.example/actualites/reunion");
    expect(p?.text).toBe("Réunion du comité à 14h\n\nLe comité s'est réuni ; l'ordre du jour était chargé.");
    expect(iso(p?.publishedAt)).toBe("2026-08-16T12:00:00.000Z"); // 14:00 CEST
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("latin1.xml", "application/rss+xml"));
    expect(prof.displayName).toBe("Communiqués de l'Autorité");
    expect(prof.bio).toBe("Actualités — en français");
  });

  it.each(["application/atom+xml", "text/xml; charset=utf-8"])("reads UTF-16 with a BOM (served as %s)", async (ct) => {
    const posts = await fetchFeed("utf16le-bom.xml", ct);
    expect(posts.get("urn:example:utf16:1")?.text).toBe("خبر بترميز UTF-16\n\nنص الخبر 😀");
  });

  it("a UTF-8 BOM wins over a wrong HTTP charset", async () => {
    const posts = await fetchFeed("utf8-bom.xml", "text/xml; charset=ISO-8859-1");
    expect(posts.get(ID_1)?.text).toBe(AR_1);
  });

  it("reads UTF-32 with a BOM", async () => {
    const doc = `<?xml version="1.0" encoding="UTF-32"?><rss version="2.0"><channel><title>٣٢</title><item><guid>u32</guid><title>نص 𝔸</title><pubDate>Sun, 16 Aug 2026 10:00:00 GMT</pubDate></item></channel></rss>`;
    const cps = [...doc].map((c) => c.codePointAt(0)!);
    const buf = Buffer.alloc(4 + cps.length * 4);
    buf.writeUInt32BE(0xfeff, 0);
    cps.forEach((cp, i) => buf.writeUInt32BE(cp, 4 + i * 4));
    srv.route("/utf32", { body: buf, headers: { "content-type": "application/xml" } });
    const r = await feedConnector(srv, NOW).fetchPostsSince(feedRef("/utf32"), null);
    expect(r.posts.map((p) => p.text)).toEqual(["نص 𝔸"]);
  });

  it("only undecodable bytes are a BadResponse, naming the encodings tried", async () => {
    srv.route("/bad-utf8", { body: Buffer.concat([Buffer.from("<rss><channel><title>"), Buffer.from([0xc3, 0x28]), Buffer.from("</title></channel></rss>")]), headers: { "content-type": "application/rss+xml" } });
    const e1 = await feedConnector(srv, NOW).fetchPostsSince(feedRef("/bad-utf8"), null).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(BadResponse);
    expect((e1 as Error).message).toMatch(/not valid UTF-8/);
    srv.route("/bad-utf16", { body: Buffer.from([0xff, 0xfe, 0x3c, 0x00, 0x00, 0xd8, 0x3e]), headers: { "content-type": "text/xml" } });
    const e2 = await feedConnector(srv, NOW).fetchPostsSince(feedRef("/bad-utf16"), null).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(BadResponse);
    expect((e2 as Error).message).toMatch(/utf-16le byte-order mark/);
  });
});

describe("formats: RSS 0.90, 0.91, 1.0, 2.0 and Atom 0.3, 1.0", () => {
  it("RSS 0.90 (RDF, items beside the channel)", async () => {
    const posts = await fetchFeed("rss090.rdf", "application/rdf+xml");
    expect([...posts.keys()]).toEqual(["http://www.example090.test/items/1", "http://www.example090.test/items/2"]);
    expect(posts.get("http://www.example090.test/items/1")?.text).toBe("First 0.90 item");
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("rss090.rdf"));
    expect(prof.displayName).toBe("Example 0.90 channel");
    expect(prof.avatarUrl).toBe("http://www.example090.test/logo.gif");
  });

  it("RSS 0.91 with the Netscape DOCTYPE and HTML entities, items without guid or date", async () => {
    const posts = await fetchFeed("rss091.xml");
    const p = posts.get("http://www.licensing.example/news/cafe-licences.html");
    expect(p?.text).toBe("Café licences renewed\n\nLicences for cafés\u00a0were renewed – apply online.");
    expect(p?.url).toBe("http://www.licensing.example/news/cafe-licences.html");
    expect(p?.publishedAt.getTime()).toBe(NOW); // first seen
    expect(marker(p)).toMatchObject({ reason: "missing", value: null });
    expect(posts.size).toBe(2);
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("rss091.xml"));
    expect(prof.bio).toBe("News & notices");
    expect(prof.avatarUrl).toBe("http://www.licensing.example/logo.gif");
    expect(prof.contactLinks).toContain("media@licensing.example");
  });

  it("RSS 1.0: rdf:about ids, content:encoded, dc:date, dcterms:modified, xml:base, dc:language", async () => {
    const posts = await fetchFeed("rss10.rdf", "application/rdf+xml");
    const a = posts.get("https://www.council.example.bh/news/501");
    expect(a?.text).toBe("المجلس يعقد جلسته الأسبوعية\n\nعقد المجلس جلسته الأسبوعية.\n\nوناقش عدداً من المقترحات.");
    expect(iso(a?.publishedAt)).toBe("2026-08-16T08:00:00.000Z");
    expect(iso(a?.editedAt)).toBe("2026-08-16T09:15:00.000Z");
    expect(a?.lang).toBe("ar");
    const b = posts.get("https://www.council.example.bh/news/502");
    expect(b?.url).toBe("https://www.council.example.bh/news/502");
    expect(b?.text).toBe("Committee report published\n\nThe committee's report is online.");
    expect(iso(b?.publishedAt)).toBe("2026-08-15T00:00:00.000Z");
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("rss10.rdf"));
    expect(prof).toMatchObject({ displayName: "مجلس المثال", bio: "أخبار المجلس", avatarUrl: "https://www.council.example.bh/logo.png" });
  });

  it("RSS 2.0 modules: content:encoded over description, dc:date, dcterms:*, links relative to the feed URL", async () => {
    const posts = await fetchFeed("rss2-modules.xml");
    const a = posts.get("news-1");
    expect(a?.text).toBe("With content:encoded\n\nFull body text.\n\nSecond paragraph.");
    expect(iso(a?.publishedAt)).toBe("2026-08-16T04:00:00.000Z");
    expect(iso(a?.editedAt)).toBe("2026-08-16T05:00:00.000Z");
    const b = posts.get("news-2");
    expect(b?.url).toBe("https://feeds.example/a/2");
    expect(iso(b?.publishedAt)).toBe("2026-08-15T07:00:00.000Z");
  });

  it("Atom 0.3: issued/modified/created, escaped and base64 content, tagline", async () => {
    const posts = await fetchFeed("atom03.xml", "application/atom+xml");
    const a = posts.get("tag:blog.authority.example,2026:/new-service");
    expect(a?.text).toBe("إطلاق خدمة جديدة\n\nأطلقت الهيئة خدمة جديدة.\n\nالتفاصيل على الموقع.");
    expect(iso(a?.publishedAt)).toBe("2026-08-16T09:00:00.000Z");
    expect(iso(a?.editedAt)).toBe("2026-08-16T10:30:00.000Z");
    expect(a?.lang).toBe("ar");
    expect(posts.get("tag:blog.authority.example,2026:/base64")?.text).toBe("Base64 notice\n\nPlain text, base64-encoded.");
    const c = posts.get("tag:blog.authority.example,2026:/created");
    expect(c?.text).toBe("Created only\n\nSummary only.");
    expect(iso(c?.publishedAt)).toBe("2026-08-14T08:00:00.000Z");
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("atom03.xml"));
    expect(prof).toMatchObject({ displayName: "مدونة الهيئة", bio: "أخبار وإعلانات", profileUrl: "http://blog.authority.example/" });
    expect(prof.contactLinks).toContain("media@authority.example");
  });

  it("Atom 1.0: xhtml and html text constructs, xml:base, entries without id or published", async () => {
    const posts = await fetchFeed("atom10-xhtml.xml", "application/atom+xml");
    const a = posts.get("urn:uuid:7c1f8f7e-0000-4000-8000-000000000001");
    expect(a?.text).toBe("عنوان مهم\n\nالفقرة الأولى & رمز.\n\nالفقرة الثانية\nسطر جديد");
    expect(a?.url).toBe("https://portal.example.bh/ar/news/2026/08/16/item-1");
    expect(iso(a?.publishedAt)).toBe("2026-08-16T06:00:00.000Z");
    const b = posts.get("urn:uuid:7c1f8f7e-0000-4000-8000-000000000002");
    expect(b?.url).toBe("https://portal.example.bh/en/news/item-2");
    expect(b?.text).toBe("English item\n\nSummary & more");
    expect(iso(b?.publishedAt)).toBe("2026-08-15T09:00:00.000Z");
    expect(posts.get("https://portal.example.bh/ar/news/no-id")?.text).toBe("No id\n\nPlain text <not a tag>");
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("atom10-xhtml.xml"));
    expect(prof).toMatchObject({
      displayName: "بوابة الحكومة",
      bio: "خدمات وأخبار",
      profileUrl: "https://portal.example.bh/ar/",
      avatarUrl: "https://portal.example.bh/ar/images/logo.png",
    });
  });
});

describe("lenient where readers are lenient", () => {
  it.each(["application/rss+xml", "text/xml", "text/html", "text/plain", "application/octet-stream", "application/x-rss+xml", "none"])(
    "junk before <?xml, bare &, HTML entities, raw HTML, a stray end tag; served as %s",
    async (ct) => {
      const posts = await fetchFeed("lenient.xml", ct);
      const p = posts.get("https://works.example.bh/news?id=7&lang=ar");
      expect(p?.text).toBe("Roads & bridges update\n\nWorks started on the bridge & road.");
      expect(iso(p?.publishedAt)).toBe("2026-08-16T10:00:00.000Z");
    },
  );

  it("the lenient channel reads for the profile", async () => {
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("lenient.xml", "text/html"));
    expect(prof).toMatchObject({ displayName: "Ministry of Works & Housing", bio: "News\u00a0feed", profileUrl: "https://works.example.bh/?a=1&b=2" });
  });

  it.each(["text/html; charset=utf-8", "application/rss+xml", "none"])("refuses an HTML page served as %s", async (ct) => {
    const err = await feedConnector(srv, NOW).fetchPostsSince(fixtureRef("html-page.html", ct), null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect((err as Error).message).toMatch(/HTML page instead of a feed/);
  });

  it("a DOCTYPE expands internal entities only: no external entity, no parameter entity, no nested expansion", async () => {
    const posts = await fetchFeed("doctype-entities.xml");
    expect(posts.get("iaa-1")?.text).toBe(`About Information Affairs Authority\n\nSecret: &xxe; Laughs: ${"&lol8;".repeat(10)}`);
    const prof = await feedConnector(srv, NOW).lookupProfile(fixtureRef("doctype-entities.xml"));
    expect(prof.displayName).toBe("Information Affairs Authority news");
  });

  it("an entity expansion beyond the budget is a BadResponse, quickly", async () => {
    const doc = `<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY big "${"x".repeat(10_000)}">]><rss version="2.0"><channel><title>t</title><item><guid>1</guid><title>${"&big;".repeat(200)}</title></item></channel></rss>`;
    srv.route("/bomb", { body: doc, headers: { "content-type": "application/rss+xml" } });
    const started = Date.now();
    const err = await feedConnector(srv, NOW).fetchPostsSince(feedRef("/bomb"), null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect((err as Error).message).toMatch(/entity expansion/);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a document cut short is a BadResponse, not a shorter feed", async () => {
    const full = fixture("rss2-modules.xml");
    srv.route("/cut", { body: full.subarray(0, full.indexOf("dcterms only")), headers: { "content-type": "application/rss+xml" } });
    const err = await feedConnector(srv, NOW).fetchPostsSince(feedRef("/cut"), null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BadResponse);
    expect((err as Error).message).toMatch(/ends inside <title>/);
  });
});

describe("one bad item never rejects a feed", () => {
  const at = (s: string) => new Date(s).getTime();
  const expected: [string, number, string | null][] = [
    ["d-1", at("2026-08-16T10:30:00Z"), null], // Arabic month and weekday, ص
    ["d-2", at("2026-08-16T00:00:00Z"), null], // Levantine month name
    ["d-3", NOW, "unparseable"], // 16/08/2026: day or month first? Not guessed.
    ["d-4", at("2026-08-16T06:00:00Z"), null], // AST: Arabia Standard Time
    ["d-5", at("2026-08-16T07:00:00Z"), null], // CEST
    ["d-6", at("2026-02-17T07:00:00Z"), null], // EET
    ["d-7", at("2026-08-16T09:00:00Z"), null], // two-digit year
    ["d-8", at("2026-08-16T09:15:00Z"), null], // Arabic-Indic digits
    ["d-9", NOW, "unparseable"],
    ["d-10", NOW, "future"],
    ["https://dates.example.bh/n/11", at("2026-08-16T08:00:00Z"), null], // no guid: the link
    ["https://dates.example.bh/n/14", at("2026-08-16T04:00:00Z"), null], // empty guid: the link
    ["d-15", NOW, "missing"],
  ];

  it.each(expected)("%s", async (id, t, fallback) => {
    const posts = await fetchFeed("bad-items.xml");
    const p = posts.get(id);
    expect(p, `post ${id}`).toBeDefined();
    expect(p!.publishedAt.getTime()).toBe(t);
    if (fallback) expect(marker(p)?.reason).toBe(fallback);
    else expect(marker(p)).toBeUndefined();
  });

  it("keeps every item: a hash id for an item without guid or link (stable), repeated guids once", async () => {
    const first = await fetchFeed("bad-items.xml");
    const again = await fetchFeed("bad-items.xml");
    expect(first.size).toBe(15);
    const hashed = [...first.values()].find((p) => p.text.startsWith("No guid, no link"));
    expect(hashed?.platformPostId).toMatch(/^urn:amanah:feed-item:[0-9a-f]{32}$/);
    expect(hashed?.text).toBe("No guid, no link\n\nHash me");
    expect(again.has(hashed!.platformPostId)).toBe(true);
    expect(first.get("dup")?.text).toBe("Duplicate A");
    expect(marker(first.get("d-3"))?.value).toBe("16/08/2026");
  });
});
