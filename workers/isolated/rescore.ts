/**
 * The `rescore` queue's processor, run by BullMQ in a child process of its own (see
 * ../isolation.ts): a rescore of a year of posts keeps a core busy for minutes, and must neither
 * stall the fetch workers' event loop nor take them down if it dies. The child opens its own
 * connection to the workers' database (DATABASE_URL, set by the parent) and scores with the
 * scoring library at its current policy version.
 */
import type { SandboxedJob } from "bullmq";
import { rescoreSince, type RescoreData, type RescoreResult } from "../jobs/score";
import { libraryScorer } from "../scorer";
import { isolatedDb } from "./child";

export interface RescoreProgress {
  pid: number;
  done: number;
  total: number;
}

export type RescoreJobResult = RescoreResult & { policyVersion: string; pid: number };

export default async function rescore(job: SandboxedJob<RescoreData, RescoreJobResult>): Promise<RescoreJobResult> {
  const deps = { db: isolatedDb(), clock: Date.now, scorer: libraryScorer };
  // Best effort: the result is what counts.
  const progress = (done: number, total: number) =>
    void job.updateProgress({ pid: process.pid, done, total } satisfies RescoreProgress).catch(() => undefined);
  progress(0, 0);
  const r = rescoreSince(deps, { since: job.data.since, entityIds: job.data.entityIds, onProgress: progress });
  return { ...r, policyVersion: libraryScorer.policyVersion, pid: process.pid };
}
