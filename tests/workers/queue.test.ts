/** The queue layer with a real Redis and an injected connector: delays, stops, idempotent ids. */
import { describe, expect, it } from "vitest";
import { AuthFailed, RateLimited } from "../../connectors/types";
import { DestinationRefused } from "../../connectors/net-guard";
import { Redis } from "ioredis";
import { privateRedisForFile } from "../helpers/redis";
import { startWorkers } from "../../workers/main";
import { silentLogger, UnknownPlatformError } from "../../workers/deps";
import { freshDb } from "../helpers/db";
import { fakeScorer, FakeConnector, insertAccounts } from "./fakes";
import { queuesIdle, waitFor } from "./wait";

const redis = privateRedisForFile();

describe("workers on a real Redis", () => {
  it("delays a platform's jobs to its announced reset, stops on auth failure, dedupes job ids", async () => {
    const { db } = freshDb("queue");
    const ids = insertAccounts(db, [
      { platform: "x", handle: "a" },
      { platform: "x", handle: "b" },
      { platform: "x", handle: "c" },
      { platform: "instagram", handle: "locked" },
      { platform: "friendster", handle: "z" },
    ]);
    const x = new FakeConnector("x", 2);
    for (const h of ["a", "b", "c"]) x.add(h, Array.from({ length: 5 }, (_, i) => ({ id: `${h}${i}`, text: `post ${i} ${i === 2 ? "BAD" : ""}` })));
    let resetAt = 0;
    let limitedAt = 0;
    x.hook = (method) => {
      if (method === "fetch" && resetAt === 0) {
        limitedAt = Date.now();
        resetAt = Date.now() + 1500;
        throw new RateLimited("x", new Date(resetAt));
      }
    };
    const ig = new FakeConnector("instagram");
    ig.add("locked", []);
    ig.hook = () => {
      throw new AuthFailed("instagram", "token expired");
    };
    const w = await startWorkers({
      db,
      redisUrl: redis.url,
      connectors: (p) => {
        if (p === "x") return x;
        if (p === "instagram") return ig;
        throw new UnknownPlatformError(p);
      },
      scorer: fakeScorer,
      log: silentLogger,
      schedule: false,
      rollupDebounceMs: 200,
    });
    try {
      const added = await w.fanoutNow();
      expect(added).toBe(15);
      await w.fanoutNow(); // same period: nothing new
      await waitFor(() => queuesIdle(w.queues), "queues to drain");
      expect(await w.queues.fetch.getJobCountByTypes("completed", "failed")).toBe(5);

      expect(db.$client.prepare("SELECT count(*) AS n FROM posts").get()).toEqual({ n: 15 });
      expect(db.$client.prepare("SELECT count(*) AS n FROM flags").get()).toEqual({ n: 3 });
      // No request to the platform after the 429 and before its reset.
      const early = x.calls.filter((c) => c.at > limitedAt && c.at < resetAt);
      expect(early).toEqual([]);
      expect(x.calls.length).toBeGreaterThan(3);

      const failed = await w.queues.fetch.getFailed();
      expect(failed.map((j) => j.data.platform)).toEqual(["instagram"]);
      expect(failed[0].attemptsMade).toBe(1); // UnrecoverableError: not retried
      expect(db.$client.prepare("SELECT status FROM accounts WHERE id = ?").get(ids[3])).toEqual({ status: "auth_failed" });
      expect(db.$client.prepare("SELECT outcome, error FROM fetch_runs WHERE account_id = ? AND kind = 'posts'").get(ids[4])).toMatchObject({ outcome: "error" });
      await waitFor(async () => (await w.queues.rollup.getJobCounts("waiting", "delayed", "active")).delayed === 0, "rollups");
      await waitFor(() => (db.$client.prepare("SELECT count(*) AS n FROM entity_day_rollups WHERE posts > 0").get() as { n: number }).n > 0, "rollup rows");
    } finally {
      await w.close();
    }
  });

  it("does not retry a feed whose address the outbound guard refuses (a setting to fix, not a passing fault)", async () => {
    // A fresh Redis state: the first test's job ids (fetch:1:<period>) would dedupe this one's.
    const r = new Redis(redis.url);
    await r.flushall();
    r.disconnect();
    const { db } = freshDb("queue-refused");
    const ids = insertAccounts(db, [{ platform: "rss", handle: "http://10.0.0.8/feed.xml" }]);
    const rss = new FakeConnector("rss");
    rss.add("http://10.0.0.8/feed.xml", []);
    rss.hook = () => {
      throw new DestinationRefused("rss", "private", "10.0.0.8 is a private address");
    };
    const w = await startWorkers({ db, redisUrl: redis.url, connectors: () => rss, scorer: fakeScorer, log: silentLogger, schedule: false });
    try {
      expect(await w.fanoutNow()).toBeGreaterThan(0);
      const refused = async () => (await w.queues.fetch.getFailed()).filter((j) => j.data.platform === "rss");
      await waitFor(async () => (await refused()).length === 1, "the refused job to fail");
      await new Promise((r) => setTimeout(r, 1500)); // a retry would come within this backoff
      const [failed] = await refused();
      expect(failed.attemptsMade).toBe(1);
      expect(failed.failedReason).toContain("destination refused (private)");
      expect(rss.calls.filter((c) => c.method === "fetch")).toHaveLength(1);
      expect(db.$client.prepare("SELECT outcome, error FROM fetch_runs WHERE account_id = ? AND kind = 'posts'").get(ids[0])).toMatchObject({
        outcome: "bad_response",
        error: expect.stringContaining("10.0.0.8 is a private address"),
      });
    } finally {
      await w.close();
    }
  });
});
