/** CSB comparison: league table, entity × category heatmap and trends, all from rollups. */
import { stmt } from "./stmt.server";
import type { Db } from "../../../db/client";
import { CATEGORIES } from "../../../core/enums";
import { addDays, bahrainDay, isReviewDue, lastWeeks, type Day } from "../../../core/calendar";
import { emptyTotals, scoreFromTotals, type PeriodTotals } from "../../../core/compliance/formula";

import { COMPARE_SORTS, PERIODS } from "./options";
export { COMPARE_SORTS, PERIODS };
export type Period = (typeof PERIODS)[number];
export type CompareSort = (typeof COMPARE_SORTS)[number];

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

/** One week's sums: the period totals without the per-key maps, plus the bucket's latest governance day. */
type WeekSums = Omit<PeriodTotals, "byCategory" | "bySeverity" | "byClause"> & {
  /** Latest day of the bucket with governance figures ("" when none). */
  govDay: string;
};

/** Sums weekly buckets into the totals `scoreFromTotals` takes (the same sums `aggregate` makes). */
function totalsOf(weeks: (WeekSums | undefined)[], byCategory: Record<string, number> = {}): PeriodTotals {
  const t: PeriodTotals = { ...emptyTotals(), byCategory };
  let govDay = "";
  for (const w of weeks) {
    if (!w) continue;
    t.posts += w.posts;
    t.flags += w.flags;
    t.weightedFlags += w.weightedFlags;
    t.openFlags += w.openFlags;
    t.flagsRaised += w.flagsRaised;
    t.reviewed += w.reviewed;
    t.reviewedOnTime += w.reviewedOnTime;
    t.flagsDue += w.flagsDue;
    t.reviewSeconds += w.reviewSeconds;
    if (w.govDay && w.govDay >= govDay) {
      govDay = w.govDay;
      t.controlsApplicable = w.controlsApplicable;
      t.controlsMet = w.controlsMet;
    }
  }
  return t;
}

/**
 * All figures come from SQL aggregates over `entity_day_rollups` (range scan of the day index):
 * one row per entity × week for the 12 weeks, category counts of the period via json_each, and
 * two small queries on flags. Scores are then computed from the sums with the pure score module,
 * so they equal `scorePeriod` over the same days.
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
function dataVersion(db: Db): string {
  return `${stmt(db, `PRAGMA data_version`).pluck().get()}:${stmt(db, `SELECT total_changes()`).pluck().get()}`;
}

function computeCompare(db: Db, today: Day, period: Period): CompareData {
  const weekStarts = lastWeeks(today, 12);
  const nWeeks = period === "week" ? 1 : period === "4w" ? 4 : 12;
  const from = weekStarts[12 - nWeeks];
  const to = addDays(weekStarts[11], 6);
  // Range scans of the day index (the planner would otherwise walk the whole primary key to avoid
  // a sort: every day ever rolled up). Per entity and week (0 = oldest). Unreviewed flags of a day count as due once the day is on or
  // before the last due day; SQLite takes the bare governance columns from the row of max(gov day).
  const weekRows = stmt(db, 
      `SELECT entity_id AS e, CAST((julianday(day) - julianday(@w0)) / 7 AS INTEGER) AS w,
              sum(posts) AS posts, sum(flags) AS flags, sum(weighted_flags) AS weightedFlags, sum(open_flags) AS openFlags,
              sum(flags_raised) AS flagsRaised, sum(reviewed) AS reviewed, sum(reviewed_on_time) AS reviewedOnTime,
              sum(review_seconds) AS reviewSeconds,
              sum(CASE WHEN flags_raised = reviewed THEN reviewed WHEN day <= @due THEN flags_raised ELSE reviewed END) AS flagsDue,
              max(CASE WHEN controls_applicable > 0 THEN day END) AS govDay, controls_applicable AS controlsApplicable, controls_met AS controlsMet
         FROM entity_day_rollups INDEXED BY entity_day_rollups_day_idx WHERE day >= @w0 AND day <= @to GROUP BY entity_id, w`,
    )
    .all({ w0: weekStarts[0], to, due: lastDueDay(today) }) as (WeekSums & { e: number; w: number; govDay: string | null })[];
  const weeksOf = new Map<number, (WeekSums | undefined)[]>();
  for (const r of weekRows) {
    let l = weeksOf.get(r.e);
    if (!l) weeksOf.set(r.e, (l = new Array<WeekSums | undefined>(12)));
    if (r.govDay === null) {
      r.govDay = "";
      r.controlsApplicable = 0;
      r.controlsMet = 0;
    }
    l[r.w] = r as WeekSums;
  }
  const byCategory = new Map<number, Record<string, number>>();
  for (const r of stmt(db, 
      `SELECT r.entity_id AS e, j.key AS k, sum(j.value) AS n FROM entity_day_rollups r INDEXED BY entity_day_rollups_day_idx, json_each(r.by_category) j
        WHERE r.day >= ? AND r.day <= ? AND r.flags <> 0 GROUP BY r.entity_id, j.key`,
    )
    .all(from, to) as { e: number; k: string; n: number }[]) {
    let m = byCategory.get(r.e);
    if (!m) byCategory.set(r.e, (m = {}));
    m[r.k] = r.n;
  }
  const open = new Map((stmt(db, `SELECT entity_id AS e, count(*) AS n FROM flags WHERE status = 'open' GROUP BY entity_id`).all() as { e: number; n: number }[]).map((r) => [r.e, r.n]));
  // Median time to decision over flags decided in the period (status index range scans).
  const fromMs = Date.parse(`${from}T00:00:00+03:00`);
  const durations = new Map<number, number[]>();
  for (const r of stmt(db, `SELECT entity_id AS e, reviewed_at - created_at AS d FROM flags INDEXED BY flags_status_created_idx WHERE status IN ('confirmed', 'dismissed') AND created_at >= ? AND reviewed_at IS NOT NULL`)
    .raw()
    .all(fromMs) as [number, number][]) {
    let l = durations.get(r[0]);
    if (!l) durations.set(r[0], (l = []));
    l.push(r[1]);
  }
  const entities = stmt(db, `SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities`).all() as { id: number; slug: string; nameAr: string; nameEn: string }[];
  const rows = entities.map((e): LeagueRow => {
    const weeks = weeksOf.get(e.id) ?? new Array<WeekSums | undefined>(12);
    const weekly = Array.from({ length: 12 }, (_, i) => scoreFromTotals(totalsOf([weeks[i]])));
    const s = scoreFromTotals(totalsOf(weeks.slice(12 - nWeeks), byCategory.get(e.id) ?? {}));
    // The previous period of the same length, within the 12 weeks read (none before the first week).
    const prev = nWeeks === 1 ? weekly[10] : scoreFromTotals(totalsOf(weeks.slice(Math.max(0, 12 - 2 * nWeeks), 12 - nWeeks)));
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
