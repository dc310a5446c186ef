/**
 * Rebuilds `entity_day_rollups` (one row per entity per Bahrain day) from the raw posts, flags,
 * reviews and the registry, so dashboards never scan posts on a page view (design §2, §4).
 *
 * Attribution (also in docs/compliance-score.md):
 * - posts: the day the post was published (deleted posts still count: they were published).
 * - flags / weighted / open / by_*: non-dismissed flags; a post flag belongs to its post's day, a
 *   profile flag to the day it was raised. `weighted_flags` counts post flags only (content score).
 * - flags_raised / reviewed / reviewed_on_time / review_seconds: every flag (any status) by the day
 *   it was raised; "reviewed" = first review (confirm, dismiss or escalate) or `flags.reviewed_at`.
 * - controls_*: GUIDE-* controls over the entity's non-archived accounts as of the end of that day
 *   (ownership record valid then, last post before then; profile fields as last read).
 *
 * Idempotent: recomputing a range replaces its rows. Synchronous (better-sqlite3), so it can run
 * inside the caller's transaction (the review action does exactly that).
 */
import type Database from "better-sqlite3";
import { evaluateControls, governanceAccount, DORMANT_AFTER_DAYS, type GovernanceOwner } from "../core/governance";
import {
  addDays,
  bahrainDay,
  dayEnd,
  dayStart,
  eachDay,
  isDay,
  reviewedOnTime,
  sqlBahrainDay,
  type Day,
} from "../core/calendar";
import { severityWeight, type DayFigures } from "../core/compliance/formula";
import type { Db } from "./client";
import type { Category, FlagStatus, Severity } from "../core/enums";
import { ACCOUNT_COLUMNS, OWNER_COLUMNS, governanceOwner, type AccountRow, type OwnerRow } from "./read/governance";

/** One `entity_day_rollups` row: the score's figures of one entity and Bahrain day, maps included. */
export interface RollupRow extends Required<Omit<DayFigures, "flagsDue">> {
  entityId: number;
}

type MapKey = "byCategory" | "bySeverity" | "byClause";

/** A rollup row as stored: the maps are JSON text. */
export type StoredRollupRow = Omit<RollupRow, MapKey> & Record<MapKey, string>;

/** The columns of StoredRollupRow, from `entity_day_rollups`. */
export const ROLLUP_COLUMNS = `entity_id AS entityId, day, posts, flags, weighted_flags AS weightedFlags, open_flags AS openFlags,
  flags_raised AS flagsRaised, reviewed, reviewed_on_time AS reviewedOnTime, review_seconds AS reviewSeconds,
  controls_applicable AS controlsApplicable, controls_met AS controlsMet,
  by_category AS byCategory, by_severity AS bySeverity, by_clause AS byClause`;

export interface RecomputeOptions {
  entityIds?: number[];
  fromDay?: Day;
  toDay?: Day;
  /** Stamp for updated_at and the default end of the range (today in Bahrain). */
  now?: number;
}

type Sqlite = Database.Database;
const sqliteOf = (db: Db | Sqlite): Sqlite => ("$client" in db ? db.$client : db) as Sqlite;

function emptyRow(entityId: number, day: Day): RollupRow {
  return {
    entityId,
    day,
    posts: 0,
    flags: 0,
    weightedFlags: 0,
    openFlags: 0,
    byCategory: {},
    bySeverity: {},
    byClause: {},
    flagsRaised: 0,
    reviewedOnTime: 0,
    reviewed: 0,
    reviewSeconds: 0,
    controlsApplicable: 0,
    controlsMet: 0,
  };
}

const bump = (m: Record<string, number>, k: string, n: number) => (m[k] = (m[k] ?? 0) + n);

const idList = (ids: number[]) => ids.map((n) => Number(n)).filter(Number.isInteger).join(",") || "NULL";

