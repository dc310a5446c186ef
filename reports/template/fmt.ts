/** Number and date formatting for the report (Arabic-Indic digits in Arabic, Bahrain dates). */
import type { ReportLocale } from "../types";

const intl = (l: ReportLocale) => (l === "ar" ? "ar-BH-u-nu-arab" : "en-GB");
const nf = new Map<string, Intl.NumberFormat>();

export function num(n: number, l: ReportLocale, maxFraction = 0): string {
  const key = `${l}|${maxFraction}`;
  let f = nf.get(key);
  if (!f) nf.set(key, (f = new Intl.NumberFormat(intl(l), { maximumFractionDigits: maxFraction, useGrouping: true })));
  return f.format(n);
}

/** A 0–100 score rounded as the dashboard shows it (roundScore), or the "n/a" word. */
export function score(v: number | null, l: ReportLocale, na: string): string {
  return v === null ? na : num(Math.round(v), l);
}

/** A change with its sign; U+2212 for minus (it is in the bundled fonts). */
export function signed(v: number | null, l: ReportLocale, na: string): string {
  if (v === null) return na;
  const r = Math.round(v);
  if (r === 0) return num(0, l);
  return `${r > 0 ? "+" : "\u2212"}${num(Math.abs(r), l)}`;
}

/** "1 Nov 2026" / "١ نوفمبر ٢٠٢٦" for a Bahrain day. */
export function day(d: string, l: ReportLocale): string {
  return new Intl.DateTimeFormat(intl(l), { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" }).format(new Date(`${d}T00:00:00Z`));
}

export function dateTime(ms: number, l: ReportLocale): string {
  return new Intl.DateTimeFormat(intl(l), {
    timeZone: "Asia/Bahrain",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(new Date(ms));
}
