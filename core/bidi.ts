/**
 * Bidirectional formatting controls in free text. The embeddings and overrides (U+202A–U+202E:
 * LRE, RLE, PDF, LRO, RLO) and the isolates (U+2066–U+2069: LRI, RLI, FSI, PDI) make a renderer
 * reorder the characters that follow: "report\u202Egnp.exe" shows as "reportexe.png" in a page or
 * a PDF. Names, titles, notes and CSV cells never need them, so they are refused, as handles
 * already refuse them. The marks U+200E/U+200F (LRM, RLM) and U+061C (ALM) are allowed: they
 * only give a neutral character a direction (Arabic text with Latin names uses them) and cannot
 * reverse a run of text. Shared by the registry forms, the review note and the CSV import.
 */

const CONTROLS = /[\u202A-\u202E\u2066-\u2069]/;

/** The first bidi embedding/override/isolate control in `s` as "U+202E", or null. */
export function bidiControlIn(s: string): string | null {
  const m = CONTROLS.exec(s);
  return m ? `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}` : null;
}

export function hasBidiControl(s: string): boolean {
  return CONTROLS.test(s);
}