/** Computes rollup rows for entities × days without writing anything. */
export function computeRollupRows(db: Db | Sqlite, entityIds: number[], fromDay: Day, toDay: Day): RollupRow[] {
  const sqlite = sqliteOf(db);
  if (!isDay(fromDay) || !isDay(toDay)) throw new RangeError("fromDay/toDay must be YYYY-MM-DD");
  const days = eachDay(fromDay, toDay);
  if (days.length === 0 || entityIds.length === 0) return [];
  const from = dayStart(fromDay);
  const to = dayEnd(toDay);
  const ids = idList(entityIds);

  const rows = new Map<string, RollupRow>();
  for (const e of entityIds) for (const d of days) rows.set(`${e}|${d}`, emptyRow(e, d));
  const at = (e: number, d: string) => rows.get(`${e}|${d}`);

  // Posts per entity per day (account → posts index range scan).
  const postCounts = sqlite
    .prepare<[number, number], { e: number; d: Day; n: number }>(
      `SELECT a.entity_id AS e, ${sqlBahrainDay("p.published_at")} AS d, count(*) AS n
         FROM accounts a JOIN posts p ON p.account_id = a.id
        WHERE a.entity_id IN (${ids}) AND p.published_at >= ? AND p.published_at < ?
        GROUP BY 1, 2`,
    )
    .all(from, to);
  for (const r of postCounts) {
    const row = at(r.e, r.d);
    if (row) row.posts = r.n;
  }

  // Non-dismissed flags by attribution day.
  const flagGroups = sqlite
    .prepare<[number, number], { e: number; d: Day; category: Category; severity: Severity; clause: string; status: FlagStatus; isPost: number; n: number }>(
      `SELECT f.entity_id AS e, ${sqlBahrainDay("COALESCE(p.published_at, f.created_at)")} AS d,
              f.category AS category, f.severity AS severity, f.clause_id AS clause, f.status AS status,
              (f.post_id IS NOT NULL) AS isPost, count(*) AS n
         FROM flags f LEFT JOIN posts p ON p.id = f.post_id
        WHERE f.entity_id IN (${ids}) AND f.status != 'dismissed'
          AND COALESCE(p.published_at, f.created_at) >= ? AND COALESCE(p.published_at, f.created_at) < ?
        GROUP BY 1, 2, 3, 4, 5, 6, 7`,
    )
    .all(from, to);
  for (const g of flagGroups) {
    const row = at(g.e, g.d);
    if (!row) continue;
    row.flags += g.n;
    if (g.isPost) row.weightedFlags += g.n * severityWeight(g.severity);
    if (g.status === "open") row.openFlags += g.n;
    bump(row.byCategory, g.category, g.n);
    bump(row.bySeverity, g.severity, g.n);
    bump(row.byClause, g.clause, g.n);
  }

  // Responsiveness: every flag by the day it was raised, with its first review.
  const raised = sqlite
    .prepare<[number, number], { e: number; createdAt: number; firstReview: number | null }>(
      `SELECT f.entity_id AS e, f.created_at AS createdAt,
              COALESCE((SELECT min(r.at) FROM reviews r WHERE r.flag_id = f.id), f.reviewed_at) AS firstReview
         FROM flags f
        WHERE f.entity_id IN (${ids}) AND f.created_at >= ? AND f.created_at < ?`,
    )
    .all(from, to);
  for (const f of raised) {
    const row = at(f.e, bahrainDay(f.createdAt));
    if (!row) continue;
    row.flagsRaised++;
    if (f.firstReview !== null) {
      row.reviewed++;
      row.reviewSeconds += Math.max(0, f.firstReview - f.createdAt) / 1000;
      if (reviewedOnTime(f.createdAt, f.firstReview)) row.reviewedOnTime++;
    }
  }

  addGovernance(sqlite, entityIds, days, at);
  return [...rows.values()];
}

/** An ownership record with its period of validity. */
type DatedOwnerRow = OwnerRow & { accountId: number; validFrom: number; validTo: number | null };

