/**
 * The rate gate against the sandbox over real HTTP and a real Redis, with the 429 placed inside a
 * connector call: X's profile lookup of a vanished handle asks for the known id to tell a rename.
 * That connector once swallowed the by-id failure; the gate sits under every request as well, so
 * it closes on any 429 whatever a connector does with it, and the confirming lookup that follows
 * is refused locally instead of being sent into the announced block.
 */
import { describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { silentLogger } from "../../workers/deps";
import { RateLimited } from "../../connectors/types";
import { connectorFactory } from "../../workers/connectors";
import { startWorkers } from "../../workers/main";
import { gatedConnector, RateGate, RedisRateStore, rateKey } from "../../workers/rate-gate";
import { sandboxConnectorConfig } from "../../workers/sandbox-config";
import { subsetDb, sandboxAndRedisForFile } from "./pipeline";
import { queuesIdle, waitFor } from "./wait";

const env = sandboxAndRedisForFile();

const kindOf = (path: string) =>
  /\/2\/users\/by\/username\//.test(path) ? "by-username" : /\/2\/users\/\d+\?/.test(path) ? "by-id" : /\/tweets/.test(path) ? "tweets" : path;

describe("rate gate against the sandbox", () => {
  it("closes on a 429 inside a connector call: nothing is sent before the announced reset", async () => {
    const { sb, redis } = env;
    const { db } = await subsetDb(sb, "gate");
    const renamed = sb.world.accounts.find((a) => a.platform === "x" && a.state === "renamed")!;
    const active = sb.world.accounts.find((a) => a.platform === "x" && a.state === "active")!;
    expect(renamed && active).toBeTruthy();
    const row = (handle: string) =>
      db.$client.prepare("SELECT id, platform_id AS platformId, status, profile_fetched_at AS fetchedAt FROM accounts WHERE platform = 'x' AND handle = ?").get(handle) as {
        id: number;
        platformId: string | null;
        status: string;
        fetchedAt: number | null;
      };
    // The rename check by id only happens for an account whose id is known.
    expect(row(renamed.handle).platformId).toBe(renamed.apiId);

    const client = new Redis(redis.url, { maxRetriesPerRequest: null });
    const w = await startWorkers({
      db,
      redisUrl: redis.url,
      connectorConfig: sandboxConnectorConfig(sb.url),
      clock: () => sb.clock.now(),
      log: silentLogger,
      schedule: false,
    });
    const delayed = async (n: number) => {
      const c = await Promise.all([w.queues.profile.getDelayedCount(), w.queues.fetch.getDelayedCount()]);
      return c[0] + c[1] === n;
    };
    try {
      // Only X's user-by-id requests are rate limited (and every one of them is).
      sb.setFaults({ rateLimit: 1, platforms: ["x"], paths: ["^/x/2/users/\\d+$"] });
      await w.queues.profile.add("profile", { accountId: row(renamed.handle).id, platform: "x" }, { jobId: "renamed-profile" });
      await waitFor(() => delayed(1), "the renamed account's profile job to be delayed");
      // Later X work in the same block is refused locally as well.
      await w.queues.profile.add("profile", { accountId: row(active.handle).id, platform: "x" }, { jobId: "active-profile" });
      await w.queues.fetch.add("fetch", { accountId: row(active.handle).id, platform: "x" }, { jobId: "active-fetch" });
      await waitFor(() => delayed(3), "all three jobs to be delayed");

      const x = () => sb.requests.filter((r) => r.platform === "x");
      // The handle lookup (not found), the rename check (429), then nothing: the
      // confirming lookup was refused by the gate.
      expect(x().map((r) => [kindOf(r.path), r.status, r.fault])).toEqual([
        ["by-username", 200, null],
        ["by-id", 429, "rateLimit"],
      ]);
      const limitedAt = x()[1].at;
      const reset = Number(await client.get(rateKey("x")));
      expect(reset).toBeGreaterThan(limitedAt);
      expect(row(renamed.handle).status).toBe("active"); // not marked on an unconfirmed lookup

      // At the reset (not before) the platform answers again; the work completes.
      sb.setFaults({ rateLimit: 0, paths: null });
      sb.clock.set(reset);
      for (const q of [w.queues.profile, w.queues.fetch]) for (const j of await q.getDelayed()) await j.promote();
      await waitFor(() => queuesIdle(w.queues), "queues to drain");

      expect(sb.requests.filter((r) => r.fault === "blocked")).toEqual([]);
      expect(x().slice(2).every((r) => r.at >= reset)).toBe(true);
      expect(x().length).toBeGreaterThan(2);
      expect(row(renamed.handle).status).toBe("not_found");
      expect(row(active.handle).fetchedAt).toBe(reset);
      const audit = db.$client.prepare("SELECT after FROM audit_log WHERE action = 'account.not_found' AND target_id = ?").get(String(row(renamed.handle).id)) as { after: string };
      expect(JSON.parse(audit.after)).toMatchObject({ reason: "renamed" });
    } finally {
      await w.close();
      client.disconnect();
    }
  }, 60_000);

  it("refuses the next request of a call once another process closed the gate mid-call", async () => {
    const { sb, redis } = env;
    const clock = () => sb.clock.now();
    sb.setFaults({ rateLimit: 0, paths: null });
    const a = new Redis(redis.url, { maxRetriesPerRequest: null });
    const b = new Redis(redis.url, { maxRetriesPerRequest: null });
    try {
      // Two worker processes: one pages through a timeline, the other meets a 429 meanwhile.
      const mine = new RateGate(new RedisRateStore(a), { clock });
      const other = new RateGate(new RedisRateStore(b), { clock });
      const config = sandboxConnectorConfig(sb.url);
      config.x = { ...config.x, pageSize: 5 };
      const x = gatedConnector(connectorFactory(config, mine)("x"), mine);
      const acct = sb.world.accounts.find((u) => u.platform === "x" && u.state === "active" && sb.world.live(u, clock()).length > 5)!;
      const before = sb.requests.length;
      const resetAt = clock() + 60_000;
      const err = await x
        .fetchPostsSince({ platform: "x", handle: acct.handle, platformId: acct.apiId }, null, {
          onPage: () => other.close("x", resetAt),
        })
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimited);
      expect((err as RateLimited).resetAt.getTime()).toBe(resetAt);
      expect(sb.requests.slice(before).map((r) => kindOf(r.path))).toEqual(["tweets"]); // page 2 never sent
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });

  // Last: its 429 leaves the sandbox in a block.
  it("X's rename check surfaces a rate limit instead of reading it as 'the account is gone'", async () => {
    const { sb } = env;
    const renamed = sb.world.accounts.find((a) => a.platform === "x" && a.state === "renamed")!;
    sb.setFaults({ rateLimit: 1, platforms: ["x"], paths: ["^/x/2/users/\\d+$"] });
    try {
      const x = connectorFactory(sandboxConnectorConfig(sb.url))("x");
      const err = await x.lookupProfile({ platform: "x", handle: renamed.handle, platformId: renamed.apiId }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RateLimited);
    } finally {
      sb.setFaults({ rateLimit: 0, platforms: null, paths: null });
    }
  });
});
