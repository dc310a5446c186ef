/**
 * Closes fetch_runs rows whose attempt died with its worker (SIGKILL, crash, lost Redis). The row
 * is written "running" when an attempt starts and finished by the same attempt; an attempt that
 * was killed never finishes it. A row is closed only when its BullMQ job is not active any more
 * (another process may be running it right now): retried, finished, failed or gone.
 */
import type { Db } from "../db/client";
import type { FetchKind } from "../db/ingest";
import type { QueueKey, Queues } from "./queues";

const QUEUE_OF: Record<FetchKind, QueueKey> = { posts: "fetch", profile: "profile", recheck: "recheck" };
/** Younger rows are left alone: their attempt has only just started. */
const GRACE_MS = 60_000;
const BATCH = 500;

export async function closeInterruptedRuns(db: Db, queues: Pick<Queues, QueueKey>, now: number): Promise<number> {
  const rows = db.$client
    .prepare(`SELECT id, kind, job_id AS jobId FROM fetch_runs WHERE outcome = 'running' AND started_at < ? AND job_id IS NOT NULL ORDER BY started_at LIMIT ${BATCH}`)
    .all(now - GRACE_MS) as { id: number; kind: FetchKind; jobId: string }[];
  const close = db.$client.prepare(
    `UPDATE fetch_runs SET finished_at = ?, outcome = 'error', error = 'interrupted: the worker stopped during this run' WHERE id = ? AND outcome = 'running'`,
  );
  let closed = 0;
  for (const r of rows) {
    const job = await queues[QUEUE_OF[r.kind]].getJob(r.jobId);
    if (job && (await job.getState()) === "active") continue;
    closed += close.run(now, r.id).changes;
  }
  return closed;
}
