/**
 * Feed documents into one neutral shape: RSS 0.90/1.0 (RDF: items are siblings of <channel>),
 * RSS 0.91–2.0, Atom 0.3 and 1.0. Text is plain (HTML and XHTML content flattened), links are
 * absolute http(s) URLs resolved against xml:base and the document URL, dates are left as written
 * (candidates in order of preference) for the connector to parse.
 */
import { decodeEntities, htmlToText } from "../text";
import { attr, elementsOf, innerHtml, parseXml, textContent, toJson, XML_NS, XmlError, type XmlElement } from "./xml";

export const NS = {
  atom10: "http://www.w3.org/2005/Atom",
  atom03: "http://purl.org/atom/ns#",
  rss10: "http://purl.org/rss/1.0/",
  rss090: "http://my.netscape.com/rdf/simple/0.9/",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  content: "http://purl.org/rss/1.0/modules/content/",
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
};

export interface FeedItem {
  /** guid / atom:id / rdf:about as written (trimmed); null when the item has none. */
  guid: string | null;
  /** Absolute http(s) link of the item. */
  url: string | null;
  title: string;
  /** Plain text of the content (or summary/description). */
  body: string;
  /** Publish-date texts, most preferred first. */
  published: string[];
  /** Update-date texts, most preferred first. */
  updated: string[];
  lang: string | null;
  raw: unknown;
}

export interface ParsedFeed {
  kind: "rss" | "rdf" | "atom";
  version: string | null;
  title: string | null;
  description: string | null;
  link: string | null;
  language: string | null;
  image: string | null;
  contacts: string[];
  items: FeedItem[];
  /** RFC 5005 paged feeds: rel="next" (older entries), absolute. */
  nextUrl: string | null;
}

export class FeedParseError extends Error {
  constructor(
    message: string,
    /** The document is an HTML page. */
    readonly html = false,
  ) {
    super(message);
  }
}

const ATOM_NS = new Set([NS.atom10, NS.atom03, ""]);
const RSS_NS = new Set(["", NS.rss10, NS.rss090, "http://backend.userland.com/rss2", "http://backend.userland.com/rss"]);

type Match = (el: XmlElement) => boolean;
const rssCore: Match = (el) => !el.name.includes(":") || RSS_NS.has(el.ns);
const atomEl: Match = (el) => ATOM_NS.has(el.ns) || (!el.name.includes(":") && !el.ns.startsWith("http://www.w3.org/1999/xhtml"));
const inNs =
  (ns: string): Match =>
  (el) =>
    el.ns === ns;

function kids(el: XmlElement | null | undefined, local: string, match: Match): XmlElement[] {
  return el ? elementsOf(el).filter((c) => c.local === local && match(c)) : [];
}

function kid(el: XmlElement | null | undefined, local: string, match: Match): XmlElement | null {
  return kids(el, local, match)[0] ?? null;
}

function text(el: XmlElement | null): string | null {
  if (!el) return null;
  const t = textContent(el).trim();
  return t || null;
}

/** The first non-empty text of these children. */
function firstText(el: XmlElement, ...wanted: [string, Match][]): string | null {
  for (const [local, match] of wanted) for (const k of kids(el, local, match)) {
    const t = text(k);
    if (t) return t;
  }
  return null;
}

function allTexts(el: XmlElement, ...wanted: [string, Match][]): string[] {
  const out: string[] = [];
  for (const [local, match] of wanted) for (const k of kids(el, local, match)) {
    const t = text(k);
    if (t) out.push(t);
  }
  return out;
}

/** Base URL in effect inside `el`: its xml:base resolved against the parent's base. */
function baseOf(el: XmlElement | null, parent: string | null): string | null {
  const b = el ? attr(el, "base", XML_NS) : null;
  if (!b) return parent;
  try {
    return new URL(b.trim(), parent ?? undefined).toString();
  } catch {
    return parent;
  }
}

/** An absolute http(s) URL, or null (other schemes such as javascript: are never links). */
export function absoluteUrl(href: string | null, base: string | null): string | null {
  if (!href) return null;
  try {
    const u = new URL(href.trim(), base ?? undefined);
    return u.protocol === "http:" || u.protocol === "https:" ? u.toString() : null;
  } catch {
    return null;
  }
}

