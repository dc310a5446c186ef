/**
 * The heavy queues run outside the fetch workers' process: the rescore and the weekly reports
 * (Chromium) are BullMQ sandboxed processors in child processes. Their results carry the child's
 * pid; a child killed mid-job (as the OOM killer or a crash would) fails only that attempt, the
 * job is retried in a fresh child, and the fetch workers keep fetching meanwhile.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Job } from "bullmq";
import { describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { POLICY_VERSION } from "../../core/scoring/index";
import { startWorkers, type RunningWorkers } from "../../workers/main";
import { silentLogger, UnknownPlatformError } from "../../workers/deps";
import type { RescoreJobResult, RescoreProgress } from "../../workers/isolated/rescore";
import type { WeeklyReportsJobResult } from "../../workers/isolated/weekly-reports";
import { freshDb } from "../helpers/db";
import { privateRedisForFile } from "../helpers/redis";
import { fakeScorer, FakeConnector, insertAccounts } from "./fakes";
import { waitFor } from "./wait";

const redis = privateRedisForFile();

// Texts the scoring library flags (an insult, a phone number) and one it does not.
const TEXTS = ["يا حمار شنو هالخدمة الزفت", "للتواصل 39123456", "صباح الخير"];

function world(name: string) {
  const t = freshDb(name);
  const [alpha, beta] = insertAccounts(t.db, [
    { platform: "x", handle: "alpha" },
    { platform: "x", handle: "beta" },
  ]);
  const x = new FakeConnector("x", 2);
  x.add("alpha", Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, text: TEXTS[i % TEXTS.length] })));
  x.add("beta", [{ id: "b0", text: "posted while a rescore was down" }]);
  const start = () =>
    startWorkers({
      db: t.db,
      redisUrl: redis.url,
      connectors: (p) => {
        if (p === "x") return x;
        throw new UnknownPlatformError(p);
      },
      scorer: fakeScorer,
      log: silentLogger,
      schedule: false,
      fanout: { kinds: ["fetch"] },
    });
  const count = (sql: string, ...params: unknown[]) => (t.db.$client.prepare(sql).get(...params) as { n: number }).n;
  // Job ids are per test: this file's tests share one Redis, where completed jobs keep their ids.
  const fetch = (w: RunningWorkers, accountId: number) => w.queues.fetch.add("fetch", { accountId, platform: "x" }, { jobId: `${name}:fetch:${accountId}` });
  return { ...t, alpha, beta, start, count, fetch };
}

/**
 * Polls the job's state. Not `job.waitUntilFinished`: a fresh QueueEvents reads its stream from
 * "$" only once its first XREAD is issued, which is after `waitUntilReady`, so a job finishing in
 * between is neither seen by the one check nor by the events (this test hung on a loaded machine).
 */
