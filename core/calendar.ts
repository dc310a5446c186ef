/**
 * Bahrain calendar helpers (design §4). Pure, no I/O; shared by the app, reports and workers.
 *
 * - A "day" is a `YYYY-MM-DD` string in Asia/Bahrain.
 * - Weeks run Sunday → Saturday.
 * - Working days are Sunday–Thursday; Friday and Saturday are the weekend.
 * - A flag is reviewed "on time" when its first review falls on or before the second working day
 *   after the day it was raised (e.g. raised Thursday → due by the end of Monday).
 *
 * Day arithmetic is done on the calendar (UTC-anchored dates), so it never depends on the host's
 * time zone; an instant becomes a Bahrain day at the fixed UTC+3 (checked against the IANA zone in tests).
 */
import { tzOffset } from "@date-fns/tz";

export const BAHRAIN_TZ = "Asia/Bahrain";
/** Asia/Bahrain has been UTC+3 without DST since 1972: SQL uses this offset to bucket by day. */
export const BAHRAIN_OFFSET_SECONDS = 3 * 3600;
/** SQL expression turning an epoch-ms column into a Bahrain day string. */
export const sqlBahrainDay = (col: string): string => `date((${col}) / 1000 + ${BAHRAIN_OFFSET_SECONDS}, 'unixepoch')`;

export const ON_TIME_WORKING_DAYS = 2;
const DAY_MS = 86_400_000;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export type Day = string;

export function isDay(s: unknown): s is Day {
  if (typeof s !== "string" || !DAY_RE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

function assertDay(day: string): void {
  if (!isDay(day)) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
}

const toMs = (t: number | Date | string): number => (typeof t === "number" ? t : typeof t === "string" ? Date.parse(t) : t.getTime());

/**
 * The Asia/Bahrain calendar day of an instant: the one implementation (rollups, screens, reports,
 * workers). Fixed UTC+3, as the SQL buckets (`sqlBahrainDay`) assume; tests pin it to the IANA zone.
 */
export function bahrainDay(t: number | Date | string): Day {
  return new Date(toMs(t) + BAHRAIN_OFFSET_SECONDS * 1000).toISOString().slice(0, 10);
}

/** The instant (epoch ms) at which a Bahrain day starts (00:00 local). */
export function dayStart(day: Day): number {
  assertDay(day);
  const utcMidnight = Date.parse(`${day}T00:00:00Z`);
  // Offset at local midnight; a second pass handles a hypothetical DST edge.
  const first = utcMidnight - tzOffset(BAHRAIN_TZ, new Date(utcMidnight)) * 60_000;
  return utcMidnight - tzOffset(BAHRAIN_TZ, new Date(first)) * 60_000;
}

/** The instant the day ends (exclusive): the start of the next day. */
export function dayEnd(day: Day): number {
  return dayStart(addDays(day, 1));
}

export function addDays(day: Day, n: number): Day {
  assertDay(day);
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: Day, b: Day): number {
  assertDay(a);
  assertDay(b);
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(day: Day): number {
  assertDay(day);
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export function isWorkingDay(day: Day): boolean {
  return dayOfWeek(day) <= 4; // Sunday..Thursday
}

/** The Sunday that starts the week containing `day` (or the instant's Bahrain day). */
export function weekStart(dayOrInstant: Day | number | Date): Day {
  const day = typeof dayOrInstant === "string" ? dayOrInstant : bahrainDay(dayOrInstant);
  return addDays(day, -dayOfWeek(day));
}

/** The Saturday that ends the week containing `day`. */
export function weekEnd(dayOrInstant: Day | number | Date): Day {
  return addDays(weekStart(dayOrInstant), 6);
}

/** Week starts (Sundays) of the `n` weeks ending with the week of `now`, oldest first. */
export function lastWeeks(now: number | Date | Day, n: number): Day[] {
  const current = weekStart(now);
  return Array.from({ length: n }, (_, i) => addDays(current, -7 * (n - 1 - i)));
}

/** Every day from `from` to `to`, inclusive. */
export function eachDay(from: Day, to: Day): Day[] {
  const n = daysBetween(from, to);
  return n < 0 ? [] : Array.from({ length: n + 1 }, (_, i) => addDays(from, i));
}

/**
 * Working days d with from < d ≤ to: how many working days have passed since `from`.
 * 0 when `to` is on or before `from`. O(1) so rollups over years stay cheap.
 */
export function workingDaysBetween(from: Day, to: Day): number {
  const n = daysBetween(from, to);
  if (n <= 0) return 0;
  const full = Math.floor(n / 7);
  let count = full * 5;
  const startDow = dayOfWeek(from);
  for (let i = 1; i <= n % 7; i++) if ((startDow + i) % 7 <= 4) count++;
  return count;
}

/** The `n`th working day after `day` (n ≥ 1). */
export function addWorkingDays(day: Day, n: number): Day {
  let d = day;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Deadline (exclusive instant) for reviewing a flag raised at `raisedAt`. */
export function reviewDeadline(raisedAt: number | Date): number {
  return dayEnd(addWorkingDays(bahrainDay(raisedAt), ON_TIME_WORKING_DAYS));
}

/** Was a flag raised at `raisedAt` and first reviewed at `reviewedAt` reviewed on time? */
export function reviewedOnTime(raisedAt: number | Date, reviewedAt: number | Date): boolean {
  return workingDaysBetween(bahrainDay(raisedAt), bahrainDay(reviewedAt)) <= ON_TIME_WORKING_DAYS;
}

/**
 * Is the review deadline of flags raised on `raisedDay` behind us on `today`? Unreviewed flags only
 * count against responsiveness once they are due (a flag raised this morning is not late yet).
 */
export function isReviewDue(raisedDay: Day, today: Day): boolean {
  return workingDaysBetween(raisedDay, today) > ON_TIME_WORKING_DAYS;
}
