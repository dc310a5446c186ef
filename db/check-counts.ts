/**
 * Pre-publication checks, counted: per entity (0 for CSB users), rule and Bahrain day, and the
 * check itself under rule `*`. The draft is never stored; the audit row carries only the counts.
 */
import type { SessionUser } from "../core/access";
import { bahrainDay } from "../core/calendar";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { prepared } from "./read/prepared";

/** The rule id under which the checks themselves are counted. */
export const ALL_CHECKS = "*";

/** Counts one check and the rules it raised (a rule raised twice counts once), with its audit row. */
export function recordCheck(db: Db, user: SessionUser, r: { rules: readonly string[]; kind: string; accountClass: string; via: "page" | "api"; now: number }): void {
  const entityId = user.entityId ?? 0;
  const day = bahrainDay(r.now);
  const rules = [...new Set(r.rules)].sort();
  const bump = prepared<[number, string, string]>(
    db,
    `INSERT INTO check_counts (entity_id, rule_id, day, count) VALUES (?, ?, ?, 1) ON CONFLICT (entity_id, rule_id, day) DO UPDATE SET count = count + 1`,
  );
  db.transaction((tx) => {
    for (const rule of [ALL_CHECKS, ...rules]) bump.run(entityId, rule, day);
    writeAudit(tx, { user, action: "check.run", targetType: "check", entityId: user.entityId, after: { count: 1, via: r.via, kind: r.kind, accountClass: r.accountClass, rules } }, new Date(r.now));
  });
}

export interface CheckCountRow {
  entityId: number;
  ruleId: string;
  count: number;
}

/** Checks and raised rules per entity from `fromDay` to `toDay` (all entities, or only `scope`). */
export function checkCounts(db: Db, fromDay: string, toDay: string, scope: number | null = null): CheckCountRow[] {
  const where = scope === null ? "" : " AND entity_id = ?";
  const args: (string | number)[] = scope === null ? [fromDay, toDay] : [fromDay, toDay, scope];
  return prepared<(string | number)[], CheckCountRow>(
    db,
    `SELECT entity_id AS entityId, rule_id AS ruleId, sum(count) AS count FROM check_counts WHERE day >= ? AND day <= ?${where} GROUP BY entity_id, rule_id ORDER BY entity_id, rule_id`,
  ).all(...args);
}