/** Atom-style <link rel href> of a relation (rel absent = alternate), preferring an HTML type. */
function atomLink(el: XmlElement, rel: string, match: Match, base: string | null): string | null {
  const links = kids(el, "link", match).filter((l) => (attr(l, "rel") ?? "alternate").trim().toLowerCase() === rel && attr(l, "href"));
  const best = links.find((l) => /html/i.test(attr(l, "type") ?? "text/html")) ?? links[0];
  return best ? absoluteUrl(attr(best, "href"), baseOf(best, base)) : null;
}

function lang(el: XmlElement | null): string | null {
  return el ? (attr(el, "lang", XML_NS)?.trim() || null) : null;
}

/** Plain text of an Atom text construct (1.0 type text/html/xhtml; 0.3 MIME types and mode). */
function atomText(el: XmlElement | null): string | null {
  if (!el) return null;
  const type = (attr(el, "type") ?? "text").trim().toLowerCase();
  const mode = (attr(el, "mode") ?? "").trim().toLowerCase();
  if (attr(el, "src")) return null; // out-of-line content
  if (mode === "base64") {
    if (!type.startsWith("text/") && !type.includes("html")) return null;
    const decoded = Buffer.from(textContent(el).replace(/\s+/g, ""), "base64").toString("utf8");
    return type.includes("html") ? htmlToText(decoded) : decoded.trim();
  }
  if (type === "xhtml" || type === "application/xhtml+xml") return htmlToText(innerHtml(el, false));
  if (type === "html" || type === "text/html") return htmlToText(innerHtml(el, mode !== "xml"));
  if (type === "text" || type.startsWith("text/")) return textContent(el).trim();
  return null; // binary media
}

function rawOf(el: XmlElement): unknown {
  const j = toJson(el);
  return typeof j === "string" ? { "#text": j } : j;
}

function parseRss(root: XmlElement, docUrl: string | null): ParsedFeed {
  const rdf = root.local.toLowerCase() === "rdf";
  const channel = kid(root, "channel", rssCore);
  if (!channel && !rdf) throw new FeedParseError("RSS without <channel>");
  const rootBase = baseOf(root, docUrl);
  const chBase = baseOf(channel, rootBase);
  const atom = inNs(NS.atom10);
  const dc = inNs(NS.dc);
  const dcterms = inNs(NS.dcterms);
  const itemEls = [...kids(channel, "item", rssCore), ...kids(root, "item", rssCore)];
  const items = itemEls.map((it): FeedItem => {
    const base = baseOf(it, rdf ? rootBase : chBase);
    const guidEl = kid(it, "guid", rssCore);
    const guid = text(guidEl);
    const about = rdf ? attr(it, "about", NS.rdf)?.trim() || null : null;
    const linkEl = kid(it, "link", rssCore);
    const permalink = () => (guid && (attr(guidEl!, "isPermaLink") ?? "true").trim().toLowerCase() !== "false" ? absoluteUrl(guid, base) : null);
    const url = absoluteUrl(text(linkEl), baseOf(linkEl, base)) ?? atomLink(it, "alternate", atom, base) ?? permalink() ?? absoluteUrl(about, base);
    const bodyEl = kid(it, "encoded", inNs(NS.content)) ?? kid(it, "description", rssCore) ?? kid(it, "description", dc);
    return {
      guid: guid ?? about,
      url,
      title: decodeEntities(firstText(it, ["title", rssCore], ["title", dc]) ?? ""),
      body: bodyEl ? htmlToText(innerHtml(bodyEl, true)) : "",
      published: allTexts(it, ["pubDate", rssCore], ["date", dc], ["issued", dcterms], ["created", dcterms], ["date", dcterms], ["available", dcterms], ["published", atom], ["updated", atom], ["modified", dcterms]),
      updated: allTexts(it, ["modified", dcterms], ["updated", atom]),
      lang: firstText(it, ["language", dc]) ?? lang(it),
      raw: rawOf(it),
    };
  });
  const info = channel ?? root;
  const imageEl = kid(channel, "image", rssCore) ?? kid(root, "image", rssCore);
  const imageRef = imageEl ? (text(kid(imageEl, "url", rssCore)) ?? attr(imageEl, "about", NS.rdf) ?? attr(imageEl, "resource", NS.rdf)) : null;
  const itunesImage = kid(channel, "image", inNs(NS.itunes));
  return {
    kind: rdf ? "rdf" : "rss",
    version: rdf ? (root.ns === NS.rss090 || elementsOf(root).some((e) => e.ns === NS.rss090) ? "0.90" : "1.0") : attr(root, "version"),
    title: firstText(info, ["title", rssCore], ["title", dc]),
    description: firstText(info, ["description", rssCore], ["description", dc]),
    link: absoluteUrl(firstText(info, ["link", rssCore]), chBase) ?? atomLink(info, "alternate", atom, chBase),
    language: firstText(info, ["language", rssCore], ["language", dc]) ?? lang(channel) ?? lang(root),
    image: absoluteUrl(imageRef, chBase) ?? (itunesImage ? absoluteUrl(attr(itunesImage, "href"), chBase) : null),
    contacts: [firstText(info, ["managingEditor", rssCore]), firstText(info, ["webMaster", rssCore])].filter((x): x is string => !!x),
    items,
    nextUrl: atomLink(info, "next", atom, chBase),
  };
}

