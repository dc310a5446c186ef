/** poppler-utils wrappers for the report tests. */
import { execFileSync } from "node:child_process";

export const pdftotext = (file: string): string => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
export const pdftotextRaw = (file: string): string => execFileSync("pdftotext", [file, "-"], { encoding: "utf8" });

export function pdffonts(file: string): { name: string; emb: string }[] {
  const lines = execFileSync("pdffonts", [file], { encoding: "utf8" }).split("\n").slice(2).filter(Boolean);
  // name type… encoding emb sub uni object ID: emb is the 5th field from the end.
  return lines.map((l) => {
    const f = l.trim().split(/\s+/);
    return { name: f[0], emb: f[f.length - 5] };
  });
}

export function pdfPages(file: string): number {
  const m = /Pages:\s+(\d+)/.exec(execFileSync("pdfinfo", [file], { encoding: "utf8" }));
  return Number(m?.[1]);
}

export function toPngs(file: string, prefix: string): void {
  execFileSync("pdftoppm", ["-png", "-r", "80", file, prefix]);
}

/** Arabic-Indic digits, as the Arabic report prints numbers. */
export const arDigits = (n: number | string): string => String(n).replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + Number(c)));

/**
 * pdftotext maps some Arabic glyph clusters back in visual order ("مؤشرات" comes out "مؤرشات",
 * "الأسبوع" as "األسبوع"), so Arabic words are compared as letter multisets, word by word.
 */
const wordKey = (w: string) => [...w.replace(/[\u064B-\u065F\u0670\u200c-\u200f\u202a-\u202e]/g, "")].sort().join("");
export function hasWords(text: string, phrase: string): boolean {
  const words = new Set(text.split(/[\s:()،,·—]+/).filter(Boolean).map(wordKey));
  return phrase.split(/\s+/).filter(Boolean).every((w) => words.has(wordKey(w)));
}
