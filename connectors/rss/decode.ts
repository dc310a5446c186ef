/**
 * Bytes of a feed to text. A byte-order mark is authoritative (UTF-8/16/32); otherwise the HTTP
 * charset, then the XML declaration, then UTF-8 — each tried strictly, the next one used when the
 * bytes are not valid in it. Two corrections for common misconfiguration: Western server defaults
 * (ISO-8859-1, US-ASCII, windows-1252) yield to the XML declaration, and bytes that are valid,
 * non-ASCII UTF-8 are UTF-8 even when a single-byte charset is declared (Arabic or accented text in
 * a single-byte encoding is practically never valid UTF-8). Only undecodable bytes fail.
 */

export class FeedDecodeError extends Error {}

export interface Decoded {
  text: string;
  /** WHATWG name of the encoding used (e.g. "windows-1256"). */
  encoding: string;
  /** Where the encoding came from. */
  source: "bom" | "http" | "xml" | "utf-8";
}

const WESTERN_DEFAULTS = new Set(["windows-1252"]); // iso-8859-1, us-ascii and latin1 all map here
const MULTI_BYTE = new Set(["utf-8", "utf-16le", "utf-16be", "utf-32le", "utf-32be", "gbk", "gb18030", "big5", "euc-jp", "iso-2022-jp", "shift_jis", "euc-kr"]);

/** WHATWG encoding name for a label, or null when unknown (UTF-32 included, which TextDecoder lacks). */
export function encodingName(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (/^(utf-?32|ucs-?4)(le)?$/.test(l)) return "utf-32le";
  if (/^(utf-?32|ucs-?4)be$/.test(l)) return "utf-32be";
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return null;
  }
}

export function charsetOf(contentType: string | null): string | null {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "");
  return m ? m[1] : null;
}

function sniffBom(b: Uint8Array): { encoding: string; skip: number } | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: "utf-8", skip: 3 };
  if (b[0] === 0x00 && b[1] === 0x00 && b[2] === 0xfe && b[3] === 0xff) return { encoding: "utf-32be", skip: 4 };
  if (b[0] === 0xff && b[1] === 0xfe && b[2] === 0x00 && b[3] === 0x00) return { encoding: "utf-32le", skip: 4 };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  return null;
}

/** UTF-16/32 without a BOM, recognised by how "<?" or "<" is laid out (XML 1.0 appendix F). */
function sniffWide(b: Uint8Array): string | null {
  const at = (i: number, ...xs: number[]) => xs.every((x, k) => b[i + k] === x);
  if (at(0, 0x3c, 0, 0, 0)) return "utf-32le";
  if (at(0, 0, 0, 0, 0x3c)) return "utf-32be";
  if (at(0, 0x3c, 0, 0x3f, 0) || at(0, 0x3c, 0, 0x72, 0) || at(0, 0x3c, 0, 0x66, 0)) return "utf-16le";
  if (at(0, 0, 0x3c, 0, 0x3f) || at(0, 0, 0x3c, 0, 0x72) || at(0, 0, 0x3c, 0, 0x66)) return "utf-16be";
  return null;
}

/** The encoding an ASCII-compatible XML declaration names (whitespace or comments may precede it). */
export function declaredEncoding(b: Uint8Array): string | null {
  const head = String.fromCharCode(...b.subarray(0, 1024));
  const m = /<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1] : null;
}

function decodeUtf32(b: Uint8Array, little: boolean): string {
  if (b.length % 4) throw new Error("length not a multiple of 4");
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: string[] = [];
  for (let i = 0; i < b.length; i += 4) {
    const cp = view.getUint32(i, little);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) throw new Error(`invalid code point ${cp.toString(16)}`);
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join("");
}

/** Strict decode; throws when the bytes are not valid in `encoding`. */
function decodeStrict(b: Uint8Array, encoding: string): string {
  if (encoding === "utf-32le" || encoding === "utf-32be") return decodeUtf32(b, encoding === "utf-32le");
  return new TextDecoder(encoding, { fatal: true, ignoreBOM: false }).decode(b);
}

function tryDecode(b: Uint8Array, encoding: string): string | null {
  try {
    return decodeStrict(b, encoding).replace(/^\uFEFF/, "");
  } catch {
    return null;
  }
}

function hasNonAscii(b: Uint8Array): boolean {
  for (let i = 0; i < b.length; i++) if (b[i] >= 0x80) return true;
  return false;
}

export function decodeFeed(bytes: Uint8Array, contentType: string | null): Decoded {
  const bom = sniffBom(bytes);
  if (bom) {
    const text = tryDecode(bytes.subarray(bom.skip), bom.encoding);
    if (text === null) throw new FeedDecodeError(`body starts with a ${bom.encoding} byte-order mark but is not valid ${bom.encoding}`);
    return { text, encoding: bom.encoding, source: "bom" };
  }
  const wide = sniffWide(bytes);
  if (wide) {
    const text = tryDecode(bytes, wide);
    if (text !== null) return { text, encoding: wide, source: "xml" };
  }
  const httpLabel = charsetOf(contentType);
  const xmlLabel = declaredEncoding(bytes);
  const http = httpLabel ? encodingName(httpLabel) : null;
  const xml = xmlLabel ? encodingName(xmlLabel) : null;
  // A declared UTF-16/32 on ASCII-looking bytes (no BOM, not wide) is a wrong declaration.
  const usable = (e: string | null) => (e && !/^utf-(16|32)/.test(e) ? e : null);
  const declared = [usable(http), usable(xml)].filter((e): e is string => !!e);

  if (hasNonAscii(bytes) && declared.every((e) => !MULTI_BYTE.has(e) || e === "utf-8")) {
    const text = tryDecode(bytes, "utf-8");
    if (text !== null) return { text, encoding: "utf-8", source: declared.includes("utf-8") ? (usable(http) === "utf-8" ? "http" : "xml") : "utf-8" };
  }
  const order: { e: string; source: Decoded["source"] }[] = [];
  const h = usable(http);
  const x = usable(xml);
  if (h && !WESTERN_DEFAULTS.has(h)) order.push({ e: h, source: "http" });
  if (x) order.push({ e: x, source: "xml" });
  if (h && WESTERN_DEFAULTS.has(h)) order.push({ e: h, source: "http" });
  order.push({ e: "utf-8", source: "utf-8" });
  for (const { e, source } of order) {
    const text = tryDecode(bytes, e);
    if (text !== null) return { text, encoding: e, source };
  }
  const named = [httpLabel && `HTTP charset "${httpLabel}"${http ? "" : " (unknown)"}`, xmlLabel && `XML encoding "${xmlLabel}"${xml ? "" : " (unknown)"}`].filter(Boolean).join(", ");
  throw new FeedDecodeError(`body is not valid ${named ? `in the declared encoding (${named}) nor in UTF-8` : "UTF-8 and declares no charset"}`);
}
