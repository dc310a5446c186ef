/**
 * The report fonts, read from the npm @fontsource packages and embedded as base64 data URLs, so a
 * PDF never depends on what fonts the host has. Only these two families are registered; the CSS
 * font stacks name nothing else (an unregistered name would silently fall back to system fonts).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { RANGES } from "./glyphs";

export const SANS = "IBM Plex Sans Arabic";
export const NASKH = "Noto Naskh Arabic";
/** Body text: Plex for Arabic and Latin; Naskh only covers what Plex lacks (it is never reached in practice). */
export const FONT_STACK = `"${SANS}", "${NASKH}"`;
/** Quoted post excerpts are set in Naskh, the book hand readers expect for quoted Arabic text. */
export const QUOTE_STACK = `"${NASKH}", "${SANS}"`;

type Subset = keyof typeof RANGES;

const FAMILIES: { family: string; pkg: string; file: string; weights: number[] }[] = [
  { family: SANS, pkg: "@fontsource/ibm-plex-sans-arabic", file: "ibm-plex-sans-arabic", weights: [400, 700] },
  { family: NASKH, pkg: "@fontsource/noto-naskh-arabic", file: "noto-naskh-arabic", weights: [400] },
];

const require = createRequire(import.meta.url);
function fontFile(pkg: string, name: string): string {
  return join(dirname(require.resolve(`${pkg}/package.json`)), "files", name);
}

const cachedCss = new Map<string, string>();

/**
 * @font-face rules with embedded woff2 data (built once per process, ~0.3 MB). `minimal` is only
 * Plex regular, Arabic + Latin (~80 KB): for the header/footer, which Chromium lays out per page.
 */
export function fontFaceCss(minimal = false): string {
  const key = minimal ? "min" : "all";
  const hit = cachedCss.get(key);
  if (hit) return hit;
  const rules: string[] = [];
  for (const f of minimal ? FAMILIES.slice(0, 1) : FAMILIES) {
    for (const w of minimal ? [400] : f.weights) {
      for (const subset of (minimal ? ["arabic", "latin"] : Object.keys(RANGES)) as Subset[]) {
        const data = readFileSync(fontFile(f.pkg, `${f.file}-${subset}-${w}-normal.woff2`)).toString("base64");
        rules.push(
          `@font-face{font-family:"${f.family}";font-style:normal;font-weight:${w};font-display:block;` +
            `src:url(data:font/woff2;base64,${data}) format("woff2");unicode-range:${RANGES[subset]};}`,
        );
      }
    }
  }
  const css = rules.join("\n");
  cachedCss.set(key, css);
  return css;
}

