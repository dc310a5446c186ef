/**
 * The CSB comparison's reads, all aggregates in SQL: per entity × week sums of `entity_day_rollups`
 * (range scans of the day index), category counts of the period via json_each, and two small
 * queries on flags.
 */
import type { Db } from "../client";
import type { Day } from "../../core/calendar";
import type { DayFigures } from "../../core/compliance/formula";
import { prepared } from "./prepared";

/** One entity's week, summed: `flagsDue` decided in SQL, `day` its latest day with governance figures ("" if none). */
export interface WeekFigures extends DayFigures {
  entityId: number;
  /** Index of the week, 0 = the week starting at `w0`. */
  week: number;
  flagsDue: number;
}

/**
 * Weeks from `w0` to `to`. Unreviewed flags of a day count as due once the day is on or before
 * `lastDueDay`. The index is forced: the planner would otherwise walk the whole primary key to
 * avoid a sort (every day ever rolled up). SQLite takes the bare governance columns from the row
 * of max(day) with figures; a week without any has zeros there (counts are never negative).
 */
export function weeklyFigures(db: Db, w0: Day, to: Day, lastDueDay: Day): WeekFigures[] {
  // Rows go to the score as they come: a copy per row costs more than the sums (measured).
  return prepared<{ w0: Day; to: Day; due: Day }, WeekFigures>(
    db,
    `SELECT entity_id AS entityId, CAST((julianday(day) - julianday(@w0)) / 7 AS INTEGER) AS week,
            sum(posts) AS posts, sum(flags) AS flags, sum(weighted_flags) AS weightedFlags, sum(open_flags) AS openFlags,
            sum(flags_raised) AS flagsRaised, sum(reviewed) AS reviewed, sum(reviewed_on_time) AS reviewedOnTime,
            sum(review_seconds) AS reviewSeconds,
            sum(CASE WHEN flags_raised = reviewed THEN reviewed WHEN day <= @due THEN flags_raised ELSE reviewed END) AS flagsDue,
            COALESCE(max(CASE WHEN controls_applicable > 0 THEN day END), '') AS day,
            controls_applicable AS controlsApplicable, controls_met AS controlsMet
       FROM entity_day_rollups INDEXED BY entity_day_rollups_day_idx WHERE day >= @w0 AND day <= @to GROUP BY entity_id, week`,
  ).all({ w0, to, due: lastDueDay });
}

/** Flags per entity and category over the days (json_each of the stored maps). */
export function categoryCounts(db: Db, from: Day, to: Day): { entityId: number; category: string; n: number }[] {
  return prepared<[Day, Day], { entityId: number; category: string; n: number }>(
    db,
    `SELECT r.entity_id AS entityId, j.key AS category, sum(j.value) AS n FROM entity_day_rollups r INDEXED BY entity_day_rollups_day_idx, json_each(r.by_category) j
      WHERE r.day >= ? AND r.day <= ? AND r.flags <> 0 GROUP BY r.entity_id, j.key`,
  ).all(from, to);
}

/** Open flags per entity. */
export function openFlagsByEntity(db: Db): Map<number, number> {
  return new Map(prepared<[], [number, number]>(db, `SELECT entity_id, count(*) FROM flags WHERE status = 'open' GROUP BY entity_id`).raw().all());
}

/** [entity id, ms from raised to decided] of flags raised since `fromMs` and decided (status index range scans). */
export function decisionDurations(db: Db, fromMs: number): [number, number][] {
  return prepared<[number], [number, number]>(
    db,
    `SELECT entity_id AS e, reviewed_at - created_at AS d FROM flags INDEXED BY flags_status_created_idx
      WHERE status IN ('confirmed', 'dismissed') AND created_at >= ? AND reviewed_at IS NOT NULL`,
  )
    .raw()
    .all(fromMs);
}
