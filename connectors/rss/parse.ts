/** RSS 2.0 / Atom parsing with fast-xml-parser into a small neutral shape. */
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeEntities, htmlToText } from "../text";

export interface FeedItem {
  id: string;
  url: string | null;
  title: string;
  body: string;
  published: string | null;
  updated: string | null;
  raw: unknown;
}

export interface ParsedFeed {
  kind: "rss" | "atom";
  title: string | null;
  description: string | null;
  link: string | null;
  language: string | null;
  image: string | null;
  contacts: string[];
  items: FeedItem[];
  /** RFC 5005 paged feeds: rel="next" (older entries). */
  nextUrl: string | null;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ["item", "entry", "link", "atom:link", "category"].includes(name),
});

/** Text content of a parsed node (string, {#text}, or absent). */
function txt(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (typeof v === "object" && "#text" in (v as object)) return txt((v as Record<string, unknown>)["#text"]);
  return null;
}

function relLink(links: unknown, rel: string): string | null {
  if (!Array.isArray(links)) return null;
  for (const l of links) {
    if (typeof l === "object" && l !== null) {
      const o = l as Record<string, unknown>;
      if ((o["@_rel"] ?? "alternate") === rel && typeof o["@_href"] === "string") return o["@_href"];
    } else if (rel === "alternate" && typeof l === "string") return l;
  }
  return null;
}

export class FeedParseError extends Error {}

export function parseFeed(xml: string): ParsedFeed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new FeedParseError(`malformed XML: ${valid.err.msg} (line ${valid.err.line})`);
  const doc = parser.parse(xml) as Record<string, unknown>;
  if (doc.rss && typeof doc.rss === "object") {
    const ch = (doc.rss as Record<string, unknown>).channel as Record<string, unknown> | undefined;
    if (!ch || typeof ch !== "object") throw new FeedParseError("RSS without <channel>");
    const items = ((ch.item as unknown[]) ?? []).map((raw) => {
      const it = raw as Record<string, unknown>;
      const link = relLink(it.link, "alternate");
      const id = txt(it.guid) ?? link;
      const body = txt(it["content:encoded"]) ?? txt(it.description) ?? "";
      return {
        id: id ?? "",
        url: link,
        title: decodeEntities(txt(it.title) ?? ""),
        body: htmlToText(body),
        published: txt(it.pubDate) ?? txt(it["dc:date"]),
        updated: null,
        raw: it,
      };
    });
    const image = ch.image as Record<string, unknown> | undefined;
    return {
      kind: "rss",
      title: txt(ch.title),
      description: txt(ch.description),
      link: relLink(ch.link, "alternate"),
      language: txt(ch.language),
      image: image ? txt(image.url) : null,
      contacts: [txt(ch.managingEditor), txt(ch.webMaster)].filter((x): x is string => !!x),
      items,
      nextUrl: relLink(ch["atom:link"], "next"),
    };
  }
  if (doc.feed && typeof doc.feed === "object") {
    const f = doc.feed as Record<string, unknown>;
    const items = ((f.entry as unknown[]) ?? []).map((raw) => {
      const e = raw as Record<string, unknown>;
      const content = e.content as Record<string, unknown> | string | undefined;
      const type = typeof content === "object" ? content["@_type"] : "text";
      const bodyRaw = txt(content) ?? txt(e.summary) ?? "";
      return {
        id: txt(e.id) ?? relLink(e.link, "alternate") ?? "",
        url: relLink(e.link, "alternate"),
        title: decodeEntities(txt(e.title) ?? ""),
        body: type === "html" || type === "xhtml" ? htmlToText(bodyRaw) : bodyRaw,
        published: txt(e.published) ?? txt(e.updated),
        updated: txt(e.updated),
        raw: e,
      };
    });
    const author = f.author as Record<string, unknown> | undefined;
    return {
      kind: "atom",
      title: txt(f.title),
      description: txt(f.subtitle),
      link: relLink(f.link, "alternate"),
      language: typeof f["@_xml:lang"] === "string" ? (f["@_xml:lang"] as string) : null,
      image: txt(f.logo) ?? txt(f.icon),
      contacts: author ? [txt(author.email), txt(author.uri)].filter((x): x is string => !!x) : [],
      items,
      nextUrl: relLink(f.link, "next"),
    };
  }
  throw new FeedParseError("neither an RSS <rss> nor an Atom <feed> document");
}
