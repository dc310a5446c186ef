/**
 * Whatever a feed throws at the reader ends in the error taxonomy: the XML reader, the feed mapper,
 * the charset decoder and the date parser are fuzzed (random strings, generated markup, mutated
 * fixtures, random bytes), and the connector end to end with random HTTP answers.
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readdirSync } from "node:fs";
import { createConnector } from "../../connectors";
import { decodeFeed, FeedDecodeError } from "../../connectors/rss/decode";
import { parseFeedDate } from "../../connectors/rss/dates";
import { FeedParseError, parseFeed, type ParsedFeed } from "../../connectors/rss/parse";
import { ConnectorError } from "../../connectors/types";
import { fixture, FIXTURES } from "./rss-helpers";

const FIXTURE_NAMES = readdirSync(FIXTURES);
const TEXT_FIXTURES = FIXTURE_NAMES.map((n) => decodeFeed(fixture(n), null).text);

/** parseFeed's contract: a well-typed feed, or a FeedParseError; nothing else. */
function checkParse(doc: string, base: string | null = "https://feeds.example/f/x.xml"): ParsedFeed | null {
  let feed: ParsedFeed;
  try {
    feed = parseFeed(doc, base);
  } catch (err) {
    if (!(err instanceof FeedParseError)) throw err;
    return null;
  }
  for (const it of feed.items) {
    expect(typeof it.title).toBe("string");
    expect(typeof it.body).toBe("string");
    expect(it.url === null || /^https?:\/\//.test(it.url)).toBe(true);
    expect(JSON.stringify(it.raw)).toBeTypeOf("string");
  }
  for (const u of [feed.link, feed.image, feed.nextUrl]) expect(u === null || /^https?:\/\//.test(u)).toBe(true);
  return feed;
}

const TOKENS = [
  "<", ">", "&", "&amp;", "&#0;", "&#xD800;", "&#99999999;", "&nbsp;", "&unknown;", "]]>", "<![CDATA[", "<!--", "-->", "<?xml version='1.0'?>",
  "<!DOCTYPE rss [", "<!ENTITY a \"&a;&a;\">", "]>", "&a;", "<item>", "</item>", "<entry>", "</channel>", "<rss>", "<feed>", "</feed>", "\u0000",
  "\uFFFF", "\uD800", ' xml:base="javascript:alert(1)"', ' href="//evil"', "<link>", "</link>", "<guid>", "</guid>", "<pubDate>", "</pubDate>", "<rdf:RDF>",
  '<content type="xhtml"><div>', '<content type="html">', '<content mode="base64" type="text/html">', "</content>", "=", '"', "'", "/>", "<a:b:c>", "<:x>", "\n",
];

describe("the XML reader and feed mapper never fail outside FeedParseError", () => {
  it("random strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => void checkParse(s)),
      { numRuns: 3000 },
    );
  });

  it("strings of markup tokens", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 5 })), { maxLength: 80 }), (parts) => void checkParse(parts.join(""))),
      { numRuns: 3000 },
    );
  });

  it("generated feeds: well-formed ones parse, every item is kept", () => {
    const text = fc.string({ unit: fc.constantFrom("a", "ب", " ", "&", "<", ">", '"', "é", "😀", "\n"), maxLength: 20 });
    const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const item = fc.record({
      title: text,
      guid: fc.option(text, { nil: undefined }),
      link: fc.option(fc.constantFrom("https://a.example/x", "/rel", "rel", "javascript:x", "mailto:a@b", "http://[::1]/", ""), { nil: undefined }),
      date: fc.option(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), text), { nil: undefined }),
      body: text,
      cdata: fc.boolean(),
    });
    const rss = fc.array(item, { maxLength: 8 }).map((items) => ({
      items,
      doc: `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items
        .map(
          (i) =>
            `<item><title>${esc(i.title)}</title>${i.guid === undefined ? "" : `<guid>${esc(i.guid)}</guid>`}${i.link === undefined ? "" : `<link>${esc(i.link)}</link>`}${i.date === undefined ? "" : `<pubDate>${esc(i.date)}</pubDate>`}<description>${i.cdata && !i.body.includes("]]>") ? `<![CDATA[${i.body}]]>` : esc(i.body)}</description></item>`,
        )
        .join("")}</channel></rss>`,
    }));
    fc.assert(
      fc.property(rss, ({ items, doc }) => {
        const feed = checkParse(doc);
        expect(feed).not.toBeNull();
        expect(feed!.items).toHaveLength(items.length);
        items.forEach((it, k) => expect(feed!.items[k].title).toBe(it.title.trim()));
      }),
      { numRuns: 1000 },
    );
  });

  it("mutated fixtures", () => {
    const mutation = fc.oneof(
      fc.tuple(fc.constant("insert" as const), fc.nat(), fc.constantFrom(...TOKENS)),
      fc.tuple(fc.constant("delete" as const), fc.nat(), fc.integer({ min: 1, max: 200 })),
      fc.tuple(fc.constant("repeat" as const), fc.nat(), fc.integer({ min: 1, max: 200 })),
    );
    fc.assert(
      fc.property(fc.constantFrom(...TEXT_FIXTURES), fc.array(mutation, { minLength: 1, maxLength: 6 }), (doc, ops) => {
        let s = doc;
        for (const [op, at, arg] of ops) {
          const i = at % (s.length + 1);
          if (op === "insert") s = s.slice(0, i) + arg + s.slice(i);
          else if (op === "delete") s = s.slice(0, i) + s.slice(i + (arg as number));
          else s = s.slice(0, i) + s.slice(i, i + (arg as number)).repeat(3) + s.slice(i);
        }
        checkParse(s);
      }),
      { numRuns: 3000 },
    );
  });

  it("deep nesting is refused, not a stack overflow", () => {
    expect(() => parseFeed("<rss><channel>" + "<x>".repeat(100_000))).toThrow(FeedParseError);
    expect(() => parseFeed("<rss><channel><item><description>" + "<b>".repeat(200) + "</description></item></channel></rss>")).not.toThrow();
  });
});