async function finished<T>(w: RunningWorkers, key: "rescore" | "reports" | "score", job: Job, timeoutMs = 90_000): Promise<T> {
  const queue = w.queues[key];
  await waitFor(async () => {
    const state = await queue.getJobState(job.id!);
    if (state === "failed") throw new Error(`job ${job.id} failed: ${(await queue.getJob(job.id!))?.failedReason}`);
    return state === "completed";
  }, `${key} job ${job.id} to finish`, timeoutMs);
  // Read after the state: a job read before it completed has no return value yet.
  return (await queue.getJob(job.id!))!.returnvalue as T;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe("isolated processors", () => {
  it("rescores in a child process, also when the rescore is sent to the score queue", async () => {
    const { db, alpha, start, count, fetch } = world("isolated-rescore");
    const w = await start();
    try {
      await fetch(w, alpha);
      await waitFor(() => count("SELECT count(*) AS n FROM posts") === 30, "posts fetched");

      const job = await w.queues.rescore.add("rescore", { since: 0 });
      const r = await finished<RescoreJobResult>(w, "rescore", job);
      expect(r.pid).not.toBe(process.pid);
      expect(alive(r.pid)).toBe(true); // the child stays in BullMQ's pool for the next job
      expect(r).toMatchObject({ posts: 30, profiles: 0, policyVersion: POLICY_VERSION });
      // 10 insults and 10 phone numbers, flagged at the library's policy version next to the fake scorer's.
      expect(r.flags).toBe(20);
      expect(count("SELECT count(*) AS n FROM flags WHERE policy_version = ?", POLICY_VERSION)).toBe(20);

      // A rescore queued the old way (on `score`, with `since`) is passed on and runs isolated too.
      const viaScore = await w.queues.score.add("rescore", { since: 0 });
      const forwarded = await finished<{ rescoreJobId: string }>(w, "score", viaScore);
      const again = await finished<RescoreJobResult>(w, "rescore", (await w.queues.rescore.getJob(forwarded.rescoreJobId))!);
      expect(again).toMatchObject({ posts: 30, flags: 0 }); // idempotent: flags exist for this policy
      expect(again.pid).not.toBe(process.pid);
    } finally {
      await w.close();
      db.$client.close();
    }
  }, 120_000);

  it("a rescore child killed mid-job fails that attempt only: fetching goes on, the retry completes", async () => {
    const { db, path, alpha, beta, start, count, fetch } = world("isolated-crash");
    const w = await start();
    const lock = openDb(path);
    try {
      await fetch(w, alpha);
      await waitFor(() => count("SELECT count(*) AS n FROM posts") === 30, "posts fetched");

      // Hold the write lock so the rescore child is certainly mid-job (waiting to write its flags) when killed.
      lock.$client.exec("BEGIN IMMEDIATE");
      const job = await w.queues.rescore.add("rescore", { since: 0 }, { attempts: 3, backoff: { type: "fixed", delay: 200 } });
      let pid = 0;
      await waitFor(async () => {
        pid = ((await w.queues.rescore.getJob(job.id!))?.progress as RescoreProgress | undefined)?.pid ?? 0;
        return pid > 0;
      }, "the rescore child to start");
      expect(pid).not.toBe(process.pid);
      process.kill(pid, "SIGKILL");
      await waitFor(() => !alive(pid), "the child to die");
      lock.$client.exec("ROLLBACK");

      // This process and its fetch workers are untouched: a new account's posts still arrive.
      await fetch(w, beta);
      await waitFor(() => count("SELECT count(*) AS n FROM posts WHERE account_id = ?", beta) === 1, "a fetch after the crash");

      const r = await finished<RescoreJobResult>(w, "rescore", job);
      expect(r.pid).not.toBe(pid);
      expect(r.flags).toBe(20);
      const done = (await w.queues.rescore.getJob(job.id!))!;
      expect(done.attemptsMade).toBe(2);
      expect(await done.getState()).toBe("completed");
    } finally {
      if (lock.$client.inTransaction) lock.$client.exec("ROLLBACK");
      lock.$client.close();
      await w.close();
      db.$client.close();
    }
  }, 120_000);

  it("renders the weekly reports with Chromium in a child process", async () => {
    const dir = mkdtempSync(join(tmpdir(), "amanah-isolated-reports-"));
    const before = process.env.REPORTS_DIR;
    process.env.REPORTS_DIR = dir; // the child inherits it
    const { db, start, count } = world("isolated-reports");
    const w = await start();
    try {
      const job = await w.queues.reports.add("weekly-reports", { weekStart: "2026-11-08" }, { attempts: 1 });
      const r = await finished<WeeklyReportsJobResult>(w, "reports", job, 110_000);
      expect(r.pid).not.toBe(process.pid);
      expect(r).toMatchObject({ weekStart: "2026-11-08", ok: 2, failed: [] }); // the entity's report and the CSB-wide one
      expect(count("SELECT count(*) AS n FROM reports WHERE week_start = '2026-11-08'")).toBe(2);
    } finally {
      await w.close();
      db.$client.close();
      if (before === undefined) delete process.env.REPORTS_DIR;
      else process.env.REPORTS_DIR = before;
      rmSync(dir, { recursive: true, force: true });
    }
  }, 150_000);
});
