/**
 * Per-function accuracy of the scorer on our own functional hate suite (./functional-hate.ts),
 * Arabic and English apart. Pure: `scripts/scoring/eval-functional.ts` and `npm run eval:scorer`
 * print the table.
 */
import { scoreItem } from "../score";
import { FUNCTIONAL_CASES, HATEFUL_FUNCTIONS, type FunctionalCase, type HateFunction, type Lang } from "./functional-hate";
import { HATE_SENTENCES } from "./hate-sentences";

export interface FunctionRow {
  fn: HateFunction;
  lang: Lang;
  hateful: boolean;
  total: number;
  correct: number;
  accuracy: number;
}

export interface FunctionalReport {
  rows: FunctionRow[];
  /** Accuracy over all cases of a language (hateful and not). */
  overall: Record<Lang, { total: number; correct: number; accuracy: number }>;
  /** Cases the scorer got wrong, with the flags it raised. */
  misses: { c: FunctionalCase; got: string[] }[];
  /** The natural sentences of ./hate-sentences.ts, judged the same way. */
  sentences: Record<Lang, { total: number; correct: number; accuracy: number }>;
  table: string;
}

/** Right: a hateful case raises a "hate" flag; a non-hateful one raises no "hate" or "offensive" flag. */
export function judge(c: Pick<FunctionalCase, "text" | "hateful">): { right: boolean; got: string[] } {
  const r = scoreItem({ text: c.text, accountClass: "employee", kind: "post" });
  const got = r.flags.map((f) => `${f.rule}:${f.category}`);
  const hate = r.flags.some((f) => f.category === "hate");
  const off = r.flags.some((f) => f.category === "offensive");
  return { right: c.hateful ? hate : !hate && !off, got };
}

export function functionalReport(cases: readonly FunctionalCase[] = FUNCTIONAL_CASES): FunctionalReport {
  const rows = new Map<string, FunctionRow>();
  const overall: FunctionalReport["overall"] = { ar: { total: 0, correct: 0, accuracy: 0 }, en: { total: 0, correct: 0, accuracy: 0 } };
  const misses: FunctionalReport["misses"] = [];
  for (const c of cases) {
    const key = `${c.fn}/${c.lang}`;
    let row = rows.get(key);
    if (!row) rows.set(key, (row = { fn: c.fn, lang: c.lang, hateful: HATEFUL_FUNCTIONS.has(c.fn), total: 0, correct: 0, accuracy: 0 }));
    const { right, got } = judge(c);
    row.total++;
    overall[c.lang].total++;
    if (right) {
      row.correct++;
      overall[c.lang].correct++;
    } else misses.push({ c, got });
  }
  for (const r of rows.values()) r.accuracy = r.correct / r.total;
  for (const l of ["ar", "en"] as const) overall[l].accuracy = overall[l].total ? overall[l].correct / overall[l].total : 0;
  const sentences: FunctionalReport["sentences"] = { ar: { total: 0, correct: 0, accuracy: 0 }, en: { total: 0, correct: 0, accuracy: 0 } };
  for (const [text, hateful] of HATE_SENTENCES) {
    const l: Lang = /[\u0600-\u06ff]/.test(text) ? "ar" : "en";
    sentences[l].total++;
    if (judge({ text, hateful }).right) sentences[l].correct++;
    else misses.push({ c: { fn: hateful ? "generalisation" : "neutral-mention", lang: l, text, hateful }, got: judge({ text, hateful }).got });
  }
  for (const l of ["ar", "en"] as const) sentences[l].accuracy = sentences[l].total ? sentences[l].correct / sentences[l].total : 0;
  const list = [...rows.values()];
  const pct = (x: { correct: number; total: number; accuracy: number }) => `${(100 * x.accuracy).toFixed(1)}% (${x.correct}/${x.total})`;
  const table = `${formatTable(list, overall)}\n${"sentences".padEnd(16)} ${"mixed".padEnd(8)} ${pct(sentences.ar).padEnd(16)} ${pct(sentences.en)}`;
  return { rows: list, overall, misses, sentences, table };
}

function formatTable(rows: FunctionRow[], overall: FunctionalReport["overall"]): string {
  const fns = [...new Set(rows.map((r) => r.fn))];
  const cell = (fn: HateFunction, lang: Lang) => {
    const r = rows.find((x) => x.fn === fn && x.lang === lang);
    return r ? `${(100 * r.accuracy).toFixed(0).padStart(3)}% (${r.correct}/${r.total})` : "—";
  };
  const lines = [
    "functional hate suite (ours; hateful = a hate flag, not hateful = no hate/offensive flag)",
    `${"function".padEnd(16)} ${"kind".padEnd(8)} ${"Arabic".padEnd(16)} English`,
  ];
  for (const fn of fns) {
    const hateful = HATEFUL_FUNCTIONS.has(fn) ? "hateful" : "contrast";
    lines.push(`${fn.padEnd(16)} ${hateful.padEnd(8)} ${cell(fn, "ar").padEnd(16)} ${cell(fn, "en")}`);
  }
  const pct = (l: Lang) => `${(100 * overall[l].accuracy).toFixed(1)}% (${overall[l].correct}/${overall[l].total})`;
  lines.push(`${"all".padEnd(16)} ${"".padEnd(8)} ${pct("ar").padEnd(16)} ${pct("en")}`);
  return lines.join("\n");
}
