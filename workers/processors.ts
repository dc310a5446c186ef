/**
 * What each in-process queue does with a job, around the plain job functions (jobs/*.ts): account
 * jobs behind the rate gate with the error → queue action mapping, scoring by id, rollups and the
 * fan-out. The heavy queues (weekly reports, rescore) run in child processes instead (isolation.ts).
 */
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { Redis } from "ioredis";
import { AuthFailed, RateLimited } from "../connectors/types";
import { DestinationRefused } from "../connectors/net-guard";
import { addDays, bahrainDay } from "../core/calendar";
import { recomputeRollups } from "../db/rollups";
import { resetJitterMs } from "./backoff";
import type { JobContext, WorkerDeps } from "./deps";
import { planFanout, type FanoutOptions } from "./fanout";
import type { IsolatedKey } from "./isolation";
import { fetchPosts } from "./jobs/fetch-posts";
import { recheckRecent } from "./jobs/recheck";
import { refreshProfile } from "./jobs/refresh-profile";
import { rollupEntityDays } from "./jobs/rollup";
import { scoreItems, type RescoreData, type ScoreData } from "./jobs/score";
import { addFanoutJobs, type AccountJobData, type QueueKey, type Queues } from "./queues";
import type { RunResult } from "./run";
import { DAILY_ROLLUP } from "./schedules/index";
import { notifyProcessor, webhookProcessor, type NotifyRuntime } from "./notify/index";
import { watchProcessor } from "./impersonation/schedule";

/** What the processors share: the jobs' dependencies, Redis for rollup bookkeeping, the queues. */
export interface WorkerRuntime {
  deps: WorkerDeps;
  redis: Redis;
  queues: Queues;
  /** Delay that coalesces rollups of one entity. */
  rollupDebounceMs: number;
  fanout?: FanoutOptions;
  /** The alert processors' runtime (notify and webhooks queues). */
  notify: NotifyRuntime;
}

export type Processor = (job: Job, token?: string) => Promise<unknown>;
export type InProcessKey = Exclude<QueueKey, IsolatedKey>;

const rollupDaysKey = (entityId: number) => `rollup:days:${entityId}`;

/** Runs one fan-out now: every due account job, added with its idempotent id. */
export function fanoutNow(rt: WorkerRuntime): Promise<number> {
  return addFanoutJobs(rt.queues, planFanout(rt.deps.db, rt.deps.clock(), rt.fanout));
}

/** Queues the affected days of an entity for a (coalesced) rollup. */
async function scheduleRollup(rt: WorkerRuntime, r: RunResult): Promise<void> {
  if (!r.entityId || !r.days.length) return;
  await rt.redis.sadd(rollupDaysKey(r.entityId), ...r.days);
  const debounce = rt.rollupDebounceMs;
  const bucket = Math.floor(Date.now() / debounce);
  await rt.queues.rollup.add(
    "rollup",
    { entityId: r.entityId },
    { jobId: `rollup:${r.entityId}:${bucket}`, delay: (bucket + 1) * debounce - Date.now(), removeOnComplete: true, attempts: 5 },
  );
}

type AccountJob = (deps: WorkerDeps, data: AccountJobData, ctx: JobContext) => Promise<RunResult>;

/** Wraps an account job with the rate gate and the error → queue action mapping. */
function accountProcessor(rt: WorkerRuntime, fn: AccountJob): Processor {
  const { deps } = rt;
  return async (job: Job<AccountJobData>, token?: string) => {
    const delayTo = async (resetAt: number) => {
      // resetAt is on the injected clock; BullMQ delays on the wall clock.
      await job.moveToDelayed(Date.now() + Math.max(0, resetAt - deps.clock()) + resetJitterMs(), token);
      throw new DelayedError();
    };
    // Do not even start (no fetch_runs row) while the platform's budget is closed.
    const closed = await deps.gate.closedUntil(job.data.platform);
    if (closed !== null) return delayTo(closed);
    try {
      const r = await fn(deps, job.data, { jobId: job.id });
      await scheduleRollup(rt, r);
      return { outcome: r.outcome, ...r.counts, skipped: r.skipped };
    } catch (err) {
      if (err instanceof RateLimited) return delayTo(err.resetAt.getTime());
      if (err instanceof AuthFailed) throw new UnrecoverableError(err.message);
      // A feed address the outbound guard refuses (private, loopback, metadata …) is a setting to
      // fix, not a passing fault: retrying only repeats the refusal. The run records it.
      if (err instanceof DestinationRefused) throw new UnrecoverableError(err.message);
      throw err; // Transient, BadResponse, unexpected: retried with jittered backoff.
    }
  };
}

/** Scores posts and profiles by id; a rescore (`since`) sent here is passed on to its own queue. */
function scoreProcessor(rt: WorkerRuntime): Processor {
  return async (job: Job<ScoreData & Partial<RescoreData>>) => {
    const { since, entityIds } = job.data;
    if (since === undefined) return { flags: scoreItems(rt.deps, job.data) };
    const rescore = await rt.queues.rescore.add("rescore", { since, entityIds } satisfies RescoreData, { jobId: `rescore:from-score:${job.id}` });
    return { rescoreJobId: rescore.id };
  };
}

/** Rollups of the days an entity's runs touched, or (daily) every entity's yesterday and today. */
function rollupProcessor(rt: WorkerRuntime): Processor {
  const { deps, redis } = rt;
  return async (job: Job<{ entityId: number }>) => {
    // Governance figures and review deadlines move with the calendar even without new posts.
    if (job.name === DAILY_ROLLUP) {
      const today = bahrainDay(deps.clock());
      return recomputeRollups(deps.db, { fromDay: addDays(today, -1), toDay: today, now: deps.clock() });
    }
    const key = rollupDaysKey(job.data.entityId);
    const days = await redis.smembers(key);
    const n = rollupEntityDays(deps, { entityId: job.data.entityId, days });
    if (days.length) await redis.srem(key, ...days);
    return { days: n };
  };
}

/** The processor of every queue that runs in this process. */
export function inProcessProcessors(rt: WorkerRuntime): Record<InProcessKey, Processor> {
  return {
    fetch: accountProcessor(rt, fetchPosts),
    profile: accountProcessor(rt, refreshProfile),
    recheck: accountProcessor(rt, recheckRecent),
    score: scoreProcessor(rt),
    rollup: rollupProcessor(rt),
    schedule: async () => ({ added: await fanoutNow(rt) }),
    notify: notifyProcessor(rt.notify),
    webhooks: webhookProcessor(rt.notify),
    impersonation: watchProcessor(rt.deps, () => rt.queues.impersonation),
  };
}