/** Governance per day: controls over each non-archived account as of the day's end. */
function addGovernance(sqlite: Sqlite, entityIds: number[], days: Day[], at: (e: number, d: string) => RollupRow | undefined): void {
  const ids = idList(entityIds);
  const accounts = sqlite
    .prepare<[], AccountRow & { emailDomains: string }>(
      `SELECT ${ACCOUNT_COLUMNS}, e.email_domains AS emailDomains
         FROM accounts a JOIN entities e ON e.id = a.entity_id
        WHERE a.entity_id IN (${ids}) AND a.registry_status != 'archived' AND a.status != 'archived'`,
    )
    .all();
  if (accounts.length === 0) return;
  const accIds = idList(accounts.map((a) => a.id));

  const owners = new Map<number, DatedOwnerRow[]>();
  for (const o of sqlite
    .prepare<[], DatedOwnerRow>(
      `SELECT account_id AS accountId, ${OWNER_COLUMNS}, valid_from AS validFrom, valid_to AS validTo
         FROM account_owners WHERE account_id IN (${accIds}) ORDER BY valid_from, id`,
    )
    .all()) {
    let list = owners.get(o.accountId);
    if (!list) owners.set(o.accountId, (list = []));
    list.push(o);
  }

  // Post instants that can decide dormancy inside the range: the last post before the window
  // (which may be long ago), then the last post of each day in the window.
  const first = days[0];
  const last = days[days.length - 1];
  const windowFrom = dayStart(addDays(first, -(DORMANT_AFTER_DAYS + 1)));
  const postTimes = new Map<number, number[]>();
  const push = (acc: number, t: number) => {
    let list = postTimes.get(acc);
    if (!list) postTimes.set(acc, (list = []));
    list.push(t);
  };
  const before = sqlite.prepare<[number, number], { t: number | null }>(`SELECT max(published_at) AS t FROM posts WHERE account_id = ? AND published_at < ?`);
  for (const a of accounts) {
    const t = before.get(a.id, windowFrom)?.t ?? null;
    if (t !== null) push(a.id, t);
  }
  for (const r of sqlite
    .prepare<[number, number], { a: number; t: number }>(
      `SELECT account_id AS a, max(published_at) AS t FROM posts
        WHERE account_id IN (${accIds}) AND published_at >= ? AND published_at < ?
        GROUP BY account_id, ${sqlBahrainDay("published_at")} ORDER BY 1, 2`,
    )
    .all(windowFrom, dayEnd(last)))
    push(r.a, r.t);

  for (const a of accounts) {
    const domains = safeJsonArray(a.emailDomains);
    const ownerList = owners.get(a.id) ?? [];
    const times = postTimes.get(a.id) ?? [];
    let ti = -1; // index of the last post time < end of current day
    for (const d of days) {
      const end = dayEnd(d);
      while (ti + 1 < times.length && times[ti + 1] < end) ti++;
      const row = at(a.entityId, d);
      if (!row) continue;
      const asOf = end - 1;
      const results = evaluateControls({
        account: governanceAccount(a, ti >= 0 ? times[ti] : null),
        owner: ownerAsOf(ownerList, asOf),
        entityDomains: domains,
        now: new Date(asOf),
      });
      row.controlsApplicable += results.length;
      row.controlsMet += results.filter((r) => r.met).length;
    }
  }
}

/**
 * The ownership record valid at `t`. Before the first record we use the first one: the registry
 * is usually filled in after an account already exists, and it is the best knowledge we have.
 */
function ownerAsOf(list: DatedOwnerRow[], t: number): GovernanceOwner | null {
  if (list.length === 0) return null;
  let chosen = list.find((o) => o.validFrom <= t && (o.validTo === null || o.validTo > t));
  if (!chosen) chosen = list[0].validFrom > t ? list[0] : list[list.length - 1];
  return governanceOwner(chosen);
}

