/**
 * Formatting for display: dates and times in Asia/Bahrain, Arabic-Indic digits in Arabic.
 * Latin runs (handles, emails, ISO dates, URLs) inside Arabic text go through <Ltr> so the
 * bidi algorithm does not reorder them.
 */
import { createElement, type ReactNode } from "react";
import { format as dfFormat } from "date-fns";
import { TZDate } from "@date-fns/tz";
import type { Locale } from "./i18n";

export const TIME_ZONE = "Asia/Bahrain";

function intlLocale(locale: Locale): string {
  return locale === "ar" ? "ar-BH-u-nu-arab" : "en-GB";
}

function toDate(d: Date | number | string): Date {
  return d instanceof Date ? d : new Date(d);
}

export function formatNumber(n: number, locale: Locale, opts?: Intl.NumberFormatOptions): string {
  return new Intl.NumberFormat(intlLocale(locale), opts).format(n);
}

export function formatPercent(fraction: number, locale: Locale): string {
  return formatNumber(fraction, locale, { style: "percent", maximumFractionDigits: 0 });
}

/** "1 Nov 2026" / "١ نوفمبر ٢٠٢٦" in Bahrain time. */
export function formatDate(d: Date | number | string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), { timeZone: TIME_ZONE, day: "numeric", month: "short", year: "numeric" }).format(toDate(d));
}

/** Date and 24-hour time in Bahrain time. */
export function formatDateTime(d: Date | number | string, locale: Locale): string {
  return new Intl.DateTimeFormat(intlLocale(locale), {
    timeZone: TIME_ZONE,
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(toDate(d));
}

/** The Bahrain calendar day as YYYY-MM-DD (Latin digits: an identifier, not prose). */
export function bahrainDay(d: Date | number | string): string {
  return dfFormat(new TZDate(toDate(d).getTime(), TIME_ZONE), "yyyy-MM-dd");
}

/** Digits 0-9 as Arabic-Indic in Arabic (for strings built elsewhere, e.g. "3/7"). */
export function localDigits(s: string, locale: Locale): string {
  return locale === "ar" ? s.replace(/[0-9]/g, (c) => String.fromCharCode(0x0660 + Number(c))) : s;
}

/** A left-to-right island (handle, email, URL, ISO date) inside right-to-left text. */
export function Ltr({ children }: { children?: ReactNode }) {
  return createElement("bdi", { dir: "ltr" }, children);
}
