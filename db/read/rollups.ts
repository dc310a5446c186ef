/** Daily rollups as the screens read them (the only source of score figures on page views). */
import type { Db } from "../client";
import type { Day } from "../../core/calendar";
import type { DayFigures } from "../../core/compliance/formula";
import { ROLLUP_COLUMNS, type StoredRollupRow } from "../rollups";
import { prepared } from "./prepared";

/** One entity's rows from `fromDay` to `toDay` (primary key range), maps parsed. */
export function entityRollups(db: Db, entityId: number, fromDay: Day, toDay: Day): DayFigures[] {
  const rows = prepared<[number, Day, Day], StoredRollupRow>(
    db,
    `SELECT ${ROLLUP_COLUMNS} FROM entity_day_rollups WHERE entity_id = ? AND day >= ? AND day <= ? ORDER BY day`,
  ).all(entityId, fromDay, toDay);
  return rows.map(
    (r): DayFigures => ({
      ...r,
      // A day without flags has empty maps: skip the parse (the costly part).
      byCategory: r.flags ? (JSON.parse(r.byCategory) as Record<string, number>) : undefined,
      bySeverity: r.flags ? (JSON.parse(r.bySeverity) as Record<string, number>) : undefined,
      byClause: r.flags ? (JSON.parse(r.byClause) as Record<string, number>) : undefined,
    }),
  );
}
