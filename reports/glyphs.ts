/**
 * What the embedded report fonts can draw (the @fontsource subsets' unicode ranges), and a filter
 * that keeps untrusted text inside them. Pure, no I/O.
 */

// Subsets and their unicode ranges, as the @fontsource CSS declares them (arabic + latin + latin-ext).
export const RANGES = {
  arabic:
    "U+0600-06FF,U+0750-077F,U+0870-088E,U+0890-0891,U+0897-08E1,U+08E3-08FF,U+200C-200E,U+2010-2011,U+204F,U+2E41,U+FB50-FDFF,U+FE70-FE74,U+FE76-FEFC",
  latin:
    "U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD",
  "latin-ext":
    "U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF",
} as const;
const COVERED: [number, number][] = Object.values(RANGES)
  .flatMap((r) => r.split(","))
  .map((part) => {
    const [a, b] = part.replace(/U\+/g, "").split("-");
    return [parseInt(a, 16), parseInt(b ?? a, 16)] as [number, number];
  });

export function isCovered(codePoint: number): boolean {
  return COVERED.some(([a, b]) => codePoint >= a && codePoint <= b);
}

/**
 * Replaces characters the bundled fonts cannot draw (emoji, CJK, symbols) with "·", so untrusted
 * post text never pulls a system font into the PDF. Newlines and tabs become spaces.
 */
export function printable(text: string): string {
  let out = "";
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x0a || cp === 0x0d || cp === 0x09) out += " ";
    else if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0)) continue;
    else if (cp === 0xfe0f || cp === 0x200d) continue; // emoji variation selector / ZWJ leftovers
    else out += isCovered(cp) ? ch : "·";
  }
  return out;
}
