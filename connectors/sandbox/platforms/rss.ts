/**
 * RSS 2.0 / Atom feeds as the sandbox serves them at /rss/<slug>/rss.xml (some entities serve Atom
 * at the same path), with ETag / Last-Modified and 304 on a match. Feeds show the newest 50 items.
 * A few entities serve the hard cases real government sites do (feedVariant): a windows-1256
 * Arabic feed, RSS 1.0 (RDF), Atom with XHTML content and relative links, items without guid or
 * date under a text/html content type, and dates in formats no RFC allows. Every variant carries
 * the same ids and texts, so /_sandbox/truth.jsonl holds for all of them.
 */
import { etagOf } from "../ids";
import { floorSec, htmlPage, type PlatformModule, type SbResponse } from "../http";
import type { PostView, SandboxAccount } from "../world";

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const htmlBody = (s: string) => s.split("\n\n").map((p) => `<p>${xmlEscape(p).replace(/\n/g, "<br/>")}</p>`).join("");

function split(text: string): [string, string] {
  const i = text.indexOf("\n\n");
  return i < 0 ? [text, ""] : [text.slice(0, i), text.slice(i + 2)];
}

function slugHash(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) | 0;
  return h;
}

/** Atom for entities whose slug hashes odd: both formats are exercised. */
export function servesAtom(a: SandboxAccount): boolean {
  return (slugHash(a.entitySlug) & 1) === 1;
}

export type FeedVariant = "rss2" | "atom" | "windows-1256" | "rdf" | "atom-xhtml" | "no-guid-dates" | "bad-dates";
const HARD: FeedVariant[] = ["windows-1256", "rdf", "atom-xhtml", "no-guid-dates", "bad-dates"];

/** What an entity's feed looks like: about 5 in 12 serve one of the hard variants. */
export function feedVariant(a: SandboxAccount): FeedVariant {
  const h = Math.abs(slugHash(`${a.entitySlug}:variant`)) % 12;
  return HARD[h] ?? (servesAtom(a) ? "atom" : "rss2");
}

/** Text as windows-1256 bytes (one char per byte); characters it lacks become &#N; references. */
const CP1256 = (() => {
  const dec = new TextDecoder("windows-1256");
  const m = new Map<string, number>();
  for (let b = 0x80; b < 0x100; b++) m.set(dec.decode(Uint8Array.of(b)), b);
  return m;
})();
function toWindows1256(xml: string): string {
  let out = "";
  for (const ch of xml) {
    const b = ch.charCodeAt(0) < 0x80 ? ch.charCodeAt(0) : CP1256.get(ch);
    out += b === undefined ? `&#${ch.codePointAt(0)};` : String.fromCharCode(b);
  }
  return out;
}

