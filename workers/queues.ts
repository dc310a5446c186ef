/** Queue names, default job options and the helpers that add jobs (shared by workers, CLI, board). */
import { Queue, type JobsOptions } from "bullmq";
import type { FanoutJob, FanoutKind } from "./fanout";

export const QUEUE_NAMES = {
  fetch: "fetch-posts",
  profile: "refresh-profile",
  recheck: "recheck",
  score: "score",
  /** Rescore after a policy change: its own queue, so a long one never holds up scoring by id. */
  rescore: "rescore",
  rollup: "rollup",
  schedule: "schedule",
  reports: "weekly-reports",
  /** Alerts: events fanned out to deliveries, emails, the daily digest (docs/alerts.md). */
  notify: "notify",
  /** Webhook deliveries: their own queue, so a slow receiver never holds up the emails. */
  webhooks: "webhooks",
  /** The daily impersonation and takeover watch, one job per entity (docs/impersonation.md). */
  impersonation: "impersonation-watch",
} as const;
export type QueueKey = keyof typeof QUEUE_NAMES;

export const BACKOFF_TYPE = "jittered-exponential";

/** Account jobs: a few tries with our jittered backoff; completed ones kept a day so ids dedupe. */
export const ACCOUNT_JOB_OPTS: JobsOptions = {
  attempts: 8,
  backoff: { type: BACKOFF_TYPE },
  removeOnComplete: { age: 24 * 3600, count: 20_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};

export const connectionOf = (redisUrl: string) => ({ url: redisUrl, maxRetriesPerRequest: null });

export type Queues = Record<QueueKey, Queue>;

export function openQueues(redisUrl: string): Queues {
  const q = {} as Queues;
  for (const [key, name] of Object.entries(QUEUE_NAMES) as [QueueKey, string][]) {
    q[key] = new Queue(name, { connection: connectionOf(redisUrl), defaultJobOptions: ACCOUNT_JOB_OPTS });
    // Connection errors while Redis restarts are expected; ioredis reconnects by itself.
    q[key].on("error", () => undefined);
  }
  return q;
}

export async function closeQueues(q: Queues): Promise<void> {
  await Promise.all(Object.values(q).map((x) => x.close().catch(() => undefined)));
}

export interface AccountJobData {
  accountId: number;
  platform: string;
}

const KIND_QUEUE: Record<FanoutKind, QueueKey> = { fetch: "fetch", profile: "profile", recheck: "recheck" };

/** Adds fan-out jobs; existing ids (same account and period) are left alone by BullMQ. */
export async function addFanoutJobs(q: Queues, jobs: readonly FanoutJob[]): Promise<number> {
  const byKind = new Map<FanoutKind, FanoutJob[]>();
  for (const j of jobs) byKind.set(j.kind, [...(byKind.get(j.kind) ?? []), j]);
  let n = 0;
  for (const [kind, list] of byKind) {
    const queue = q[KIND_QUEUE[kind]];
    for (let i = 0; i < list.length; i += 500) {
      const chunk = list.slice(i, i + 500);
      await queue.addBulk(
        chunk.map((j) => ({ name: kind, data: { accountId: j.accountId, platform: j.platform } satisfies AccountJobData, opts: { jobId: j.jobId } })),
      );
      n += chunk.length;
    }
  }
  return n;
}
