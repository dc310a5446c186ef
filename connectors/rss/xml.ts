/**
 * A small XML parser, lenient where feed readers are lenient and safe where they must be:
 * - junk before the XML declaration (whitespace, comments, a PHP warning) is skipped, and text
 *   outside the root element is ignored;
 * - a bare `&`, an unknown entity or a `<` that starts no tag is kept as text; HTML named entities
 *   (&nbsp;, &eacute;, &rlm; …) are decoded; an end tag closes the open elements above its match
 *   and a stray end tag is ignored;
 * - a DOCTYPE is read but nothing outside the document is ever fetched: only internal entities
 *   with literal values are expanded, never recursively, within a total budget (no XXE, no
 *   billion laughs);
 * - a document that ends inside an element, a tag, a comment or CDATA is an XmlError (a cut or
 *   broken transfer must not pass as a shorter feed).
 * Namespaces are resolved (prefix → URI), with well-known feed prefixes assumed when undeclared.
 */
import { HTML_ENTITIES } from "./entities";

export const XML_NS = "http://www.w3.org/XML/1998/namespace";

/** Prefixes feeds use without declaring them. */
const WELL_KNOWN: Record<string, string> = {
  dc: "http://purl.org/dc/elements/1.1/",
  dcterms: "http://purl.org/dc/terms/",
  content: "http://purl.org/rss/1.0/modules/content/",
  atom: "http://www.w3.org/2005/Atom",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  xhtml: "http://www.w3.org/1999/xhtml",
  media: "http://search.yahoo.com/mrss/",
  itunes: "http://www.itunes.com/dtds/podcast-1.0.dtd",
};

export interface XmlAttr {
  name: string;
  local: string;
  ns: string;
  value: string;
}

export interface XmlElement {
  /** Qualified name as written (e.g. "dc:date"). */
  name: string;
  local: string;
  /** Namespace URI; "" for none. */
  ns: string;
  attrs: XmlAttr[];
  children: XmlNode[];
}

export type XmlNode = XmlElement | string;

export class XmlError extends Error {}

export interface XmlLimits {
  /** Deepest element nesting accepted (default 256). */
  maxDepth?: number;
  /** Characters internal DOCTYPE entities may add in total (default 1,000,000). */
  maxEntityExpansion?: number;
}

const PREDEFINED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const NAME_START = /[A-Za-z_:\u00C0-\uFFFF]/;
const ENTITY_REF = /&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8}|[A-Za-z_:][\w.:-]{0,63});/g;
const C1 = new TextDecoder("windows-1252");

/** A numeric character reference's text: C1 code points as HTML reads them (windows-1252), invalid ones as U+FFFD. */
function charRef(e: string): string {
  const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
  if (cp >= 0x80 && cp <= 0x9f) return C1.decode(Uint8Array.of(cp));
  if (!(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff)) return "\uFFFD";
  return String.fromCodePoint(cp);
}

interface Frame {
  el: XmlElement;
  scope: Map<string, string>;
}

class Parser {
  private i: number;
  private readonly stack: Frame[] = [];
  private root: XmlElement | null = null;
  private done = false;
  private readonly entities = new Map<string, string>();
  private expanded = 0;
  private readonly maxDepth: number;
  private readonly maxExpansion: number;

  constructor(
    private readonly s: string,
    limits: XmlLimits,
  ) {
    this.maxDepth = limits.maxDepth ?? 256;
    this.maxExpansion = limits.maxEntityExpansion ?? 1_000_000;
    const decl = s.slice(0, 4096).search(/<\?xml\s/);
    this.i = decl > 0 ? decl : 0;
  }

  run(): XmlElement {
    const s = this.s;
    const n = s.length;
    while (this.i < n && !this.done) {
      const lt = s.indexOf("<", this.i);
      if (lt < 0) {
        this.text(s.slice(this.i));
        this.i = n;
        break;
      }
      if (lt > this.i) this.text(s.slice(this.i, lt));
      this.i = lt;
      if (s.startsWith("<!--", lt)) this.i = this.after("-->", lt + 4, "comment");
      else if (s.startsWith("<![CDATA[", lt)) {
        const end = this.find("]]>", lt + 9, "CDATA section");
        this.append(s.slice(lt + 9, end));
        this.i = end + 3;
      } else if (s.startsWith("<!", lt)) {
        if (/^<!DOCTYPE/i.test(s.slice(lt, lt + 9))) this.doctype(lt + 9);
        else this.i = this.after(">", lt + 2, "declaration");
      } else if (s.startsWith("<?", lt)) this.i = this.after("?>", lt + 2, "processing instruction");
      else if (s[lt + 1] === "/") this.endTag(lt);
      else if (NAME_START.test(s[lt + 1] ?? "")) this.startTag(lt);
      else {
        this.text("<");
        this.i = lt + 1;
      }
    }
    if (this.stack.length) throw new XmlError(`document ends inside <${this.stack[this.stack.length - 1].el.name}> (cut off or malformed)`);
    if (!this.root) throw new XmlError("no root element");
    return this.root;
  }

