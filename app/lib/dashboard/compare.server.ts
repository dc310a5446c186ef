/** CSB comparison: league table, entity × category heatmap and trends, all from rollups. */
import type { Db } from "../../../db/client";
import { dataVersion } from "../../../db/data-version";
import { categoryCounts, decisionDurations, openFlagsByEntity, weeklyFigures, type WeekFigures } from "../../../db/read/compare";
import { allEntityRefs } from "../../../db/read/entities";
import { CATEGORIES } from "../../../core/enums";
import { addDays, bahrainDay, isReviewDue, lastWeeks, type Day } from "../../../core/calendar";
import { aggregate, scoreFromTotals, scorePeriod } from "../../../core/compliance/formula";

import { z } from "zod";
import { badRequest } from "../http.server";
import { COMPARE_SORTS, PERIODS } from "./options";
export { COMPARE_SORTS, PERIODS };
export type Period = (typeof PERIODS)[number];
export type CompareSort = (typeof COMPARE_SORTS)[number];

const paramsSchema = z
  .object({
    period: z.enum(PERIODS, { error: `period: expected one of ${PERIODS.join(", ")}` }).default("4w"),
    sort: z.enum(COMPARE_SORTS, { error: `sort: expected one of ${COMPARE_SORTS.join(", ")}` }).default("overall"),
    dir: z.enum(["asc", "desc"], { error: "dir: expected asc or desc" }).default("desc"),
  })
  .strict();

/** The comparison's query string (the page and its exports); a 400 naming what was wrong. */
export function parseCompareParams(url: URL): z.infer<typeof paramsSchema> {
  if (url.search.length > 500) badRequest("query string too long");
  const parsed = paramsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) badRequest(parsed.error.issues.map((i) => (i.code === "unrecognized_keys" ? `unknown parameter(s): ${i.keys.join(", ")}` : i.message)).join("; "));
  return parsed.data;
}

export interface LeagueRow {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  overall: number | null;
  content: number | null;
  governance: number | null;
  responsiveness: number | null;
  overallDelta: number | null;
  posts: number;
  flags: number;
  per100: number | null;
  openFlags: number;
  medianReviewHours: number | null;
  controlsFailing: number;
  byCategoryPer100: Record<string, number | null>;
  byCategory: Record<string, number>;
  trend: (number | null)[];
}

export interface CompareData {
  period: Period;
  from: Day;
  to: Day;
  weekStarts: Day[];
  rows: LeagueRow[];
  categories: string[];
}

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The latest day whose unreviewed flags are due on `today` (isReviewDue is monotone in the day). */
function lastDueDay(today: Day): Day {
  let d = today;
  while (!isReviewDue(d, today)) d = addDays(d, -1);
  return d;
}

/**
 * All figures come from SQL aggregates over `entity_day_rollups` (db/read/compare.ts): one row per
 * entity × week for the 12 weeks, category counts of the period, and two small queries on flags.
 * Scores are then computed from the sums by the pure score module (`aggregate` sums the weeks as
 * it sums days), so they equal `scorePeriod` over the same days.
 */
export function compareData(db: Db, now: number, period: Period, sort: CompareSort, dir: "asc" | "desc"): CompareData {
  const today = bahrainDay(now);
  // The table depends only on the data and the Bahrain day: reuse it until either changes. Writes by
  // this connection bump total_changes(); commits by any other connection (workers) bump data_version.
  const version = dataVersion(db);
  const key = `${period}|${today}`;
  let hit = cache.get(db)?.get(key);
  if (!hit || hit.version !== version) {
    hit = { version, data: computeCompare(db, today, period) };
    let m = cache.get(db);
    if (!m) cache.set(db, (m = new Map()));
    if (m.size > 12) m.clear();
    m.set(key, hit);
  }
  const rows = sortRows([...hit.data.rows], sort, dir);
  return { ...hit.data, rows, categories: [...hit.data.categories] };
}

const cache = new WeakMap<Db, Map<string, { version: string; data: CompareData }>>();