function safeJsonArray(s: string | null): string[] {
  try {
    const v = JSON.parse(s ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

function writeRows(sqlite: Sqlite, entityIds: number[], fromDay: Day, toDay: Day, rows: RollupRow[], now: number): void {
  const del = sqlite.prepare(`DELETE FROM entity_day_rollups WHERE entity_id = ? AND day >= ? AND day <= ?`);
  const ins = sqlite.prepare(
    `INSERT INTO entity_day_rollups (entity_id, day, posts, flags, weighted_flags, open_flags, by_category, by_severity,
       by_clause, flags_raised, reviewed_on_time, reviewed, review_seconds, controls_applicable, controls_met, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  sqlite.transaction(() => {
    for (const e of entityIds) del.run(e, fromDay, toDay);
    for (const r of rows)
      ins.run(
        r.entityId,
        r.day,
        r.posts,
        r.flags,
        r.weightedFlags,
        r.openFlags,
        JSON.stringify(r.byCategory),
        JSON.stringify(r.bySeverity),
        JSON.stringify(r.byClause),
        r.flagsRaised,
        r.reviewedOnTime,
        r.reviewed,
        r.reviewSeconds,
        r.controlsApplicable,
        r.controlsMet,
        now,
      );
  })();
}

/** Rebuilds one entity's row for one Bahrain day. */
export function recomputeEntityDay(db: Db | Sqlite, entityId: number, day: Day, now: number = Date.now()): RollupRow {
  const sqlite = sqliteOf(db);
  const [row] = computeRollupRows(sqlite, [entityId], day, day);
  writeRows(sqlite, [entityId], day, day, [row], now);
  return row;
}

/** Today's rows for these entities: registry writes change today's governance figures. */
export function recomputeToday(db: Db | Sqlite, entityIds: Iterable<number>, now: number = Date.now()): void {
  for (const id of new Set(entityIds)) recomputeEntityDay(db, id, bahrainDay(now), now);
}

/**
 * Rebuilds rows for the given entities (default all) and days (default: from the earliest post or
 * flag to today). Large ranges are processed a quarter at a time to bound memory.
 */
export function recomputeRollups(db: Db | Sqlite, opts: RecomputeOptions = {}): { entities: number; days: number; rows: number } {
  const sqlite = sqliteOf(db);
  const now = opts.now ?? Date.now();
  const entityIds =
    opts.entityIds ?? sqlite.prepare<[], number>(`SELECT id FROM entities ORDER BY id`).pluck().all();
  if (entityIds.length === 0) return { entities: 0, days: 0, rows: 0 };
  const ids = idList(entityIds);
  let fromDay = opts.fromDay;
  if (!fromDay) {
    const r = sqlite
      .prepare<[], { t: number | null }>(
        `SELECT min(t) AS t FROM (
           SELECT min(p.published_at) AS t FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.entity_id IN (${ids})
           UNION ALL SELECT min(created_at) FROM flags WHERE entity_id IN (${ids}))`,
      )
      .get();
    fromDay = bahrainDay(r?.t ?? now);
  }
  let toDay = opts.toDay;
  if (!toDay) {
    const r = sqlite
      .prepare<[], { t: number | null }>(
        `SELECT max(t) AS t FROM (
           SELECT max(p.published_at) AS t FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.entity_id IN (${ids})
           UNION ALL SELECT max(created_at) FROM flags WHERE entity_id IN (${ids}))`,
      )
      .get();
    toDay = bahrainDay(Math.max(r?.t ?? now, now));
  }
  if (fromDay > toDay) return { entities: entityIds.length, days: 0, rows: 0 };
  let rows = 0;
  const allDays = eachDay(fromDay, toDay);
  for (let i = 0; i < allDays.length; i += 92) {
    const chunk = allDays.slice(i, i + 92);
    const out = computeRollupRows(sqlite, entityIds, chunk[0], chunk[chunk.length - 1]);
    writeRows(sqlite, entityIds, chunk[0], chunk[chunk.length - 1], out, now);
    rows += out.length;
  }
  return { entities: entityIds.length, days: allDays.length, rows };
}

/** The (entity, day) rows a change to these flags touches: their post's day and the day raised. */
export function rollupDaysForFlags(db: Db | Sqlite, flagIds: number[]): { entityId: number; day: Day }[] {
  if (flagIds.length === 0) return [];
  const sqlite = sqliteOf(db);
  const rows = sqlite
    .prepare<[], { e: number; c: number; p: number | null }>(
      `SELECT f.entity_id AS e, f.created_at AS c, p.published_at AS p
         FROM flags f LEFT JOIN posts p ON p.id = f.post_id WHERE f.id IN (${idList(flagIds)})`,
    )
    .all();
  const seen = new Map<string, { entityId: number; day: Day }>();
  for (const r of rows)
    for (const t of [r.c, r.p ?? r.c]) {
      const day = bahrainDay(t);
      seen.set(`${r.e}|${day}`, { entityId: r.e, day });
    }
  return [...seen.values()];
}

/** Recomputes every row touched by a change to these flags (call after a review, in its transaction). */
export function recomputeForFlags(db: Db | Sqlite, flagIds: number[], now: number = Date.now()): number {
  const touched = rollupDaysForFlags(db, flagIds);
  for (const t of touched) recomputeEntityDay(db, t.entityId, t.day, now);
  return touched.length;
}
