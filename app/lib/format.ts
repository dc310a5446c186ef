/**
 * Formatting for display: dates and times in Asia/Bahrain, Arabic-Indic digits in Arabic.
 * Latin runs (handles, emails, ISO dates, URLs) inside Arabic text go through <Ltr> so the
 * bidi algorithm does not reorder them.
 *
 * Deterministic on purpose: the same string on the server (Node's ICU) and in any browser (its own
 * ICU, time zone and locale data), so hydration never sees different text. Digits, separators and
 * month names are fixed tables matching the ar-BH (Arabic-Indic digits) and en-GB conventions;
 * Bahrain time is UTC+3 with no DST since 1972. It is also far cheaper than building an
 * Intl formatter per call (which dominated server render time on the dashboard tables).
 */
import { createElement, type ReactNode } from "react";
import type { Locale } from "./i18n";

export const TIME_ZONE = "Asia/Bahrain";
const BAHRAIN_OFFSET_MS = 3 * 3_600_000;

const AR_DIGITS = "٠١٢٣٤٥٦٧٨٩";
const ALM = "\u061C"; // Arabic letter mark, as ICU puts around signs in Arabic
const SEP = {
  ar: { group: "٬", decimal: "٫", minus: `${ALM}-`, percent: `٪${ALM}` },
  en: { group: ",", decimal: ".", minus: "-", percent: "%" },
} as const;

const MONTHS = {
  ar: ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر"],
  en: ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sept", "Oct", "Nov", "Dec"],
} as const;

function toDate(d: Date | number | string): Date {
  return d instanceof Date ? d : new Date(d);
}

/** Digits 0-9 as Arabic-Indic in Arabic (for strings built elsewhere, e.g. "3/7"). */
export function localDigits(s: string, locale: Locale): string {
  return locale === "ar" ? s.replace(/[0-9]/g, (c) => AR_DIGITS[c.charCodeAt(0) - 48]) : s;
}

/** Rounds half away from zero on the decimal representation (1.005 → 1.01, like Intl). */
function roundTo(abs: number, digits: number): number {
  if (digits === 0) return Math.round(abs);
  const r = Number(`${Math.round(Number(`${abs}e${digits}`))}e-${digits}`);
  return Number.isFinite(r) ? r : abs;
}

function group(int: string, sep: string): string {
  if (int.length <= 3) return int;
  let out = "";
  const head = int.length % 3 || 3;
  out = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) out += sep + int.slice(i, i + 3);
  return out;
}

export interface NumberOptions {
  style?: "decimal" | "percent";
  minimumFractionDigits?: number;
  maximumFractionDigits?: number;
  useGrouping?: boolean;
}

/** A number with grouping and up to 3 decimals (by default), in the locale's digits. */
export function formatNumber(n: number, locale: Locale, opts?: NumberOptions): string {
  const s = SEP[locale === "ar" ? "ar" : "en"];
  const percent = opts?.style === "percent";
  const x = percent ? n * 100 : n;
  if (!Number.isFinite(x)) return Number.isNaN(x) ? "NaN" : `${x < 0 ? s.minus : ""}∞`;
  const minFd = Math.max(0, Math.min(20, opts?.minimumFractionDigits ?? 0));
  const maxFd = Math.max(minFd, Math.min(20, opts?.maximumFractionDigits ?? (percent ? Math.max(0, minFd) : Math.max(3, minFd))));
  const rounded = roundTo(Math.abs(x), maxFd);
  let [int, frac = ""] = (rounded >= 1e21 ? BigInt(Math.round(rounded)).toString() : rounded.toFixed(maxFd)).split(".");
  frac = frac.replace(/0+$/, "");
  if (frac.length < minFd) frac = frac.padEnd(minFd, "0");
  int = opts?.useGrouping === false ? int : group(int, s.group);
  let out = frac ? `${int}${s.decimal}${frac}` : int;
  if (x < 0 && rounded !== 0) out = s.minus + out;
  if (percent) out += s.percent;
  return localDigits(out, locale);
}

export function formatPercent(fraction: number, locale: Locale): string {
  return formatNumber(fraction, locale, { style: "percent", maximumFractionDigits: 0 });
}

function bahrainParts(d: Date | number | string) {
  const t = toDate(d).getTime();
  if (Number.isNaN(t)) throw new RangeError("Invalid time value");
  const b = new Date(t + BAHRAIN_OFFSET_MS);
  return { y: b.getUTCFullYear(), m: b.getUTCMonth(), d: b.getUTCDate(), h: b.getUTCHours(), min: b.getUTCMinutes() };
}

/** "1 Nov 2026" / "١ نوفمبر ٢٠٢٦" in Bahrain time. */
export function formatDate(d: Date | number | string, locale: Locale): string {
  const p = bahrainParts(d);
  const l = locale === "ar" ? "ar" : "en";
  return localDigits(`${p.d} ${MONTHS[l][p.m]} ${p.y}`, locale);
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Date and 24-hour time in Bahrain time: "2 Sept 2026, 00:05" / "٢ سبتمبر ٢٠٢٦، ٠٠:٠٥". */
export function formatDateTime(d: Date | number | string, locale: Locale): string {
  const p = bahrainParts(d);
  const l = locale === "ar" ? "ar" : "en";
  return localDigits(`${p.d} ${MONTHS[l][p.m]} ${p.y}${l === "ar" ? "،" : ","} ${pad2(p.h)}:${pad2(p.min)}`, locale);
}

/** The Bahrain calendar day as YYYY-MM-DD (Latin digits: an identifier, not prose). */
export { bahrainDay } from "../../core/calendar";

/** A left-to-right island (handle, email, URL, ISO date) inside right-to-left text. */
export function Ltr({ children }: { children?: ReactNode }) {
  return createElement("bdi", { dir: "ltr" }, children);
}