  private find(token: string, from: number, what: string): number {
    const at = this.s.indexOf(token, from);
    if (at < 0) throw new XmlError(`unterminated ${what} at offset ${from}`);
    return at;
  }

  private after(token: string, from: number, what: string): number {
    return this.find(token, from, what) + token.length;
  }

  private append(t: string): void {
    const top = this.stack[this.stack.length - 1];
    if (!top || !t) return; // text outside the root element is ignored
    const kids = top.el.children;
    if (typeof kids[kids.length - 1] === "string") kids[kids.length - 1] += t;
    else kids.push(t);
  }

  private text(raw: string): void {
    if (this.stack.length) this.append(this.decode(raw.replace(/\r\n?/g, "\n")));
  }

  decode(t: string): string {
    if (!t.includes("&")) return t;
    return t.replace(ENTITY_REF, (m, e: string) => {
      if (e[0] === "#") return charRef(e);
      const pre = PREDEFINED[e];
      if (pre !== undefined) return pre;
      const declared = this.entities.get(e);
      if (declared !== undefined) {
        this.expanded += declared.length;
        if (this.expanded > this.maxExpansion) throw new XmlError(`entity expansion exceeds ${this.maxExpansion} characters`);
        return declared;
      }
      return HTML_ENTITIES.get(e) ?? m;
    });
  }

  private skipSpace(j: number): number {
    while (j < this.s.length && /\s/.test(this.s[j])) j++;
    return j;
  }

