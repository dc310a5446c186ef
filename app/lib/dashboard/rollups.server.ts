/** Reading daily rollups for the screens (the only source of score figures on page views). */
import { stmt } from "./stmt.server";
import type { Db } from "../../../db/client";
import { addDays, bahrainDay, lastWeeks, type Day } from "../../../core/calendar";
import { scorePeriod, weeklyScores, type DayFigures, type ScoreBreakdown, type WeekScore } from "../../../core/compliance/formula";

interface RawRollup {
  entity_id: number;
  day: string;
  posts: number;
  flags: number;
  weighted_flags: number;
  open_flags: number;
  by_category: string;
  by_severity: string;
  by_clause: string;
  flags_raised: number;
  reviewed_on_time: number;
  reviewed: number;
  review_seconds: number;
  controls_applicable: number;
  controls_met: number;
}

function toFigures(r: RawRollup, withMaps: boolean): DayFigures & { entityId: number } {
  return {
    entityId: r.entity_id,
    day: r.day,
    posts: r.posts,
    flags: r.flags,
    weightedFlags: r.weighted_flags,
    openFlags: r.open_flags,
    flagsRaised: r.flags_raised,
    reviewed: r.reviewed,
    reviewedOnTime: r.reviewed_on_time,
    reviewSeconds: r.review_seconds,
    controlsApplicable: r.controls_applicable,
    controlsMet: r.controls_met,
    // Maps are parsed only when a screen shows them (the JSON parse is the costly part).
    byCategory: withMaps && r.flags ? JSON.parse(r.by_category) : undefined,
    bySeverity: withMaps && r.flags ? JSON.parse(r.by_severity) : undefined,
    byClause: withMaps && r.flags ? JSON.parse(r.by_clause) : undefined,
  };
}

/** Rollup rows of one entity (or all, with null) from `fromDay` to `toDay`. Uses the primary key. */
export function readRollups(db: Db, entityId: number | null, fromDay: Day, toDay: Day, withMaps = true): (DayFigures & { entityId: number })[] {
  // The maps are skipped when not needed; for all entities, `entity_id IN (…)` lets SQLite seek the
  // primary key (entity_id, day) once per entity instead of scanning every day ever rolled up.
  const cols = withMaps
    ? "*"
    : "entity_id, day, posts, flags, weighted_flags, open_flags, '{}' AS by_category, '{}' AS by_severity, '{}' AS by_clause, flags_raised, reviewed_on_time, reviewed, review_seconds, controls_applicable, controls_met";
  const sql =
    entityId === null
      ? `SELECT ${cols} FROM entity_day_rollups WHERE entity_id IN (SELECT id FROM entities) AND day >= ? AND day <= ? ORDER BY entity_id, day`
      : `SELECT ${cols} FROM entity_day_rollups WHERE entity_id = ? AND day >= ? AND day <= ? ORDER BY day`;
  const args = entityId === null ? [fromDay, toDay] : [entityId, fromDay, toDay];
  return (stmt(db, sql).all(...args) as RawRollup[]).map((r) => toFigures(r, withMaps));
}

export interface EntityScores {
  today: Day;
  weeks: WeekScore[];
  current: WeekScore;
  previous: WeekScore;
  /** The whole window (12 weeks) for counts by category and clause. */
  window: ScoreBreakdown;
}

export function entityScores(db: Db, entityId: number, now: number, nWeeks = 12): EntityScores {
  const today = bahrainDay(now);
  const weekStarts = lastWeeks(now, nWeeks);
  const rows = readRollups(db, entityId, weekStarts[0], addDays(weekStarts[weekStarts.length - 1], 6));
  const weeks = weeklyScores(rows, weekStarts, today);
  return { today, weeks, current: weeks[weeks.length - 1], previous: weeks[weeks.length - 2], window: scorePeriod(rows, today) };
}
