/** Start-up registers the repeatable jobs: the fan-out and the Sunday 08:00 Bahrain weekly reports. */
import { describe, expect, it } from "vitest";
import { privateRedisForFile } from "../helpers/redis";
import { startWorkers } from "../../workers/main";
import { silentLogger, UnknownPlatformError } from "../../workers/deps";
import { freshDb } from "../helpers/db";
import { fakeScorer } from "./fakes";

const redis = privateRedisForFile();

describe("job schedulers", () => {
  it("registers the fan-out, the daily rollup and the weekly reports (Sunday 08:00 Asia/Bahrain) once", async () => {
    const { db } = freshDb("schedulers");
    const start = () =>
      startWorkers({
        db,
        redisUrl: redis.url,
        connectors: (p) => {
          throw new UnknownPlatformError(p);
        },
        scorer: fakeScorer,
        log: silentLogger,
        fanoutEveryMs: 60_000,
      });
    const first = await start();
    await first.close();
    const w = await start(); // a restart must not add a second scheduler
    try {
      const weekly = await w.queues.reports.getJobScheduler("weekly-reports");
      expect(weekly).toMatchObject({ pattern: "0 8 * * 0", tz: "Asia/Bahrain" });
      expect(await w.queues.reports.getJobSchedulersCount()).toBe(1);
      const fanout = await w.queues.schedule.getJobScheduler("fanout");
      expect(fanout).toMatchObject({ every: 60_000 });
      expect(await w.queues.schedule.getJobSchedulersCount()).toBe(1);
      expect(await w.queues.rollup.getJobScheduler("rollup-daily")).toMatchObject({ pattern: "5 0 * * *", tz: "Asia/Bahrain" });
    } finally {
      await w.close();
    }
  });
});
