/** CSB comparison: league table, entity × category heatmap and trends, all from rollups. */
import type { Db } from "../../../db/client";
import { CATEGORIES } from "../../../db/schema";
import { addDays, bahrainDay, lastWeeks, type Day } from "./calendar";
import { readRollups } from "./rollups.server";
import { scorePeriod, weeklyScores, type DayFigures } from "./score";

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

export function compareData(db: Db, now: number, period: Period, sort: CompareSort, dir: "asc" | "desc"): CompareData {
  const q = db.$client;
  const today = bahrainDay(now);
  const weekStarts = lastWeeks(now, 12);
  const nWeeks = period === "week" ? 1 : period === "4w" ? 4 : 12;
  const from = weekStarts[12 - nWeeks];
  const to = addDays(weekStarts[11], 6);
  const all = readRollups(db, null, weekStarts[0], to, false);
  const withMaps = readRollups(db, null, from, to, true);
  const byEntity = new Map<number, DayFigures[]>();
  for (const r of all) {
    let l = byEntity.get(r.entityId);
    if (!l) byEntity.set(r.entityId, (l = []));
    l.push(r);
  }
  const periodRows = new Map<number, DayFigures[]>();
  for (const r of withMaps) {
    let l = periodRows.get(r.entityId);
    if (!l) periodRows.set(r.entityId, (l = []));
    l.push(r);
  }
  const open = new Map((q.prepare(`SELECT entity_id AS e, count(*) AS n FROM flags WHERE status = 'open' GROUP BY entity_id`).all() as { e: number; n: number }[]).map((r) => [r.e, r.n]));
  // Median time to decision over flags decided in the period (status index range scans).
  const fromMs = Date.parse(`${from}T00:00:00+03:00`);
  const durations = new Map<number, number[]>();
  for (const r of q
    .prepare(`SELECT entity_id AS e, reviewed_at - created_at AS d FROM flags WHERE status IN ('confirmed', 'dismissed') AND created_at >= ? AND reviewed_at IS NOT NULL`)
    .all(fromMs) as { e: number; d: number }[]) {
    let l = durations.get(r.e);
    if (!l) durations.set(r.e, (l = []));
    l.push(r.d);
  }
  const entities = q.prepare(`SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities`).all() as { id: number; slug: string; nameAr: string; nameEn: string }[];
  const rows = entities.map((e): LeagueRow => {
    const rowsAll = byEntity.get(e.id) ?? [];
    const weeks = weeklyScores(rowsAll, weekStarts, today);
    const s = scorePeriod(periodRows.get(e.id) ?? [], today);
    const prev = nWeeks === 1 ? weeks[10] : scorePeriod(rowsAll.filter((r) => r.day < from && r.day >= addDays(from, -7 * nWeeks)), today);
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
      trend: weeks.map((w) => w.overall),
    };
  });
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
  return { period, from, to: today < to ? today : to, weekStarts, rows, categories: [...CATEGORIES] };
}
