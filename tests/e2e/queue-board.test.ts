/** Bull Board and the Redis/worker health components, through the real server process. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { privateRedis, type LocalRedis } from "../helpers/redis";
import { startApp, type AppHarness } from "./harness";

describe("queue board and worker health", () => {
  let redis: LocalRedis;
  let app: AppHarness;
  beforeAll(async () => {
    redis = await privateRedis();
    app = await startApp({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it("/healthz names redis (up) and workers (no heartbeat: down, so 503)", async () => {
    const r = await fetch(`${app.url}/healthz`);
    expect(r.status).toBe(503);
    const body = await r.json();
    // Up or down only: the reason ("no worker heartbeat") is on /health, for csb_admin.
    expect(body.components).toEqual({ database: "up", redis: "up", workers: "down" });
  });

  it("/admin/queues is for csb_admin only; others and anonymous get 404", async () => {
    // The board and its queue connections load on the first authorised visit (workers/board.ts).
    const probe = new Redis(redis.url);
    const clients = async () => String(await probe.call("CLIENT", "LIST")).trim().split("\n").length;
    const atStart = await clients();
    expect((await fetch(`${app.url}/admin/queues`)).status).toBe(404);
    for (const [email, status] of [
      ["csb-admin@demo.local", 200],
      ["csb-analyst@demo.local", 404],
      ["director@interior.demo.local", 404],
    ] as const) {
      const { context, page } = await app.newPage();
      try {
        await app.login(page, email);
        if (status === 200) expect(await clients(), "queue connections before the first csb_admin visit").toBe(atStart);
        const violations: string[] = [];
        page.on("console", (m) => {
          if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
        });
        const res = await page.goto("/admin/queues");
        expect(res?.status(), email).toBe(status);
        if (status === 200) {
          // Its own policy, and the board still renders under it (the queue list is drawn by its scripts).
          expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
          await page.waitForSelector("text=fetch-posts", { timeout: 20_000 });
          expect(violations.filter((v) => !/fonts\.googleapis\.com/.test(v))).toEqual([]);
          await page.screenshot({ path: "tests/artifacts/queue-board.png" });
          expect(await page.content()).toContain("weekly-reports");
        }
      } finally {
        await context.close();
      }
    }
    expect(await clients(), "the board's queues connected").toBeGreaterThan(atStart);
    probe.disconnect();
  });
});