function parseAtom(root: XmlElement, docUrl: string | null): ParsedFeed {
  const base = baseOf(root, docUrl);
  const dc = inNs(NS.dc);
  const items = kids(root, "entry", atomEl).map((e): FeedItem => {
    const eBase = baseOf(e, base);
    const content = atomText(kid(e, "content", atomEl));
    return {
      guid: text(kid(e, "id", atomEl)),
      url: atomLink(e, "alternate", atomEl, eBase),
      title: decodeEntities(atomText(kid(e, "title", atomEl)) ?? ""),
      body: content || atomText(kid(e, "summary", atomEl)) || "",
      published: allTexts(e, ["published", atomEl], ["issued", atomEl], ["created", atomEl], ["updated", atomEl], ["modified", atomEl], ["date", dc]),
      updated: allTexts(e, ["updated", atomEl], ["modified", atomEl]),
      lang: lang(e),
      raw: rawOf(e),
    };
  });
  const author = kid(root, "author", atomEl);
  return {
    kind: "atom",
    version: root.ns === NS.atom03 || attr(root, "version") === "0.3" ? "0.3" : "1.0",
    title: atomText(kid(root, "title", atomEl)) || null,
    description: atomText(kid(root, "subtitle", atomEl) ?? kid(root, "tagline", atomEl)) || null,
    link: atomLink(root, "alternate", atomEl, base),
    language: lang(root),
    image: absoluteUrl(text(kid(root, "logo", atomEl)) ?? text(kid(root, "icon", atomEl)), base),
    contacts: author ? [text(kid(author, "email", atomEl)), text(kid(author, "uri", atomEl))].filter((x): x is string => !!x) : [],
    items,
    nextUrl: atomLink(root, "next", atomEl, base),
  };
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)[\s>]/i;

/** Parses a decoded feed document; every failure is a FeedParseError. `docUrl` resolves relative links. */
export function parseFeed(xml: string, docUrl: string | null = null): ParsedFeed {
  if (HTML_START.test(xml.replace(/^\uFEFF/, "").slice(0, 2000))) throw new FeedParseError("HTML page instead of a feed", true);
  let root: XmlElement;
  try {
    root = parseXml(xml);
  } catch (err) {
    if (err instanceof XmlError) throw new FeedParseError(`malformed XML: ${err.message}`);
    throw err;
  }
  switch (root.local.toLowerCase()) {
    case "rss":
    case "rdf":
      return parseRss(root, docUrl);
    case "feed":
      return parseAtom(root, docUrl);
    case "html":
      throw new FeedParseError("HTML page instead of a feed", true);
    default:
      throw new FeedParseError(`neither RSS, RDF nor Atom: the document's root is <${root.name.slice(0, 60)}>`);
  }
}
