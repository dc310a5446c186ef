/**
 * Starts the ingestion workers: one BullMQ worker per queue around the plain processors, the
 * fan-out scheduler, rate budgets in Redis, a heartbeat, and a graceful close. Redis holds only
 * work in flight; the database is the truth of what to fetch, so after a Redis loss the heartbeat
 * re-creates the scheduler and the next fan-out re-adds every due job.
 *
 * As a script (`tsx workers/main.ts`): DATABASE_URL, REDIS_URL, AMANAH_CONNECTORS (JSON).
 */
import { DelayedError, UnrecoverableError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { fileURLToPath } from "node:url";
import { AuthFailed, RateLimited } from "../connectors/types";
import { getDb, type Db } from "../db/client";
import { resetJitterMs, transientBackoffMs } from "./backoff";
import { configuredConnectors, connectorFactory, type ConnectorConfig } from "./connectors";
import type { ConnectorFactory, Logger, WorkerDeps } from "./deps";
import { planFanout, type FanoutOptions } from "./fanout";
import { HEARTBEAT_KEY, HEARTBEAT_TTL_MS } from "./health";
import { fetchPosts } from "./jobs/fetch-posts";
import { recheckRecent } from "./jobs/recheck";
import { refreshProfile } from "./jobs/refresh-profile";
import { rollupEntityDays } from "./jobs/rollup";
import { rescoreSince, scoreItems, type ScoreData } from "./jobs/score";
import { addFanoutJobs, closeQueues, connectionOf, openQueues, QUEUE_NAMES, type AccountJobData, type QueueKey, type Queues } from "./queues";
import { RateGate, RedisRateStore } from "./rate-gate";
import type { RunResult } from "./run";
import type { Scorer } from "./flag-rows";
import { libraryScorer } from "./scorer";
import { processWeeklyReports, type WeeklyReportsData } from "./jobs/weekly-reports";
import { scheduleWeeklyReports } from "./schedules/weekly-reports";
import { recomputeRollups } from "../db/rollups";
import { addDays, bahrainDay } from "../core/calendar";
import { closeInterruptedRuns } from "./interrupted-runs";

export interface StartWorkersOptions {
  db: Db;
  redisUrl: string;
  connectorConfig?: ConnectorConfig;
  /** Overrides connectorConfig (tests inject fakes). */
  connectors?: ConnectorFactory;
  clock?: () => number;
  scorer?: Scorer;
  log?: Logger;
  /** Run the fan-out scheduler in this process (default true) and once immediately at start. */
  schedule?: boolean;
  fanoutEveryMs?: number;
  fanout?: FanoutOptions;
  concurrency?: Partial<Record<QueueKey, number>>;
  /** Lock held by an active job; a killed worker's jobs are recovered after it expires. */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  /** Concurrent connector calls per platform in this process. */
  laneSize?: number;
  /** Delay that coalesces rollups of one entity. */
  rollupDebounceMs?: number;
}

export interface RunningWorkers {
  queues: Queues;
  deps: WorkerDeps;
  /** Runs one fan-out now (also what the scheduler job does). */
  fanoutNow(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_CONCURRENCY: Record<QueueKey, number> = { fetch: 8, profile: 4, recheck: 4, score: 2, rollup: 1, schedule: 1, reports: 1 };

const DAILY_ROLLUP = "rollup-daily";
const rollupDaysKey = (entityId: number) => `rollup:days:${entityId}`;

export async function startWorkers(opts: StartWorkersOptions): Promise<RunningWorkers> {
  const log: Logger = opts.log ?? pino({ name: "workers", level: process.env.LOG_LEVEL ?? "info" });
  const clock = opts.clock ?? Date.now;
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: null, lazyConnect: false });
  redis.on("error", (err) => log.debug({ err: err.message }, "redis connection error"));
  const gate = new RateGate(new RedisRateStore(redis), { clock, laneSize: opts.laneSize ?? 1 });
  const deps: WorkerDeps = {
    db: opts.db,
    connectors: opts.connectors ?? connectorFactory(opts.connectorConfig, gate),
    clock,
    gate,
    scorer: opts.scorer ?? libraryScorer,
    log,
  };
  const queues = openQueues(opts.redisUrl);
  const conc = { ...DEFAULT_CONCURRENCY, ...(opts.concurrency ?? {}) };
  const lockDuration = opts.lockDurationMs ?? 30_000;
  const stalledInterval = opts.stalledIntervalMs ?? 15_000;
  const debounce = opts.rollupDebounceMs ?? 5_000;

  const fanoutNow = async () => addFanoutJobs(queues, planFanout(deps.db, clock(), opts.fanout));

  /** Queues the affected days of an entity for a (coalesced) rollup. */
  const scheduleRollup = async (r: RunResult) => {
    if (!r.entityId || !r.days.length) return;
    await redis.sadd(rollupDaysKey(r.entityId), ...r.days);
    const bucket = Math.floor(Date.now() / debounce);
    await queues.rollup.add(
      "rollup",
      { entityId: r.entityId },
      { jobId: `rollup:${r.entityId}:${bucket}`, delay: (bucket + 1) * debounce - Date.now(), removeOnComplete: true, attempts: 5 },
    );
  };

  /** Wraps an account processor with the rate gate and the error → queue action mapping. */
  const accountProcessor =
    (fn: (d: WorkerDeps, data: AccountJobData, ctx: { jobId?: string | null }) => Promise<RunResult>) =>
    async (job: Job<AccountJobData>, token?: string) => {
      const delayTo = async (resetAt: number) => {
        // resetAt is on the injected clock; BullMQ delays on the wall clock.
        await job.moveToDelayed(Date.now() + Math.max(0, resetAt - clock()) + resetJitterMs(), token);
        throw new DelayedError();
      };
      // Do not even start (no fetch_runs row) while the platform's budget is closed.
      const closed = await gate.closedUntil(job.data.platform);
      if (closed !== null) return delayTo(closed);
      try {
        const r = await fn(deps, job.data, { jobId: job.id });
        await scheduleRollup(r);
        return { outcome: r.outcome, ...r.counts, skipped: r.skipped };
      } catch (err) {
        if (err instanceof RateLimited) return delayTo(err.resetAt.getTime());
        if (err instanceof AuthFailed) throw new UnrecoverableError(err.message);
        throw err; // Transient, BadResponse, unexpected: retried with jittered backoff.
      }
    };

  const processors: Record<QueueKey, (job: Job, token?: string) => Promise<unknown>> = {
    fetch: accountProcessor(fetchPosts),
    profile: accountProcessor(refreshProfile),
    recheck: accountProcessor(recheckRecent),
    score: async (job: Job<ScoreData & { since?: number }>) =>
      job.data.since !== undefined ? rescoreSince(deps, { since: job.data.since }) : { flags: scoreItems(deps, job.data) },
    rollup: async (job: Job<{ entityId: number }>) => {
      // Governance figures and review deadlines move with the calendar even without new posts.
      if (job.name === DAILY_ROLLUP) {
        const today = bahrainDay(clock());
        return recomputeRollups(deps.db, { fromDay: addDays(today, -1), toDay: today, now: clock() });
      }
      const key = rollupDaysKey(job.data.entityId);
      const days = await redis.smembers(key);
      const n = rollupEntityDays(deps, { entityId: job.data.entityId, days });
      if (days.length) await redis.srem(key, ...days);
      return { days: n };
    },
    schedule: async () => ({ added: await fanoutNow() }),
    reports: async (job: Job<WeeklyReportsData>) => processWeeklyReports(deps, job.data),
  };

  const workers = (Object.keys(QUEUE_NAMES) as QueueKey[]).map((key) => {
    const w = new Worker(QUEUE_NAMES[key], processors[key], {
      connection: connectionOf(opts.redisUrl),
      concurrency: conc[key],
      lockDuration,
      stalledInterval,
      maxStalledCount: 5,
      settings: { backoffStrategy: (attemptsMade: number) => transientBackoffMs(attemptsMade) },
    });
    // A retried failure is routine (faults, rate limits); only a job that gives up is a warning.
    w.on("failed", (job, err) => {
      const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
      log[final ? "warn" : "debug"]({ queue: key, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, final ? "job gave up" : "job failed, will retry");
    });
    w.on("error", (err) => log.debug({ queue: key, err: err.message }, "worker error"));
    return w;
  });

  const schedule = opts.schedule ?? true;
  const fanoutEvery = opts.fanoutEveryMs ?? 60_000;
  const ensureScheduler = async () => {
    if (!schedule) return;
    const existing = await queues.schedule.getJobScheduler("fanout");
    if (!existing) await queues.schedule.upsertJobScheduler("fanout", { every: fanoutEvery }, { name: "fanout", opts: { removeOnComplete: 100, removeOnFail: 100 } });
    if (!(await queues.reports.getJobScheduler("weekly-reports"))) await scheduleWeeklyReports(queues.reports);
    if (!(await queues.rollup.getJobScheduler(DAILY_ROLLUP)))
      await queues.rollup.upsertJobScheduler(DAILY_ROLLUP, { pattern: "5 0 * * *", tz: "Asia/Bahrain" }, { name: DAILY_ROLLUP, opts: { removeOnComplete: 30, removeOnFail: 30 } });
  };

  // Heartbeat (read by the /healthz "workers" check), scheduler self-healing after a Redis loss,
  // and every minute the sweep for fetch runs left "running" by a killed worker.
  const SWEEP_EVERY_BEATS = 12;
  let beats = 0;
  const beat = async () => {
    try {
      await redis.set(HEARTBEAT_KEY, JSON.stringify({ pid: process.pid, at: Date.now() }), "PX", HEARTBEAT_TTL_MS);
      await ensureScheduler();
      if (++beats % SWEEP_EVERY_BEATS === 1) {
        const n = await closeInterruptedRuns(opts.db, queues, clock());
        if (n > 0) log.info({ closed: n }, "closed fetch runs interrupted by a stopped worker");
      }
    } catch (err) {
      log.debug({ err: (err as Error).message }, "heartbeat failed");
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), 5_000);
  timer.unref();
  if (schedule) await fanoutNow(); // first fetch immediately at start

  let closing: Promise<void> | null = null;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(timer);
      await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
      await closeQueues(queues);
      await redis.del(HEARTBEAT_KEY).catch(() => undefined);
      redis.disconnect();
    })());

  return { queues, deps, fanoutNow, close };
}

