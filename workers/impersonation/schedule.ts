/**
 * The watch's place in the queues: one repeatable job a day (03:00 in Bahrain, quiet hours) fans
 * out one job per watched entity with an idempotent id (entity and Bahrain day), so a restart or a
 * second fan-out the same day adds nothing; each entity's job runs the watch (watch.ts). The
 * queue runs one job at a time: the platform budgets are a daily ledger the jobs share.
 */
import type { Job, Queue } from "bullmq";
import { bahrainDay } from "../../core/calendar";
import { entitiesToWatch } from "../../db/impersonation";
import type { WorkerDeps } from "../deps";
import { watchEntity, type WatchData } from "./watch";

export const IMPERSONATION_DAILY = "impersonation-daily";
export const WATCH_JOB = "watch";

export const watchJobId = (entityId: number, day: string) => `impersonation:${entityId}:${day}`;

/** Adds today's watch job of every watched entity; returns how many ids were offered. */
export async function fanoutWatch(deps: Pick<WorkerDeps, "db" | "clock">, queue: Queue): Promise<number> {
  const day = bahrainDay(deps.clock());
  const ids = entitiesToWatch(deps.db);
  await queue.addBulk(ids.map((entityId) => ({ name: WATCH_JOB, data: { entityId } satisfies WatchData, opts: { jobId: watchJobId(entityId, day), attempts: 2 } })));
  return ids.length;
}

export async function ensureWatchScheduler(queue: Queue): Promise<void> {
  if (!(await queue.getJobScheduler(IMPERSONATION_DAILY)))
    await queue.upsertJobScheduler(IMPERSONATION_DAILY, { pattern: "0 3 * * *", tz: "Asia/Bahrain" }, { name: IMPERSONATION_DAILY, opts: { removeOnComplete: 30, removeOnFail: 30 } });
}

/** The queue's processor: the daily fan-out, or one entity's watch. */
export function watchProcessor(deps: WorkerDeps, queue: () => Queue) {
  return async (job: Job<WatchData>) => {
    if (job.name === IMPERSONATION_DAILY) return { added: await fanoutWatch(deps, queue()) };
    const r = await watchEntity(deps, job.data, { jobId: job.id });
    // A run that failed outright is retried once; partial runs (a platform refused) are kept as they are.
    if (r.outcome === "error") throw new Error(`impersonation watch of entity ${job.data.entityId}: ${r.error ?? "failed"}`);
    return { outcome: r.outcome, candidates: r.candidates, alerts: r.alerts, takeoverFlags: r.takeoverFlags, spent: r.spent };
  };
}
