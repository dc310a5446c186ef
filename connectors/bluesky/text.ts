/**
 * What a Bluesky post shows, as text for scoring: the record's text with link facets shown as
 * their full URLs, then the alt texts of its images ("🖼 alt", "🖼" without one) and video ("🎬"),
 * the external card ("🔗 url", title, description) and the quoted post's text with every line
 * marked "> ". Blocks are separated by a blank line. An image-only post is therefore never empty.
 * Reads the hydrated embed view when there is one (it carries the quote), else the record's embed.
 */

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === "string" ? v : "");
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const typeOf = (v: unknown): string => (isObj(v) ? str(v.$type) : "");

const utf8 = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });

/** `display` is how the app shows `uri` (its short form, maybe cut with "..."): then the URL replaces it. */
function shows(display: string, uri: string): boolean {
  const d = display.trim().replace(/(\.\.\.|…)$/, "");
  if (!d) return false;
  const bare = uri.replace(/^[a-z][a-z0-9+.-]*:\/\//i, "");
  return uri.startsWith(d) || bare.startsWith(d) || bare.replace(/^www\./i, "").startsWith(d);
}

/**
 * The text with each link facet's span shown as its full URL. Facets index UTF-8 bytes; a facet
 * that is out of range, overlaps another or cuts a character is ignored (clients write bad ones).
 */
export function expandLinkFacets(text: string, facets: unknown): string {
  const bytes = utf8.encode(text);
  const links: { start: number; end: number; uri: string }[] = [];
  for (const f of arr(facets)) {
    if (!isObj(f) || !isObj(f.index)) continue;
    const start = f.index.byteStart;
    const end = f.index.byteEnd;
    const uri = arr(f.features).map((x) => (typeOf(x) === "app.bsky.richtext.facet#link" && isObj(x) ? str(x.uri) : "")).find(Boolean);
    if (!uri || typeof start !== "number" || typeof end !== "number" || !Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < 0 || end <= start || end > bytes.length) continue;
    links.push({ start, end, uri });
  }
  links.sort((a, b) => a.start - b.start);
  let out = "";
  let at = 0;
  try {
    for (const l of links) {
      if (l.start < at) continue; // overlaps the previous facet
      const display = strict.decode(bytes.subarray(l.start, l.end));
      out += strict.decode(bytes.subarray(at, l.start)) + (shows(display, l.uri) ? l.uri : `${display} (${l.uri})`);
      at = l.end;
    }
    return out + strict.decode(bytes.subarray(at));
  } catch {
    return text; // a facet cut a character in two: show the text as written
  }
}

interface Parts {
  media: string[];
  external: { uri: string; title: string; description: string } | null;
  quote: string | null;
}

function embedParts(embed: unknown, out: Parts): void {
  const t = typeOf(embed).replace(/#view$/, "");
  if (!isObj(embed)) return;
  switch (t) {
    case "app.bsky.embed.images":
      for (const im of arr(embed.images)) out.media.push(isObj(im) && str(im.alt) ? `🖼 ${str(im.alt)}` : "🖼");
      return;
    case "app.bsky.embed.video":
      out.media.push(str(embed.alt) ? `🎬 ${str(embed.alt)}` : "🎬");
      return;
    case "app.bsky.embed.external": {
      const e = isObj(embed.external) ? embed.external : {};
      out.external = { uri: str(e.uri), title: str(e.title), description: str(e.description) };
      return;
    }
    case "app.bsky.embed.record": {
      // View: { record: viewRecord | viewNotFound | … }; a record embed alone has no text to show.
      const r = embed.record;
      if (typeOf(r) === "app.bsky.embed.record#viewRecord" && isObj(r) && isObj(r.value)) {
        out.quote = expandLinkFacets(str(r.value.text), r.value.facets);
      }
      return;
    }
    case "app.bsky.embed.recordWithMedia":
      embedParts(embed.media, out);
      // View: { record: { record: viewRecord } } (a record#view without $type).
      if (isObj(embed.record)) embedParts({ ...embed.record, $type: "app.bsky.embed.record#view" }, out);
      return;
  }
}

/** The post's text for scoring (see the module comment). `viewEmbed` is postView.embed when hydrated. */
export function blueskyPostText(record: { text: string; facets?: unknown; embed?: unknown }, viewEmbed?: unknown): string {
  const parts: Parts = { media: [], external: null, quote: null };
  embedParts(viewEmbed ?? record.embed, parts);
  const blocks = [expandLinkFacets(record.text, record.facets), parts.media.join("\n")];
  if (parts.external) blocks.push([`🔗 ${parts.external.uri}`, parts.external.title, parts.external.description].filter(Boolean).join("\n"));
  if (parts.quote) blocks.push(parts.quote.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n"));
  return blocks.filter(Boolean).join("\n\n");
}
