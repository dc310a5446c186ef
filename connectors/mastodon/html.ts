/**
 * Mastodon status and bio HTML → readable text. Servers send sanitized HTML: paragraphs, line
 * breaks, links (the URL split into visible and "invisible" spans: their text together is the full
 * URL), mentions and hashtags, and from remote or Markdown-capable servers (GoToSocial, Akkoma,
 * Misskey) lists, quotes, code and headings. Paragraphs become blank-line-separated blocks, <br> a
 * newline, list items "• item" or "1. item" (nested two spaces deeper), quotes "> " lines; <pre>
 * keeps its whitespace; everything else is its text. Entities are decoded.
 */
import { decodeEntities } from "../text";

interface Node {
  tag: string;
  children: (Node | string)[];
}

const VOID = new Set(["br", "img", "hr", "input", "meta", "link", "wbr", "source"]);
const BLOCK = new Set(["p", "div", "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "section", "article", "header", "footer", "figure"]);

/** A lenient tree: unknown closing tags are ignored, unclosed ones close with their parent. */
function parse(html: string): Node {
  const root: Node = { tag: "#root", children: [] };
  const stack: Node[] = [root];
  const re = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|[^<]+|</g;
  for (const m of html.matchAll(re)) {
    const tok = m[0];
    if (tok.startsWith("<!--")) continue;
    if (!m[1]) {
      stack[stack.length - 1].children.push(tok);
      continue;
    }
    const tag = m[1].toLowerCase();
    if (tok.startsWith("</")) {
      const at = stack.map((n) => n.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
      continue;
    }
    // Implied end tags, as browsers read them: a block closes an open <p>, an <li> the previous <li>.
    const close = (name: string, stopAt: string[]) => {
      for (let i = stack.length - 1; i > 0 && !stopAt.includes(stack[i].tag); i--) {
        if (stack[i].tag === name) {
          stack.length = i;
          return;
        }
      }
    };
    if (BLOCK.has(tag) && tag !== "li") close("p", ["li", "blockquote", "div"]);
    if (tag === "li") close("li", ["ul", "ol"]);
    const node: Node = { tag, children: [] };
    stack[stack.length - 1].children.push(node);
    if (!VOID.has(tag) && !tok.endsWith("/>")) stack.push(node);
  }
  return root;
}

/** Inline text of a node (no blocks inside): <br> → "\n", whitespace collapsed outside <pre>. */
function inline(n: Node | string, pre: boolean): string {
  if (typeof n === "string") return pre ? decodeEntities(n) : decodeEntities(n.replace(/[ \t\r\n\f]+/g, " "));
  if (n.tag === "br") return "\n";
  return n.children.map((c) => inline(c, pre || n.tag === "pre")).join("");
}

const tidy = (s: string) =>
  s
    .split("\n")
    .map((l) => l.replace(/^ +| +$/g, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");

/** The blocks (paragraph strings) a node's children make. */
function blocks(n: Node): string[] {
  const out: string[] = [];
  let run: (Node | string)[] = [];
  const flush = () => {
    const t = tidy(run.map((c) => inline(c, false)).join(""));
    if (t) out.push(t);
    run = [];
  };
  for (const c of n.children) {
    if (typeof c === "string" || !BLOCK.has(c.tag)) {
      run.push(c);
      continue;
    }
    flush();
    out.push(...block(c));
  }
  flush();
  return out;
}

function block(n: Node): string[] {
  switch (n.tag) {
    case "pre": {
      const t = inline(n, true).replace(/^\n+|\n+$/g, "");
      return t ? [t] : [];
    }
    case "ul":
    case "ol": {
      const lines: string[] = [];
      let i = 0;
      for (const li of n.children) {
        if (typeof li === "string" || li.tag !== "li") continue;
        i++;
        const marker = n.tag === "ol" ? `${i}. ` : "• ";
        const body = blocks(li).join("\n").split("\n");
        lines.push(marker + body[0], ...body.slice(1).map((l) => `  ${l}`));
      }
      return lines.length ? [lines.join("\n")] : [];
    }
    case "blockquote": {
      const inner = blocks(n).join("\n\n");
      return inner ? [inner.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n")] : [];
    }
    case "hr":
      return [];
    default:
      return blocks(n);
  }
}

/** Readable text of Mastodon HTML (see the module comment). */
export function mastodonHtmlToText(html: string): string {
  return blocks(parse(html)).join("\n\n");
}
