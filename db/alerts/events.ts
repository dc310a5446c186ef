/**
 * The outbox (`events`): written in the same transaction as what happened, read by the workers'
 * dispatcher. Each event has a unique key (`flag.created:<flagId>`), so writing it twice is a no-op.
 * The sweeps (overdue flags, failing fetches) write their events here too, once per subject.
 */
import type { Db } from "../client";
import { prepared, placeholders } from "../read/prepared";
import type { EventType, Severity } from "../../core/enums";
import { reviewDeadline } from "../../core/calendar";

export interface NewEvent {
  key: string;
  type: EventType;
  entityId: number | null;
  flagId?: number | null;
  accountId?: number | null;
  reportId?: number | null;
  severity?: Severity | null;
  data?: Record<string, unknown>;
  occurredAt: number;
}

/** Writes an event once (by key); true when it is new. Call it inside the transaction of the change. */
export function emitEvent(db: Db, e: NewEvent): boolean {
  return (
    prepared<unknown[]>(
      db,
      `INSERT INTO events (key, type, entity_id, flag_id, account_id, report_id, severity, data, occurred_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO NOTHING`,
    ).run(e.key, e.type, e.entityId, e.flagId ?? null, e.accountId ?? null, e.reportId ?? null, e.severity ?? null, JSON.stringify(e.data ?? {}), e.occurredAt).changes === 1
  );
}

export const flagCreatedKey = (flagId: number) => `flag.created:${flagId}`;
export const flagOverdueKey = (flagId: number) => `flag.overdue:${flagId}`;

// ---- the dispatcher -----------------------------------------------------------------------------

export interface OutboxRow {
  id: number;
  type: EventType;
}

/** The oldest events not yet handed to the queue. */
export function undispatchedEvents(db: Db, limit: number): OutboxRow[] {
  return prepared<[number], OutboxRow>(db, `SELECT id, type FROM events WHERE dispatched_at IS NULL ORDER BY id LIMIT ?`).all(limit);
}

export function markDispatched(db: Db, ids: readonly number[], now: number): void {
  if (!ids.length) return;
  prepared<unknown[]>(db, `UPDATE events SET dispatched_at = ? WHERE id IN (${placeholders(ids.length)}) AND dispatched_at IS NULL`).run(now, ...ids);
}

/** Handed to the queue before `before` and still without deliveries: the job was lost (Redis). */
export function strandedEvents(db: Db, before: number, limit: number): number[] {
  return prepared<[number, number], number>(db, `SELECT id FROM events WHERE processed_at IS NULL AND dispatched_at < ? ORDER BY id LIMIT ?`)
    .pluck()
    .all(before, limit);
}

// ---- sweeps ---------------------------------------------------------------------------------------

const DAY = 86_400_000;
/** Flags older than this are not announced as overdue (history, or a first start on an old database). */
export const OVERDUE_LOOKBACK_MS = 14 * DAY;

interface OverdueCandidate {
  id: number;
  entityId: number;
  accountId: number;
  severity: Severity;
  createdAt: number;
}

/**
 * flag.overdue once per flag: open, never reviewed (no reviews row: confirm, dismiss and escalate
 * all count), past the two-working-day deadline (docs/compliance-score.md), raised in the last
 * 14 days. Returns how many events were written.
 */
export function sweepOverdueFlags(db: Db, now: number): number {
  // Two working days are at least two calendar days: SQL narrows, the calendar rule decides.
  const rows = prepared<[number, number], OverdueCandidate>(
    db,
    `SELECT f.id, f.entity_id AS entityId, f.account_id AS accountId, f.severity, f.created_at AS createdAt
       FROM flags f
      WHERE f.status = 'open' AND f.created_at >= ? AND f.created_at < ?
        AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.flag_id = f.id)
        AND NOT EXISTS (SELECT 1 FROM events e WHERE e.key = 'flag.overdue:' || f.id)`,
  ).all(now - OVERDUE_LOOKBACK_MS, now - 2 * DAY);
  let n = 0;
  db.$client.transaction(() => {
    for (const f of rows) {
      const deadline = reviewDeadline(f.createdAt);
      if (deadline > now) continue;
      if (emitEvent(db, { key: flagOverdueKey(f.id), type: "flag.overdue", entityId: f.entityId, flagId: f.id, accountId: f.accountId, severity: f.severity, data: { deadline }, occurredAt: now })) n++;
    }
  })();
  return n;
}

/** Consecutive failed posts fetches that make an account "failing". */
export const FAILING_RUNS = 3;
const FAILED_OUTCOMES = ["auth_failed", "transient", "bad_response", "error"] as const;

interface WatchedAccount {
  id: number;
  entityId: number;
  class: string;
}

interface RunRow {
  id: number;
  outcome: string;
  error: string | null;
  startedAt: number;
}

/**
 * fetch.failing once per failing streak: the account's last FAILING_RUNS posts fetches all failed
 * (credentials, blocked, server errors) and none succeeded for `minQuietMs(account class)`. The key
 * names the last good run, so a new streak after a success is a new event.
 */
export function sweepFailingFetches(db: Db, now: number, minQuietMs: (accountClass: string) => number): number {
  const accounts = prepared<[], WatchedAccount>(db, `SELECT id, entity_id AS entityId, class FROM accounts WHERE status NOT IN ('archived', 'not_found')`).all();
  const lastRuns = prepared<[number, number], RunRow>(
    db,
    `SELECT id, outcome, error, started_at AS startedAt FROM fetch_runs WHERE account_id = ? AND kind = 'posts' AND outcome != 'running'
      ORDER BY started_at DESC, id DESC LIMIT ?`,
  );
  const lastOk = prepared<[number], { id: number; finishedAt: number | null } | undefined>(
    db,
    `SELECT id, finished_at AS finishedAt FROM fetch_runs WHERE account_id = ? AND kind = 'posts' AND outcome = 'ok' ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  let n = 0;
  db.$client.transaction(() => {
    for (const a of accounts) {
      const runs = lastRuns.all(a.id, FAILING_RUNS);
      if (runs.length < FAILING_RUNS || !runs.every((r) => (FAILED_OUTCOMES as readonly string[]).includes(r.outcome))) continue;
      const ok = lastOk.get(a.id);
      const quietSince = ok?.finishedAt ?? runs[runs.length - 1].startedAt;
      if (now - quietSince < minQuietMs(a.class)) continue;
      const key = `fetch.failing:${a.id}:${ok?.id ?? 0}`;
      const data = { failures: runs.length, outcome: runs[0].outcome, lastError: (runs[0].error ?? "").slice(0, 300), lastOkAt: ok?.finishedAt ?? null };
      if (emitEvent(db, { key, type: "fetch.failing", entityId: a.entityId, accountId: a.id, severity: "high", data, occurredAt: now })) n++;
    }
  })();
  return n;
}