/** Closes on SIGINT/SIGTERM (active jobs finish, nothing is left locked). */
export function closeOnSignals(close: () => Promise<void>, log?: Logger): void {
  let stopping = false;
  const onSignal = (sig: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    log?.info({ sig }, "closing workers");
    // Active jobs get a grace period; past it we exit and BullMQ recovers them as stalled.
    setTimeout(() => process.exit(1), 15_000).unref();
    close()
      .then(() => process.exit(0))
      .catch(() => process.exit(1));
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    console.error("REDIS_URL is required (npm run demo starts a local Redis for you)");
    process.exit(2);
  }
  const num = (v: string | undefined) => (v ? Number(v) : undefined);
  const db = getDb();
  const w = await startWorkers({
    db,
    redisUrl,
    connectorConfig: configuredConnectors(db),
    schedule: process.env.WORKERS_SCHEDULE !== "0",
    fanoutEveryMs: num(process.env.WORKERS_FANOUT_EVERY_MS),
    lockDurationMs: num(process.env.WORKERS_LOCK_MS),
    stalledIntervalMs: num(process.env.WORKERS_STALLED_MS),
    fanout: process.env.WORKERS_FANOUT_SCALE ? { scale: Number(process.env.WORKERS_FANOUT_SCALE) } : undefined,
  });
  w.deps.log.info({ pid: process.pid }, "workers started");
  closeOnSignals(w.close, w.deps.log);
}
