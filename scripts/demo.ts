/**
 * `npm run demo`: the whole product on one machine. Redis (a private redis-server unless
 * REDIS_URL is set), a migrated and seeded SQLite database with history, the platform sandbox on
 * the real clock, the ingestion workers pointed at it, and the dashboard. Ctrl-C stops everything.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { databasePath, getDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { demoLogins, seedDb, seededAt } from "../db/seed";
import { buildDemoWorld } from "../db/demo/world";
import { DEMO_PASSWORD } from "../core/config";
import { startSandbox } from "../connectors/sandbox/server";
import { startWorkers } from "../workers/main";
import { sandboxConnectorConfig } from "../workers/sandbox-config";
import { ensureRedis } from "./redis";

const DAY_MS = 86_400_000;
const SANDBOX_HISTORY_DAYS = 14;
const say = (s: string) => process.stderr.write(`amanah demo: ${s}\n`);
const stops: (() => Promise<void> | void)[] = [];

async function main(): Promise<void> {
  process.env.AMANAH_DEMO ??= "1";
  process.env.LOG_LEVEL ??= "warn";

  let redisUrl = process.env.REDIS_URL;
  if (!redisUrl) {
    const redis = await ensureRedis({ dir: mkdtempSync(join(tmpdir(), "amanah-demo-redis-")) });
    stops.push(() => redis.stop());
    redisUrl = redis.url;
    say(`redis on ${redisUrl}`);
  }

  const dbPath = databasePath();
  process.env.DATABASE_URL = dbPath;
  const db = getDb(dbPath);
  migrateDb(db);
  const world = buildDemoWorld();
  const counts = await seedDb(db, world);
  say(`database ${dbPath}: ${counts.entities} entities, ${counts.accounts} accounts`);
  // The sandbox's world is anchored to when this database was first seeded, so every run serves the
  // same posts (stored cursors stay valid); the seeded history ends where the sandbox's own begins.
  const epoch = seededAt(db) ?? Date.now();
  const historyFile = join(fileURLToPath(new URL("../db/demo/", import.meta.url)), "history.ts");
  if (existsSync(historyFile)) {
    const { seedHistory } = await import("../db/demo/history");
    await seedHistory(db, { now: epoch - SANDBOX_HISTORY_DAYS * DAY_MS });
    say("history seeded");
  }

  // The sandbox on the real clock: the world's posts keep arriving as time passes.
  const sandbox = await startSandbox({
    port: Number(process.env.SANDBOX_PORT ?? 0),
    startAt: epoch,
    historyDays: SANDBOX_HISTORY_DAYS,
    now: Date.now,
    // Rare server errors, cut bodies and broken JSON, so the demo shows recovery. No random rate
    // limits: a client that keeps to its budget rarely meets one, and the sandbox enforces them as
    // the platforms do (YouTube's quota until midnight Pacific), which would stall a platform for
    // hours of a demo. Rate limits are covered by the tests (tests/workers/rate-*.test.ts).
    faults: { rateLimit: 0, serverError: 0.02, cutBody: 0.005, malformedJson: 0.005, expiredToken: 0 },
  });
  stops.push(() => sandbox.close());
  say(`platform sandbox on ${sandbox.url}`);

  const ig = sandbox.world.accounts.find((a) => a.platform === "instagram" && a.state === "active");
  const workers = await startWorkers({
    db,
    redisUrl,
    connectorConfig: sandboxConnectorConfig(sandbox.url, { igUserId: ig?.apiId }),
    // Demo cadence: a quarter-hour becomes 30 s so the dashboard visibly moves.
    fanout: { scale: 1 / 30, minPeriodMs: 20_000 },
    fanoutEveryMs: 10_000,
  });
  stops.unshift(() => workers.close());
  say("workers started (first fetch now)");

  const { createServer } = await import("../server");
  const web = await createServer({ port: Number(process.env.PORT ?? 3000), redisUrl });
  stops.unshift(() => web.close());

  const logins = demoLogins(world);
  const entityLogins = logins.filter((l) => l.entitySlug).slice(0, 4);
  console.log(`\nAmanah is running: ${web.url}\n`);
  console.log(`Demo log-ins (password: ${DEMO_PASSWORD})`);
  for (const l of [...logins.filter((l) => !l.entitySlug), ...entityLogins]) console.log(`  ${l.email.padEnd(42)} ${l.role}`);
  console.log(`  … every entity has director@<slug>.demo.local and reviewer@<slug>.demo.local`);
  console.log(`\nQueues: ${web.url}/admin/queues (csb_admin) · health: ${web.url}/health · sandbox: ${sandbox.url}`);
  console.log("Ctrl-C stops everything.\n");
}

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    say("stopping …");
    for (const stop of stops) await Promise.resolve(stop()).catch(() => undefined);
  }
  process.exit(code);
}
process.on("SIGINT", () => void shutdown(0));
process.on("SIGTERM", () => void shutdown(0));

main().catch((err: unknown) => {
  console.error(`amanah demo failed: ${err instanceof Error ? err.message : String(err)}`);
  void shutdown(1);
});
