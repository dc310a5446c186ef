/**
 * Fetch runs left "running" by a killed worker are closed once their job is no longer active, on a
 * real Redis with real BullMQ queues; a run whose job is still active (maybe in another process) stays.
 */
import { describe, expect, it } from "vitest";
import { Worker } from "bullmq";
import { privateRedisForFile } from "../helpers/redis";
import { startFetchRun } from "../../db/fetch-runs";
import { closeInterruptedRuns } from "../../workers/interrupted-runs";
import { closeQueues, connectionOf, openQueues, QUEUE_NAMES } from "../../workers/queues";
import { freshDb } from "../helpers/db";
import { insertAccounts } from "./fakes";
import { waitFor } from "./wait";

const redis = privateRedisForFile();

describe("fetch runs interrupted by a stopped worker", () => {
  it("are closed when their job is gone, finished or waiting again; a run whose job is active stays", async () => {
    const { db } = freshDb("interrupted");
    const [a] = insertAccounts(db, [{ platform: "x", handle: "a" }]);
    const queues = openQueues(redis.url);
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    // Takes the one job named "busy" and holds it: that job stays active.
    const worker = new Worker(QUEUE_NAMES.fetch, async (job) => (job.id === "busy" ? held : undefined), { connection: connectionOf(redis.url), autorun: false });
    try {
      await queues.fetch.add("fetch", { accountId: a, platform: "x" }, { jobId: "busy" });
      worker.run().catch(() => undefined);
      await waitFor(async () => (await queues.fetch.getJob("busy"))?.isActive() ?? false, "the held job to be active");
      await worker.pause(true); // nothing else gets picked up
      await queues.profile.add("profile", { accountId: a, platform: "x" }, { jobId: "waiting-again" });

      const t0 = Date.now() - 10 * 60_000;
      const run = (kind: "posts" | "profile" | "recheck", jobId: string | null, at = t0) => startFetchRun(db, { accountId: a, kind, jobId, now: at });
      const active = run("posts", "busy");
      const waiting = run("profile", "waiting-again");
      const gone = run("recheck", "lost-with-redis");
      const cli = run("posts", null); // a CLI run has no job to ask about
      const young = run("posts", "just-started", Date.now());

      expect(await closeInterruptedRuns(db, queues, Date.now())).toBe(2);
      const row = (id: number) => db.$client.prepare("SELECT outcome, error FROM fetch_runs WHERE id = ?").get(id) as { outcome: string; error: string | null };
      expect(row(active).outcome).toBe("running");
      expect(row(waiting)).toMatchObject({ outcome: "error", error: expect.stringMatching(/^interrupted/) });
      expect(row(gone).outcome).toBe("error");
      expect(row(cli).outcome).toBe("running");
      expect(row(young).outcome).toBe("running");
      // Nothing left to do on a second pass.
      expect(await closeInterruptedRuns(db, queues, Date.now())).toBe(0);
    } finally {
      release();
      await worker.close();
      await closeQueues(queues);
      db.$client.close();
    }
  });
});