describe("the charset decoder and the date parser", () => {
  it("any bytes under any content type: text or FeedDecodeError", () => {
    const ct = fc.option(fc.constantFrom("text/xml", "text/xml; charset=windows-1256", "application/rss+xml; charset=utf-16", "text/html; charset=nonsense", "x; charset=utf-32", "text/xml; charset=shift_jis", 'a; charset="utf-8"'), { nil: null });
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom(Uint8Array.of(0xef, 0xbb, 0xbf), Uint8Array.of(0xff, 0xfe), Uint8Array.of(0xfe, 0xff), Uint8Array.of(0, 0, 0xfe, 0xff), Uint8Array.of(0xff, 0xfe, 0, 0), Uint8Array.of(0x3c, 0, 0x3f, 0)), fc.uint8Array({ maxLength: 200 })).map(([a, b]) => Uint8Array.from([...a, ...b])),
    );
    fc.assert(
      fc.property(bytes, ct, (b, type) => {
        try {
          expect(typeof decodeFeed(b, type).text).toBe("string");
        } catch (err) {
          if (!(err instanceof FeedDecodeError)) throw err;
        }
      }),
      { numRuns: 5000 },
    );
  });

  it("any string: a valid Date or null", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: fc.constantFrom("1", "2", "0", ":", "-", "+", " ", "T", "Z", "/", ",", "Aug", "أغسطس", "ص", "GMT", "AST", "٣"), maxLength: 20 })), (s) => {
        const d = parseFeedDate(s);
        expect(d === null || Number.isFinite(d.getTime())).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("RFC 1123, ISO 8601 and offset dates round-trip", () => {
    const date = fc.date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(date, fc.integer({ min: -12 * 60, max: 14 * 60 }).map((m) => m - (m % 15)), (d, off) => {
        const sec = Math.floor(d.getTime() / 1000) * 1000;
        expect(parseFeedDate(d.toUTCString())?.getTime()).toBe(sec);
        expect(parseFeedDate(d.toISOString())?.getTime()).toBe(d.getTime());
        const local = new Date(sec + off * 60_000);
        const sign = off < 0 ? "-" : "+";
        const hhmm = `${String(Math.floor(Math.abs(off) / 60)).padStart(2, "0")}${String(Math.abs(off) % 60).padStart(2, "0")}`;
        const rfc = local.toUTCString().replace("GMT", `${sign}${hhmm}`);
        expect(parseFeedDate(rfc)?.getTime()).toBe(sec);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("the connector end to end", () => {
  it("random answers end in the taxonomy (or in posts), never in a crash", async () => {
    const body = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.constantFrom(...FIXTURE_NAMES), fc.nat(), fc.nat()).map(([n, a, b]) => {
        const f = fixture(n);
        return Uint8Array.from(Buffer.concat([f.subarray(0, a % (f.length + 1)), f.subarray(b % (f.length + 1))]));
      }),
      fc.constantFrom(...FIXTURE_NAMES).map((n) => Uint8Array.from(fixture(n))),
    );
    const answer = fc.record({
      status: fc.constantFrom(200, 200, 200, 203, 204, 301, 304, 400, 401, 404, 410, 429, 500, 503),
      type: fc.option(fc.constantFrom("application/rss+xml", "text/html", "text/xml; charset=windows-1256", "application/json", "application/octet-stream"), { nil: undefined }),
      body,
    });
    await fc.assert(
      fc.asyncProperty(answer, async (a) => {
        const fake: typeof fetch = async () => {
          const headers: Record<string, string> = a.type ? { "content-type": a.type } : {};
          const nullBody = a.status === 204 || a.status === 304;
          return new Response(nullBody ? null : Buffer.from(a.body), { status: a.status, headers });
        };
        const c = createConnector("rss", { fetch: fake, timeoutMs: 1000, now: () => Date.UTC(2026, 7, 20) });
        const ref = { platform: "rss" as const, handle: "https://feeds.example/feed.xml" };
        for (const call of [() => c.fetchPostsSince(ref, null), () => c.lookupProfile(ref), () => c.lookupPosts(ref, ["x"])]) {
          try {
            await call();
          } catch (err) {
            expect(err, String(err)).toBeInstanceOf(ConnectorError);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});
