/**
 * The one CSV writer of every export (RFC 4180, UTF-8 with a byte-order mark so Excel reads
 * Arabic): fields with a comma, quote, CR or LF are quoted and their quotes doubled; rows end in
 * CRLF. Text cells that a spreadsheet would run as a formula (starting with =, +, -, @, tab or
 * CR) are neutralised with a leading apostrophe (OWASP "CSV injection"): exported text is often
 * untrusted (posts, bios, notes). Numbers are written as numbers; a negative number is not text.
 */

export type Cell = string | number | boolean | null | undefined;

/** Starts with a formula trigger: = + - @, tab or carriage return. */
const FORMULA = /^[=+\-@\t\r]/;

export const CSV_BOM = "\uFEFF";

/** A text cell made safe to open in a spreadsheet (the apostrophe makes it plain text). */
export function neutralise(s: string): string {
  return FORMULA.test(s) ? `'${s}` : s;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return "";
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "";
  if (typeof v === "boolean") return v ? "true" : "false";
  const s = neutralise(v);
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(cells: readonly Cell[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i ? "," : "") + csvCell(cells[i]);
  return out + "\r\n";
}