function computeCompare(db: Db, today: Day, period: Period): CompareData {
  const weekStarts = lastWeeks(today, 12);
  const nWeeks = period === "week" ? 1 : period === "4w" ? 4 : 12;
  const from = weekStarts[12 - nWeeks];
  const to = addDays(weekStarts[11], 6);
  // Per entity, its 12 weeks (0 = oldest; a week without rows stays empty).
  const weeksOf = new Map<number, WeekFigures[][]>();
  for (const r of weeklyFigures(db, weekStarts[0], to, lastDueDay(today))) {
    let l = weeksOf.get(r.entityId);
    if (!l) weeksOf.set(r.entityId, (l = Array.from({ length: 12 }, () => [])));
    l[r.week].push(r);
  }
  const byCategory = new Map<number, Record<string, number>>();
  for (const r of categoryCounts(db, from, to)) {
    let m = byCategory.get(r.entityId);
    if (!m) byCategory.set(r.entityId, (m = {}));
    m[r.category] = r.n;
  }
  const open = openFlagsByEntity(db);
  // Median time to decision over flags decided in the period.
  const durations = new Map<number, number[]>();
  for (const [e, d] of decisionDurations(db, Date.parse(`${from}T00:00:00+03:00`))) {
    let l = durations.get(e);
    if (!l) durations.set(e, (l = []));
    l.push(d);
  }
  const noWeeks: WeekFigures[][] = Array.from({ length: 12 }, () => []);
  const rows = allEntityRefs(db).map((e): LeagueRow => {
    const weeks = weeksOf.get(e.id) ?? noWeeks;
    // The weeks come with their flags due (decided in SQL), so `today` does not change their sums.
    const sum = (ws: WeekFigures[][]) => aggregate(ws.flat(), today);
    const weekly = weeks.map((w) => scorePeriod(w, today));
    const totals = sum(weeks.slice(12 - nWeeks));
    totals.byCategory = byCategory.get(e.id) ?? {};
    const s = scoreFromTotals(totals);
    // The previous period of the same length, within the 12 weeks read (none before the first week).
    const prev = nWeeks === 1 ? weekly[10] : scoreFromTotals(sum(weeks.slice(Math.max(0, 12 - 2 * nWeeks), 12 - nWeeks)));
    const byCategoryPer100: Record<string, number | null> = {};
    for (const c of CATEGORIES) byCategoryPer100[c] = s.totals.posts > 0 ? ((s.totals.byCategory[c] ?? 0) / s.totals.posts) * 100 : null;
    const med = median(durations.get(e.id) ?? []);
    return {
      ...e,
      overall: s.overall,
      content: s.content,
      governance: s.governance,
      responsiveness: s.responsiveness,
      overallDelta: s.overall !== null && prev.overall !== null ? s.overall - prev.overall : null,
      posts: s.totals.posts,
      flags: s.totals.flags,
      per100: s.flagsPer100,
      openFlags: open.get(e.id) ?? 0,
      medianReviewHours: med === null ? null : med / 3_600_000,
      controlsFailing: s.totals.controlsApplicable - s.totals.controlsMet,
      byCategoryPer100,
      byCategory: s.totals.byCategory,
      trend: weekly.map((w) => w.overall),
    };
  });
  return { period, from, to: today < to ? today : to, weekStarts, rows, categories: [...CATEGORIES] };
}

function sortRows(rows: LeagueRow[], sort: CompareSort, dir: "asc" | "desc"): LeagueRow[] {
  const key = (r: LeagueRow): number | string | null => {
    switch (sort) {
      case "name":
        return r.nameEn;
      case "posts":
        return r.posts;
      case "per100":
        return r.per100;
      case "open":
        return r.openFlags;
      case "median":
        return r.medianReviewHours;
      case "failing":
        return r.controlsFailing;
      default:
        return r[sort];
    }
  };
  rows.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka === null && kb === null) return a.nameEn.localeCompare(b.nameEn);
    if (ka === null) return 1; // no data always last
    if (kb === null) return -1;
    const c = typeof ka === "string" ? ka.localeCompare(kb as string) : (ka as number) - (kb as number);
    return (dir === "asc" ? c : -c) || a.nameEn.localeCompare(b.nameEn);
  });
  return rows;
}