const HOUR = 3_600_000;
const pad = (n: number) => String(n).padStart(2, "0");
/** Bahrain local time (UTC+3, no DST) as date parts. */
function bh(t: number) {
  const d = new Date(t + 3 * HOUR);
  return { y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), wd: d.getUTCDay() };
}
const isoBahrain = (t: number) => new Date(t + 3 * HOUR).toISOString().replace(/Z$/, "+03:00");
const AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"];
const AR_DAYS = ["الأحد", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"];
const EN_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const EN_DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/**
 * The bad-dates variant's pubDate of a post: by sequence, a day-first numeric date (ambiguous: the
 * reader must fall back to the first-seen time), an Arabic date, "AST", a two-digit year, or RFC 1123.
 */
export function oddDate(seq: number, t: number): { text: string; parseable: boolean; precisionMs: number } {
  const b = bh(t);
  switch (seq % 5) {
    case 0:
      return { text: `${pad(b.d)}/${pad(b.mo + 1)}/${b.y} ${pad(b.h)}:${pad(b.mi)}`, parseable: false, precisionMs: 0 };
    case 1: {
      const h12 = b.h % 12 === 0 ? 12 : b.h % 12;
      const text = `${AR_DAYS[b.wd]}، ${b.d} ${AR_MONTHS[b.mo]} ${b.y} ${h12}:${pad(b.mi)} ${b.h < 12 ? "ص" : "م"} +0300`;
      return { text: text.replace(/[0-9]/g, (x) => String.fromCharCode(0x660 + Number(x))), parseable: true, precisionMs: 60_000 };
    }
    case 2:
      return { text: `${EN_DAYS[b.wd]}, ${pad(b.d)} ${EN_MONTHS[b.mo]} ${b.y} ${pad(b.h)}:${pad(b.mi)}:${pad(b.s)} AST`, parseable: true, precisionMs: 1000 };
    case 3: {
      const u = new Date(t);
      return { text: `${pad(u.getUTCDate())} ${EN_MONTHS[u.getUTCMonth()]} ${pad(u.getUTCFullYear() % 100)} ${pad(u.getUTCHours())}:${pad(u.getUTCMinutes())}:${pad(u.getUTCSeconds())} GMT`, parseable: true, precisionMs: 1000 };
    }
    default:
      return { text: new Date(t).toUTCString(), parseable: true, precisionMs: 1000 };
  }
}

/** The no-guid-dates variant leaves out the date of every fourth post. */
export const undated = (seq: number) => seq % 4 === 0;

function rss(a: SandboxAccount, items: PostView[], lastMod: number, variant: FeedVariant = "rss2"): string {
  const site = a.entity.website ? `https://${a.entity.website}` : a.handle;
  const entries = items
    .map((v) => {
      const [title, body] = split(v.text);
      const seq = v.post.seq;
      const guid = variant === "no-guid-dates" ? "" : `\n      <guid isPermaLink="true">${xmlEscape(v.post.id)}</guid>`;
      const date =
        variant === "no-guid-dates" && undated(seq)
          ? ""
          : `\n      <pubDate>${xmlEscape(variant === "bad-dates" ? oddDate(seq, v.post.publishedAt).text : new Date(v.post.publishedAt).toUTCString())}</pubDate>`;
      // windows-1256 text cannot sit in CDATA (characters it lacks become references): escape instead.
      const description = variant === "windows-1256" ? xmlEscape(htmlBody(body)) : `<![CDATA[${htmlBody(body)}]]>`;
      return `    <item>
      <title>${xmlEscape(title)}</title>
      <link>${xmlEscape(v.post.id)}</link>${guid}${date}
      <description>${description}</description>
    </item>`;
    })
    .join("\n");
  const prolog = variant === "no-guid-dates" ? "\n  <!-- generated by an old CMS -->\n" : "";
  return `${prolog}<?xml version="1.0" encoding="${variant === "windows-1256" ? "windows-1256" : "UTF-8"}"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <channel>
    <title>${xmlEscape(a.displayName)}</title>
    <link>${xmlEscape(site)}</link>
    <description>${xmlEscape(a.bio)}</description>
    <language>ar</language>
    <lastBuildDate>${new Date(lastMod).toUTCString()}</lastBuildDate>
    <atom:link href="${xmlEscape(a.handle)}" rel="self" type="application/rss+xml"/>
${entries}
  </channel>
</rss>
`;
}

function atom(a: SandboxAccount, items: PostView[], lastMod: number, variant: FeedVariant = "atom"): string {
  const site = a.entity.website ? `https://${a.entity.website}` : a.handle;
  const xhtml = variant === "atom-xhtml";
  const entries = items
    .map((v) => {
      const [title, body] = split(v.text);
      const updated = v.edited ? v.post.editedAt! : v.post.publishedAt;
      if (xhtml) {
        // Relative link under the entry's xml:base; title as escaped HTML; content as inline XHTML.
        const cut = v.post.id.lastIndexOf("/") + 1;
        return `  <entry xml:base="${xmlEscape(v.post.id.slice(0, cut))}">
    <title type="html">${xmlEscape(xmlEscape(title))}</title>
    <link href="${xmlEscape(v.post.id.slice(cut))}"/>
    <id>${xmlEscape(v.post.id)}</id>
    <published>${isoBahrain(v.post.publishedAt)}</published>
    <updated>${isoBahrain(updated)}</updated>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${htmlBody(body)}</div></content>
  </entry>`;
      }
      return `  <entry>
    <title>${xmlEscape(title)}</title>
    <link rel="alternate" href="${xmlEscape(v.post.id)}"/>
    <id>${xmlEscape(v.post.id)}</id>
    <published>${new Date(v.post.publishedAt).toISOString()}</published>
    <updated>${new Date(updated).toISOString()}</updated>
    <content type="html">${xmlEscape(htmlBody(body))}</content>
  </entry>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ar">
  <title>${xmlEscape(a.displayName)}</title>
  <subtitle>${xmlEscape(a.bio)}</subtitle>
  <link rel="alternate" href="${xmlEscape(site)}"/>
  <link rel="self" href="${xmlEscape(a.handle)}"/>
  <id>${xmlEscape(a.handle)}</id>
  <updated>${new Date(lastMod).toISOString()}</updated>
  <author><name>${xmlEscape(a.entity.nameEn)}</name>${a.entity.emailDomains[0] ? `<email>media@${a.entity.emailDomains[0]}</email>` : ""}</author>
${entries}
</feed>
`;
}

function rdf(a: SandboxAccount, items: PostView[]): string {
  const site = a.entity.website ? `https://${a.entity.website}` : a.handle;
  const entries = items
    .map((v) => {
      const [title, body] = split(v.text);
      const modified = v.edited ? `\n    <dcterms:modified>${isoBahrain(v.post.editedAt!)}</dcterms:modified>` : "";
      return `  <item rdf:about="${xmlEscape(v.post.id)}">
    <title>${xmlEscape(title)}</title>
    <link>${xmlEscape(v.post.id)}</link>
    <description>${xmlEscape(htmlBody(body))}</description>
    <dc:date>${isoBahrain(v.post.publishedAt)}</dc:date>${modified}
  </item>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="utf-8"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/">
  <channel rdf:about="${xmlEscape(a.handle)}">
    <title>${xmlEscape(a.displayName)}</title>
    <link>${xmlEscape(site)}</link>
    <description>${xmlEscape(a.bio)}</description>
    <dc:language>ar</dc:language>
    <items>
      <rdf:Seq>
${items.map((v) => `        <rdf:li rdf:resource="${xmlEscape(v.post.id)}"/>`).join("\n")}
      </rdf:Seq>
    </items>
  </channel>
${entries}
</rdf:RDF>
`;
}

const CONTENT_TYPES: Record<FeedVariant, string> = {
  rss2: "application/rss+xml; charset=utf-8",
  atom: "application/atom+xml; charset=utf-8",
  "windows-1256": "text/xml; charset=windows-1256",
  rdf: "application/rdf+xml",
  "atom-xhtml": "application/atom+xml",
  "no-guid-dates": "text/html; charset=utf-8",
  "bad-dates": "application/rss+xml; charset=utf-8",
};

function document(a: SandboxAccount, items: PostView[], lastMod: number, variant: FeedVariant): string {
  switch (variant) {
    case "atom":
    case "atom-xhtml":
      return atom(a, items, lastMod, variant);
    case "rdf":
      return rdf(a, items);
    default:
      return rss(a, items, lastMod, variant);
  }
}

export const rssModule: PlatformModule = {
  platformOf: () => "rss",
  handle(ctx) {
    const m = /^\/([^/]+)\/rss\.xml$/.exec(ctx.path);
    const a = m ? ctx.world.accounts.find((x) => x.platform === "rss" && x.entitySlug === m[1]) : undefined;
    if (!a) return htmlPage(404, "Not Found");
    const items = ctx.world.live(a, ctx.now).slice(0, 50);
    const lastMod = Math.max(a.profileCreatedAt, ...items.map((v) => (v.edited ? v.post.editedAt! : v.post.publishedAt)));
    const variant = feedVariant(a);
    const doc = document(a, items, lastMod, variant);
    const body = variant === "windows-1256" ? toWindows1256(doc) : doc;
    const encoding = variant === "windows-1256" ? ("latin1" as const) : undefined;
    const etag = etagOf(body);
    const headers: Record<string, string> = {
      "content-type": CONTENT_TYPES[variant],
      etag,
      "last-modified": new Date(lastMod).toUTCString(),
      "cache-control": "max-age=300",
    };
    const inm = ctx.headers["if-none-match"];
    const ims = ctx.headers["if-modified-since"];
    const notModified = inm ? String(inm).split(/\s*,\s*/).some((t) => t.replace(/^W\//, "") === etag.replace(/^W\//, "")) : ims ? Date.parse(String(ims)) >= floorSec(lastMod) : false;
    if (notModified) return { status: 304, headers: { etag, "last-modified": headers["last-modified"], "cache-control": "max-age=300" }, body: "" };
    return { status: 200, headers, body, encoding };
  },
  newBlock: (ctx, r) => floorSec(ctx.now) + (30 + Math.floor(r() * 270)) * 1000,
  rateLimited(ctx, until): SbResponse {
    const page = htmlPage(429, "Too Many Requests");
    return { ...page, headers: { ...page.headers, "retry-after": String(Math.ceil((until - floorSec(ctx.now)) / 1000)) } };
  },
  serverError: (_ctx, r) => (r() < 0.5 ? htmlPage(502, "Bad Gateway") : htmlPage(503, "Service Temporarily Unavailable")),
  expiredToken: () => htmlPage(403, "Forbidden"),
};