  private startTag(lt: number): void {
    const s = this.s;
    const NAME = /[^\s/>="'<]+/y;
    NAME.lastIndex = lt + 1;
    const name = NAME.exec(s)![0];
    let j = NAME.lastIndex;
    const raw: [string, string][] = [];
    let selfClose = false;
    for (;;) {
      j = this.skipSpace(j);
      if (j >= s.length || s[j] === "<") throw new XmlError(`unterminated tag <${name}> at offset ${lt}`);
      if (s[j] === ">") {
        j++;
        break;
      }
      if (s[j] === "/" && s[j + 1] === ">") {
        j += 2;
        selfClose = true;
        break;
      }
      NAME.lastIndex = j;
      const an = NAME.exec(s);
      if (!an) {
        j++; // a stray quote, "=" or "/" inside a tag
        continue;
      }
      j = this.skipSpace(NAME.lastIndex);
      let value = an[0];
      if (s[j] === "=") {
        j = this.skipSpace(j + 1);
        const q = s[j];
        if (q === '"' || q === "'") {
          const end = s.indexOf(q, j + 1);
          if (end < 0) throw new XmlError(`unterminated attribute ${an[0]} in <${name}> at offset ${lt}`);
          value = s.slice(j + 1, end);
          j = end + 1;
        } else {
          const UNQUOTED = /[^\s>]+/y;
          UNQUOTED.lastIndex = j;
          const u = UNQUOTED.exec(s);
          value = u ? u[0] : "";
          j = u ? UNQUOTED.lastIndex : j;
        }
      }
      raw.push([an[0], this.decode(value).replace(/[\t\n\r]/g, " ")]);
    }
    this.i = j;
    this.open(name, raw, selfClose);
  }

  private open(name: string, raw: [string, string][], selfClose: boolean): void {
    const parent = this.stack[this.stack.length - 1];
    const parentScope = parent?.scope ?? new Map<string, string>();
    let scope = parentScope;
    for (const [k, v] of raw) {
      if (k === "xmlns" || k.startsWith("xmlns:")) {
        if (scope === parentScope) scope = new Map(parentScope);
        scope.set(k === "xmlns" ? "" : k.slice(6), v);
      }
    }
    const el: XmlElement = {
      name,
      ...qualify(name, scope, true),
      attrs: raw.filter(([k]) => k !== "xmlns" && !k.startsWith("xmlns:")).map(([k, v]) => ({ name: k, ...qualify(k, scope, false), value: v })),
      children: [],
    };
    if (parent) parent.el.children.push(el);
    else if (!this.root) this.root = el;
    if (selfClose) {
      if (!parent) this.done = true;
      return;
    }
    if (this.stack.length >= this.maxDepth) throw new XmlError(`elements nested deeper than ${this.maxDepth}`);
    this.stack.push({ el, scope });
  }

  private endTag(lt: number): void {
    const end = this.find(">", lt + 2, "end tag");
    const name = this.s.slice(lt + 2, end).trim();
    this.i = end + 1;
    let k = this.stack.length - 1;
    while (k >= 0 && this.stack[k].el.name !== name) k--;
    if (k < 0) {
      const lower = name.toLowerCase();
      k = this.stack.length - 1;
      while (k >= 0 && this.stack[k].el.name.toLowerCase() !== lower) k--;
    }
    if (k < 0) return; // a stray end tag
    this.stack.length = k;
    if (k === 0) this.done = true;
  }

  /** Skips a DOCTYPE, recording internal entities with literal values. */
  private doctype(from: number): void {
    const s = this.s;
    let j = from;
    for (;;) {
      if (j >= s.length) throw new XmlError("unterminated DOCTYPE");
      const c = s[j];
      if (c === '"' || c === "'") j = this.find(c, j + 1, "DOCTYPE literal") + 1;
      else if (c === ">") {
        this.i = j + 1;
        return;
      } else if (c === "[") j = this.internalSubset(j + 1);
      else j++;
    }
  }

  private internalSubset(from: number): number {
    const s = this.s;
    let j = from;
    for (;;) {
      if (j >= s.length) throw new XmlError("unterminated DOCTYPE internal subset");
      if (s[j] === "]") return j + 1;
      if (s.startsWith("<!--", j)) j = this.after("-->", j + 4, "comment in DOCTYPE");
      else if (s.startsWith("<?", j)) j = this.after("?>", j + 2, "processing instruction in DOCTYPE");
      else if (s.startsWith("<!", j)) {
        let k = j + 2;
        while (k < s.length && s[k] !== ">") k = s[k] === '"' || s[k] === "'" ? this.find(s[k], k + 1, "DOCTYPE literal") + 1 : k + 1;
        if (k >= s.length) throw new XmlError("unterminated declaration in DOCTYPE");
        this.declare(s.slice(j, k + 1));
        j = k + 1;
      } else j++;
    }
  }

  private declare(decl: string): void {
    // Internal general entities only: parameter (%) and external (SYSTEM/PUBLIC) ones are ignored.
    const m = /^<!ENTITY\s+([A-Za-z_:][\w.:-]*)\s+(["'])([\s\S]*)\2\s*>$/.exec(decl);
    if (!m || this.entities.has(m[1]) || this.entities.size >= 1000 || m[3].length > 10_000) return;
    // Character references are expanded at declaration; entity references inside stay literal.
    this.entities.set(m[1], m[3].replace(/&(#[0-9]{1,8}|#[xX][0-9a-fA-F]{1,8});/g, (_m, e: string) => charRef(e)));
  }
}

function qualify(qname: string, scope: Map<string, string>, element: boolean): { local: string; ns: string } {
  const c = qname.indexOf(":");
  if (c <= 0 || c === qname.length - 1) return { local: qname, ns: element ? (scope.get("") ?? "") : "" };
  const prefix = qname.slice(0, c);
  const ns = prefix === "xml" ? XML_NS : (scope.get(prefix) ?? WELL_KNOWN[prefix.toLowerCase()] ?? `undeclared:${prefix}`);
  return { local: qname.slice(c + 1), ns };
}

export function parseXml(text: string, limits: XmlLimits = {}): XmlElement {
  return new Parser(text, limits).run();
}

export function elementsOf(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => typeof c !== "string");
}

/** An attribute by local name and namespace ("" for unprefixed attributes). */
export function attr(el: XmlElement, local: string, ns = ""): string | null {
  return el.attrs.find((a) => a.local === local && a.ns === ns)?.value ?? null;
}

/** All text inside an element, tags dropped. */
export function textContent(el: XmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : textContent(c))).join("");
}

const VOID = new Set(["br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "track", "wbr"]);
const escapeHtml = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/**
 * The content of an element as an HTML string. `textIsHtml`: its own text children are HTML
 * source (escaped HTML, CDATA, type="html"); text inside child elements is always literal.
 */
export function innerHtml(el: XmlElement, textIsHtml: boolean): string {
  const out: string[] = [];
  const walk = (nodes: XmlNode[], asHtml: boolean) => {
    for (const n of nodes) {
      if (typeof n === "string") out.push(asHtml ? n : escapeHtml(n));
      else if (VOID.has(n.local.toLowerCase())) out.push(`<${n.local}/>`);
      else {
        out.push(`<${n.local}>`);
        walk(n.children, false);
        out.push(`</${n.local}>`);
      }
    }
  };
  walk(el.children, textIsHtml);
  return out.join("");
}

/** A JSON view of an element for the raw record (attributes as "@_name", text as "#text", repeats as arrays). */
export function toJson(el: XmlElement, depth = 0): unknown {
  const kids = elementsOf(el);
  const text = el.children.filter((c): c is string => typeof c === "string").join("").trim();
  if (!kids.length && !el.attrs.length) return text;
  const obj = Object.create(null) as Record<string, unknown>; // element names like __proto__ are plain keys
  for (const a of el.attrs) obj[`@_${a.name}`] = a.value;
  for (const k of kids) {
    const v = depth >= 16 ? textContent(k).trim() : toJson(k, depth + 1);
    const prev = obj[k.name];
    obj[k.name] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
  }
  if (text) obj["#text"] = text;
  return obj;
}
