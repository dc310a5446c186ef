/**
 * fetch_runs bookkeeping: one row per attempt of an account job, written "running" when the attempt
 * starts and finished by the same attempt (outcome, counts, error). An attempt killed with its
 * worker never finishes its row; the next attempt of the same job, or the workers' sweep, closes it.
 */
import type { Db } from "./client";
import type { FETCH_KINDS, FETCH_OUTCOMES } from "../core/enums";

export type FetchKind = (typeof FETCH_KINDS)[number];
export type FetchOutcome = (typeof FETCH_OUTCOMES)[number];

export interface RunCounts {
  postsNew: number;
  postsChanged: number;
  postsDeleted: number;
}

/** How far back a new attempt looks for its job's earlier, interrupted attempts (index range). */
const INTERRUPTED_LOOKBACK_MS = 7 * 86_400_000;

export function startFetchRun(db: Db, r: { accountId: number; kind: FetchKind; jobId?: string | null; now: number }): number {
  // A job runs one attempt at a time, so an earlier attempt of the same job still "running" died
  // with its worker (SIGKILL, crash); close it so the health page does not show it running forever.
  if (r.jobId) {
    db.$client
      .prepare<[number, number, number, FetchKind, string]>(
        `UPDATE fetch_runs SET finished_at = ?, outcome = 'error', error = 'interrupted: the worker stopped during this run; the job ran again'
          WHERE account_id = ? AND started_at >= ? AND kind = ? AND job_id = ? AND outcome = 'running'`,
      )
      .run(r.now, r.accountId, r.now - INTERRUPTED_LOOKBACK_MS, r.kind, r.jobId);
  }
  const row = db.$client
    .prepare<[number, FetchKind, string | null, number], { id: number }>(
      "INSERT INTO fetch_runs (account_id, kind, job_id, started_at, outcome) VALUES (?, ?, ?, ?, 'running') RETURNING id",
    )
    .get(r.accountId, r.kind, r.jobId ?? null, r.now)!;
  return row.id;
}

export function finishFetchRun(
  db: Db,
  id: number,
  r: { outcome: Exclude<FetchOutcome, "running">; counts?: Partial<RunCounts>; error?: string | null; now: number },
): void {
  db.$client
    .prepare<[number, FetchOutcome, number, number, number, string | null, number]>(
      "UPDATE fetch_runs SET finished_at = ?, outcome = ?, posts_new = ?, posts_changed = ?, posts_deleted = ?, error = ? WHERE id = ?",
    )
    .run(
      r.now,
      r.outcome,
      r.counts?.postsNew ?? 0,
      r.counts?.postsChanged ?? 0,
      r.counts?.postsDeleted ?? 0,
      r.error ? r.error.slice(0, 2000) : null,
      id,
    );
}

/**
 * Records a run that failed before it could start (unknown account, unknown platform): still a
 * fetch_runs row so the health page shows it. Needs a real account id (foreign key).
 */
export function recordFailedRun(
  db: Db,
  r: { accountId: number; kind: FetchKind; jobId?: string | null; outcome: Exclude<FetchOutcome, "running" | "ok">; error: string; now: number },
): number {
  const id = startFetchRun(db, r);
  finishFetchRun(db, id, { outcome: r.outcome, error: r.error, now: r.now });
  return id;
}

/** A "running" row old enough that its attempt may have died; the sweep asks Redis before closing it. */
export interface RunningFetchRun {
  id: number;
  kind: FetchKind;
  jobId: string;
}

/** Queued "running" rows started before `before`, oldest first, at most `limit`. */
export function runningFetchRuns(db: Db, before: number, limit: number): RunningFetchRun[] {
  return db.$client
    .prepare<[number, number], RunningFetchRun>(
      `SELECT id, kind, job_id AS jobId FROM fetch_runs
       WHERE outcome = 'running' AND started_at < ? AND job_id IS NOT NULL ORDER BY started_at LIMIT ?`,
    )
    .all(before, limit);
}

/** Closes one run whose worker stopped during it; false when it finished meanwhile. */
export function closeInterruptedRun(db: Db, id: number, now: number): boolean {
  const r = db.$client
    .prepare<[number, number]>(
      `UPDATE fetch_runs SET finished_at = ?, outcome = 'error', error = 'interrupted: the worker stopped during this run' WHERE id = ? AND outcome = 'running'`,
    )
    .run(now, id);
  return r.changes > 0;
}
