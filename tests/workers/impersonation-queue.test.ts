/** The watch in BullMQ: a daily 03:00 Bahrain scheduler, one idempotent job per entity and day, run through the sandbox. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { startWorkers } from "../../workers/main";
import { silentLogger } from "../../workers/deps";
import { sandboxConnectorConfig } from "../../workers/sandbox-config";
import { fanoutWatch } from "../../workers/impersonation/schedule";
import { privateRedisForFile } from "../helpers/redis";
import { seededDb } from "../helpers/db";
import { waitFor } from "./wait";

const redis = privateRedisForFile();
let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => sb?.close());

describe("impersonation watch queue", () => {
  it("registers the daily scheduler once and runs one job per entity a day", async () => {
    const { db } = await seededDb("watch-queue");
    const ig = sb.world.accounts.find((a) => a.platform === "instagram" && a.state === "active");
    const w = await startWorkers({
      db,
      redisUrl: redis.url,
      connectorConfig: sandboxConnectorConfig(sb.url, { igUserId: ig?.apiId }),
      clock: () => sb.clock.now(),
      log: silentLogger,
      fanoutEveryMs: 3_600_000,
    });
    try {
      expect(await w.queues.impersonation.getJobScheduler("impersonation-daily")).toMatchObject({ pattern: "0 3 * * *", tz: "Asia/Bahrain" });
      expect(await w.queues.impersonation.getJobSchedulersCount()).toBe(1);
      const deps = { db, clock: () => sb.clock.now() };
      // What the demo does at start: queue today's watch of every entity now.
      const entities = await w.watchNow();
      expect(entities).toBeGreaterThan(10);
      const runs = () => db.$client.prepare<[], number>("SELECT count(*) FROM impersonation_runs WHERE outcome != 'running'").pluck().get()!;
      await waitFor(() => runs() === entities, "every entity watched", 150_000);
      // The same day again: the job ids exist, nothing is added or run twice.
      await fanoutWatch(deps, w.queues.impersonation);
      await new Promise((r) => setTimeout(r, 1_000));
      expect(runs()).toBe(entities);
      const outcomes = db.$client.prepare<[], string>("SELECT DISTINCT outcome FROM impersonation_runs").pluck().all();
      expect(outcomes.filter((o) => o === "error")).toEqual([]);
      expect(db.$client.prepare<[], number>("SELECT count(*) FROM impersonation_candidates").pluck().get()).toBeGreaterThan(0);
    } finally {
      await w.close();
      db.$client.close();
    }
  }, 200_000);
});
