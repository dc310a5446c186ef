/**
 * RSS 2.0 / Atom feeds as the sandbox serves them at /rss/<slug>/rss.xml (some entities serve Atom
 * at the same path), with ETag / Last-Modified and 304 on a match. Feeds show the newest 50 items.
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

/** Atom for entities whose slug hashes odd: both formats are exercised. */
export function servesAtom(a: SandboxAccount): boolean {
  let h = 0;
  for (const c of a.entitySlug) h = (h * 31 + c.charCodeAt(0)) | 0;
  return (h & 1) === 1;
}

function rss(a: SandboxAccount, items: PostView[], lastMod: number): string {
  const site = a.entity.website ? `https://${a.entity.website}` : a.handle;
  const entries = items
    .map((v) => {
      const [title, body] = split(v.text);
      return `    <item>
      <title>${xmlEscape(title)}</title>
      <link>${xmlEscape(v.post.id)}</link>
      <guid isPermaLink="true">${xmlEscape(v.post.id)}</guid>
      <pubDate>${new Date(v.post.publishedAt).toUTCString()}</pubDate>
      <description><![CDATA[${htmlBody(body)}]]></description>
    </item>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
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

function atom(a: SandboxAccount, items: PostView[], lastMod: number): string {
  const site = a.entity.website ? `https://${a.entity.website}` : a.handle;
  const entries = items
    .map((v) => {
      const [title, body] = split(v.text);
      const updated = v.edited ? v.post.editedAt! : v.post.publishedAt;
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

export const rssModule: PlatformModule = {
  platformOf: () => "rss",
  handle(ctx) {
    const m = /^\/([^/]+)\/rss\.xml$/.exec(ctx.path);
    const a = m ? ctx.world.accounts.find((x) => x.platform === "rss" && x.entitySlug === m[1]) : undefined;
    if (!a) return htmlPage(404, "Not Found");
    const items = ctx.world.live(a, ctx.now).slice(0, 50);
    const lastMod = Math.max(a.profileCreatedAt, ...items.map((v) => (v.edited ? v.post.editedAt! : v.post.publishedAt)));
    const isAtom = servesAtom(a);
    const body = isAtom ? atom(a, items, lastMod) : rss(a, items, lastMod);
    const etag = etagOf(body);
    const headers: Record<string, string> = {
      "content-type": isAtom ? "application/atom+xml; charset=utf-8" : "application/rss+xml; charset=utf-8",
      etag,
      "last-modified": new Date(lastMod).toUTCString(),
      "cache-control": "max-age=300",
    };
    const inm = ctx.headers["if-none-match"];
    const ims = ctx.headers["if-modified-since"];
    const notModified = inm ? String(inm).split(/\s*,\s*/).some((t) => t.replace(/^W\//, "") === etag.replace(/^W\//, "")) : ims ? Date.parse(String(ims)) >= floorSec(lastMod) : false;
    if (notModified) return { status: 304, headers: { etag, "last-modified": headers["last-modified"], "cache-control": "max-age=300" }, body: "" };
    return { status: 200, headers, body };
  },
  newBlock: (ctx, r) => floorSec(ctx.now) + (30 + Math.floor(r() * 270)) * 1000,
  rateLimited(ctx, until): SbResponse {
    const page = htmlPage(429, "Too Many Requests");
    return { ...page, headers: { ...page.headers, "retry-after": String(Math.ceil((until - floorSec(ctx.now)) / 1000)) } };
  },
  serverError: (_ctx, r) => (r() < 0.5 ? htmlPage(502, "Bad Gateway") : htmlPage(503, "Service Temporarily Unavailable")),
  expiredToken: () => htmlPage(403, "Forbidden"),
};
