/**
 * Crash safety: the workers run as a child process (`tsx workers/main.ts`) that is killed with
 * SIGKILL mid-ingest and restarted, and Redis (no persistence) is restarted mid-ingest, losing every
 * queue. Stalled jobs come back after their lock expires, the scheduler re-creates itself and
 * re-fans out, and replays are idempotent: the database still matches the truth, 0 lost, 0 duplicated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { Redis } from "ioredis";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { privateRedis, type LocalRedis } from "../helpers/redis";
import { connectorFactory } from "../../workers/connectors";
import { silentLogger } from "../../workers/deps";
import { fetchPosts } from "../../workers/jobs/fetch-posts";
import { recheckRecent } from "../../workers/jobs/recheck";
import { openQueues, closeQueues } from "../../workers/queues";
import { MemoryRateStore, RateGate } from "../../workers/rate-gate";
import { sandboxConnectorConfig } from "../../workers/sandbox-config";
import { fakeScorer } from "./fakes";
import { compare, drive, subsetDb, subsetFilter, truth } from "./pipeline";
import { waitFor } from "./wait";

let redis: LocalRedis;
let sb: Sandbox;
let frozenAt: number | null = null;
beforeAll(async () => {
  redis = await privateRedis();
  const t0 = Date.now();
  sb = await startSandbox({ port: 0, accountFilter: subsetFilter(3), startAt: t0, now: () => frozenAt ?? Date.now() });
});
afterAll(async () => {
  await sb?.close();
  await redis?.stop();
});

function spawnWorkers(dbPath: string, config: unknown): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...process.env,
      DATABASE_URL: dbPath,
      REDIS_URL: redis.url,
      AMANAH_CONNECTORS: JSON.stringify(config),
      WORKERS_LOCK_MS: "3000",
      WORKERS_STALLED_MS: "1000",
      WORKERS_FANOUT_EVERY_MS: "2000",
      LOG_LEVEL: process.env.CRASH_LOG ?? "silent",
    },
    stdio: ["ignore", process.env.CRASH_LOG ? "inherit" : "ignore", "inherit"],
  });
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));

describe("crash recovery", () => {
  it("survives SIGKILL of the worker process and a Redis restart mid-ingest", async () => {
    const { db, path } = await subsetDb(sb, "crash");
    const ig = sb.world.accounts.find((a) => a.platform === "instagram" && a.state === "active");
    const config = sandboxConnectorConfig(sb.url, { igUserId: ig?.apiId, timeoutMs: 5_000 });
    const posts = () => (db.$client.prepare("SELECT count(*) AS n FROM posts").get() as { n: number }).n;
    // Slow responses keep jobs in flight when the kill lands.
    sb.setFaults({ serverError: 0.05, cutBody: 0.03, malformedJson: 0.02, expiredToken: 0.01, slow: 0.5, slowMs: 150 });

    let child = spawnWorkers(path, config);
    await waitFor(() => posts() > 50, "first posts");
    child.kill("SIGKILL");
    await exited(child);
    const atKill = posts();

    child = spawnWorkers(path, config);
    await waitFor(() => posts() > atKill + 50, "progress after restart");
    await redis.restart(); // every queue and the scheduler are gone
    const atRedis = posts();
    await waitFor(() => posts() > atRedis + 20, "progress after the Redis restart");

    const client = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queues = openQueues(redis.url);
    try {
      await drive(queues, client, sb, ["fetch", "profile", "recheck"], 100_000);
    } finally {
      await closeQueues(queues);
      client.disconnect();
    }
    child.kill("SIGTERM");
    await exited(child);

    // Catch-up pass with faults off at a frozen instant (what the next period's jobs would do).
    sb.setFaults({ serverError: 0, cutBody: 0, malformedJson: 0, expiredToken: 0, slow: 0 });
    frozenAt = Date.now();
    const clock = () => frozenAt!;
    const deps = { db, connectors: connectorFactory(config), clock, gate: new RateGate(new MemoryRateStore(), { clock }), scorer: fakeScorer, log: silentLogger };
    const ids = db.$client.prepare("SELECT id FROM accounts WHERE status NOT IN ('archived', 'not_found')").all() as { id: number }[];
    for (const { id } of ids) {
      await fetchPosts(deps, { accountId: id });
      await recheckRecent(deps, { accountId: id });
    }

    const cmp = compare(db, await truth(sb), sb.world.accounts.filter((a) => a.state === "active"));
    expect(cmp.lost).toEqual([]);
    expect(cmp.duplicated).toEqual([]);
    expect(cmp.unknown).toEqual([]);
    expect(cmp.wrongText).toEqual([]);
    expect(cmp.notMarkedDeleted).toEqual([]);
    expect(cmp.live).toBeGreaterThan(100);
  }, 240_000);
});
