/**
 * Closes fetch_runs rows whose attempt died with its worker (SIGKILL, crash, lost Redis). The row
 * is written "running" when an attempt starts and finished by the same attempt; an attempt that
 * was killed never finishes it. A row is closed only when its BullMQ job is not active any more
 * (another process may be running it right now): retried, finished, failed or gone.
 */
import type { Db } from "../db/client";
import { closeInterruptedRun, runningFetchRuns, type FetchKind } from "../db/fetch-runs";
import type { QueueKey, Queues } from "./queues";

const QUEUE_OF: Record<FetchKind, QueueKey> = { posts: "fetch", profile: "profile", recheck: "recheck" };
/** Younger rows are left alone: their attempt has only just started. */
const GRACE_MS = 60_000;
const BATCH = 500;

export async function closeInterruptedRuns(db: Db, queues: Pick<Queues, QueueKey>, now: number): Promise<number> {
  let closed = 0;
  for (const r of runningFetchRuns(db, now - GRACE_MS, BATCH)) {
    const job = await queues[QUEUE_OF[r.kind]].getJob(r.jobId);
    if (job && (await job.getState()) === "active") continue;
    if (closeInterruptedRun(db, r.id, now)) closed++;
  }
  return closed;
}
