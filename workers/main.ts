/**
 * Starts the ingestion workers: one BullMQ worker per queue (in this process, or in child
 * processes for the heavy ones), the repeatable jobs, rate budgets in Redis, a heartbeat, and a
 * graceful close. Redis holds only work in flight; the database is the truth of what to fetch, so
 * after a Redis loss the heartbeat re-creates the schedulers and the next fan-out re-adds every due job.
 *
 * As a script (`tsx workers/main.ts`): DATABASE_URL, REDIS_URL, AMANAH_CONNECTORS (JSON); alerts read
 * SMTP_URL, MAIL_FROM, PUBLIC_URL, SESSION_SECRET, AMANAH_CREDENTIALS_KEY and WEBHOOK_* (docs/alerts.md).
 */
import { UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { pino } from "pino";
import { fileURLToPath } from "node:url";
import { databaseFile, getDb, type Db } from "../db/client";
import { transientBackoffMs } from "./backoff";
import { configuredConnectors, connectorFactory, type ConnectorConfig } from "./connectors";
import type { ConnectorFactory, Logger, WorkerDeps } from "./deps";
import type { FanoutOptions } from "./fanout";
import { startHeartbeat, type Heartbeat } from "./heartbeat";
import { closeInterruptedRuns } from "./interrupted-runs";
import { ISOLATED_PROCESSORS, isolatedForkOptions, isIsolated } from "./isolation";
import { fanoutNow, inProcessProcessors, type Processor, type WorkerRuntime } from "./processors";
import { closeQueues, connectionOf, openQueues, QUEUE_NAMES, type QueueKey, type Queues } from "./queues";
import { RateGate, RedisRateStore } from "./rate-gate";
import type { Scorer } from "./flag-rows";
import { libraryScorer } from "./scorer";
import { ensureSchedulers } from "./schedules/index";
import { fanoutWatch } from "./impersonation/schedule";
import { hookBackoff, notifyOptions, notifySweep, smtpMailer, startDispatcher, type NotifyOptions, type NotifyRuntime } from "./notify/index";

export interface StartWorkersOptions {
  db: Db;
  redisUrl: string;
  connectorConfig?: ConnectorConfig;
  /** Overrides connectorConfig (tests inject fakes). */
  connectors?: ConnectorFactory;
  clock?: () => number;
  /** Scorer of the in-process queues; the isolated rescore uses the scoring library. */
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
  /** Alerts: SMTP, public URL, webhook policy, grouping and retry timings (default: the configuration). */
  notify?: Partial<NotifyOptions>;
}

export interface RunningWorkers {
  queues: Queues;
  deps: WorkerDeps;
  /** Runs one fan-out now (also what the scheduler job does). */
  fanoutNow(): Promise<number>;
  /** Hands the outbox's new events to the notify queue now (the dispatcher also does every tick). */
  dispatchNow(): Promise<void>;
  /** Runs the alerts' once-a-minute sweep now (overdue flags, failing fetches, lost jobs). */
  sweepNow(): ReturnType<typeof notifySweep>;
  /** Queues today's impersonation watch of every watched entity now (the daily 03:00 job's work; once per day). */
  watchNow(): Promise<number>;
  close(): Promise<void>;
}

const DEFAULT_CONCURRENCY: Record<QueueKey, number> = { fetch: 8, profile: 4, recheck: 4, score: 2, rescore: 1, rollup: 1, schedule: 1, reports: 1, notify: 4, webhooks: 8, impersonation: 1 };

export async function startWorkers(opts: StartWorkersOptions): Promise<RunningWorkers> {
  const rt = openRuntime(opts);
  const workers = createWorkers(rt, opts);
  const schedule = opts.schedule ?? true;
  const fanoutEveryMs = opts.fanoutEveryMs ?? 60_000;
  const dispatcher = startDispatcher(rt.notify, rt.notify.opts.dispatchEveryMs);
  const heartbeat = await startHeartbeat(rt.redis, rt.deps.log, {
    everyBeat: async () => {
      if (schedule) await ensureSchedulers(rt.queues, { fanoutEveryMs });
    },
    everyMinute: async () => {
      const n = await closeInterruptedRuns(rt.deps.db, rt.queues, rt.deps.clock());
      if (n > 0) rt.deps.log.info({ closed: n }, "closed fetch runs interrupted by a stopped worker");
      const swept = await notifySweep(rt.notify);
      if (swept.overdue + swept.failing + swept.requeued > 0) rt.deps.log.info(swept, "alert sweep");
    },
  });
  if (schedule) await fanoutNow(rt); // first fetch immediately at start
  return {
    queues: rt.queues,
    deps: rt.deps,
    fanoutNow: () => fanoutNow(rt),
    dispatchNow: dispatcher.kick,
    sweepNow: () => notifySweep(rt.notify),
    watchNow: () => fanoutWatch(rt.deps, rt.queues.impersonation),
    close: closer(rt, workers, heartbeat, dispatcher),
  };
}

/** The dependencies every processor shares: logger, clock, Redis and its rate gate, connectors, queues. */
function openRuntime(opts: StartWorkersOptions): WorkerRuntime {
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
  const notifyOpts = notifyOptions(opts.notify);
  const mailer = notifyOpts.smtpUrl ? smtpMailer(notifyOpts.smtpUrl, notifyOpts.mailFrom) : null;
  if (!mailer) log.info("SMTP_URL is not set: alerts go to webhooks only");
  const notify: NotifyRuntime = { db: opts.db, clock, log, notify: queues.notify, webhooks: queues.webhooks, mailer, opts: notifyOpts };
  return { deps, redis, queues, rollupDebounceMs: opts.rollupDebounceMs ?? 5_000, fanout: opts.fanout, notify };
}

/** One BullMQ worker per queue: a function in this process, or a processor file run in child processes. */
function createWorkers(rt: WorkerRuntime, opts: StartWorkersOptions): Worker[] {
  const processors = inProcessProcessors(rt);
  // Resolved once, up front: an in-memory database cannot be shared with a child, and says so now.
  const forkOptions = isolatedForkOptions(databaseFile(opts.db));
  const concurrency = { ...DEFAULT_CONCURRENCY, ...(opts.concurrency ?? {}) };
  const hookRetry = hookBackoff(rt.notify.opts);
  return (Object.keys(QUEUE_NAMES) as QueueKey[]).map((key) => {
    const w = new Worker(QUEUE_NAMES[key], isIsolated(key) ? ISOLATED_PROCESSORS[key] : (processors[key] satisfies Processor), {
      connection: connectionOf(opts.redisUrl),
      concurrency: concurrency[key],
      lockDuration: opts.lockDurationMs ?? 30_000,
      stalledInterval: opts.stalledIntervalMs ?? 15_000,
      maxStalledCount: 5,
      // Webhooks retry on their own, slower schedule (every 30 s doubling to an hour, for a day).
      settings: { backoffStrategy: (attemptsMade: number) => (key === "webhooks" ? hookRetry(attemptsMade) : transientBackoffMs(attemptsMade)) },
      ...(isIsolated(key) ? { workerForkOptions: forkOptions } : {}),
    });
    logFailures(w, key, rt.deps.log);
    return w;
  });
}

function logFailures(w: Worker, key: QueueKey, log: Logger): void {
  // A retried failure is routine (faults, rate limits); only a job that gives up is a warning.
  w.on("failed", (job, err) => {
    const final = !job || job.attemptsMade >= (job.opts.attempts ?? 1) || err instanceof UnrecoverableError;
    log[final ? "warn" : "debug"]({ queue: key, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, final ? "job gave up" : "job failed, will retry");
  });
  w.on("error", (err) => log.debug({ queue: key, err: err.message }, "worker error"));
}

/** Closes once (later calls share the first): beats stop, active jobs finish, then the connections go. */
function closer(rt: WorkerRuntime, workers: Worker[], heartbeat: Heartbeat, dispatcher: { stop(): Promise<void> }): () => Promise<void> {
  let closing: Promise<void> | null = null;
  return () =>
    (closing ??= (async () => {
      heartbeat.stop();
      await dispatcher.stop();
      await Promise.all(workers.map((w) => w.close().catch(() => undefined)));
      rt.notify.mailer?.close();
      await closeQueues(rt.queues);
      await heartbeat.clear();
      rt.redis.disconnect();
    })());
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
    // Alert timings for tests and the bench (production keeps the defaults of notify/runtime.ts).
    notify: {
      ...(process.env.WORKERS_HOOK_RETRY_MS ? { hookRetryBaseMs: Number(process.env.WORKERS_HOOK_RETRY_MS), hookRetryCapMs: Number(process.env.WORKERS_HOOK_RETRY_MS) * 8 } : {}),
      ...(process.env.WORKERS_HOOK_TIMEOUT_MS ? { hookTimeoutMs: Number(process.env.WORKERS_HOOK_TIMEOUT_MS) } : {}),
      ...(process.env.WORKERS_ALERT_WINDOW_MS
        ? { grouping: { gatherMs: Number(process.env.WORKERS_ALERT_GATHER_MS ?? 2_000), windowMs: Number(process.env.WORKERS_ALERT_WINDOW_MS) } }
        : {}),
    },
  });
  w.deps.log.info({ pid: process.pid }, "workers started");
  closeOnSignals(w.close, w.deps.log);
}
