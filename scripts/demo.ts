/**
 * `npm run demo`: the whole product on one machine. Redis (a private redis-server unless
 * REDIS_URL is set), a migrated and seeded SQLite database with history, the platform sandbox on
 * the real clock, the ingestion workers pointed at it, and the dashboard. Ctrl-C stops everything.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
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
import { enableAllNotifications } from "../db/alerts/prefs";
import { ensureRedis, freePort } from "./redis";
import { startServerProcess } from "./server-process";
import { startMailbox } from "./mailbox";


/** A random sealing key kept in data/.demo-credentials-key (the demo only; production sets its own). */
function demoCredentialsKey(file = "data/.demo-credentials-key"): string {
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  const key = randomBytes(32).toString("base64");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  return key;
}

/**
 * The dashboard as production runs it (`npm start`): the compiled server (build/server.js, built by
 * scripts/demo.sh) started by scripts/server.sh in its own process, with this process's
 * environment. Running it here under tsx would cost ≈ 300 MB more
 * (docs/decisions/006-compiled-server.md). If it stops, the demo stops.
 */
async function startWebServer(redisUrl: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = await startServerProcess({
    // One web process, as before the split; WEB_CONCURRENCY still overrides.
    env: { ...process.env, REDIS_URL: redisUrl, WEB_CONCURRENCY: process.env.WEB_CONCURRENCY ?? "1" },
    port: process.env.PORT === "0" ? undefined : Number(process.env.PORT ?? 3000),
    output: "inherit",
    degraded: true, // a component may still be starting
  });
  let closing = false;
  void server.exited.then((code) => {
    if (closing || stopping) return;
    say(`the web server stopped (exit code ${code})`);
    void shutdown(1);
  });
  return {
    url: server.url,
    close: async () => {
      closing = true;
      await server.stop();
    },
  };
}

const DAY_MS = 86_400_000;
const SANDBOX_HISTORY_DAYS = 14;
const say = (s: string) => process.stderr.write(`amanah demo: ${s}\n`);
const stops: (() => Promise<void> | void)[] = [];

async function main(): Promise<void> {
  process.env.AMANAH_DEMO ??= "1";
  process.env.LOG_LEVEL ??= "warn";
  // The server runs as in production (an error page never carries a stack trace), which allows
  // the demo's public password only on a loopback address (core/config.ts): this machine only.
  process.env.NODE_ENV = "production";
  process.env.HOST ??= "127.0.0.1";
  // Sessions last as long as the demo runs.
  process.env.SESSION_SECRET ??= randomBytes(32).toString("hex");
  // Alerts (docs/alerts.md): a local SMTP server keeps what is sent (/admin/outbox); webhooks may
  // post to plain http on this machine (scripts/webhook-receiver.ts on port 8787). Set before the
  // configuration is first read.
  const smtpPort = process.env.SMTP_URL ? null : await freePort();
  if (smtpPort !== null) process.env.SMTP_URL = `smtp://127.0.0.1:${smtpPort}`;
  process.env.MAIL_FROM ??= "Amanah <alerts@amanah.demo.local>";
  process.env.WEBHOOK_ALLOW_HTTP ??= "1";
  process.env.WEBHOOK_ALLOW_PRIVATE ??= "1";
  process.env.WEBHOOK_ALLOWED_PORTS ??= "8787";
  // Hook secrets are stored sealed: the demo keeps its own key next to the database, across runs.
  process.env.AMANAH_CREDENTIALS_KEY ??= demoCredentialsKey();

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

  // Every demo log-in hears about everything at once (unless they changed it in an earlier run).
  const logins = demoLogins(world);
  enableAllNotifications(db, logins.map((l) => l.email));
  if (smtpPort !== null) {
    const mailbox = await startMailbox({ port: smtpPort, db });
    stops.push(() => mailbox.close());
    say(`local SMTP server on ${mailbox.url} (what it receives: /admin/outbox)`);
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
  // The impersonation watch runs daily at 03:00; a newcomer should see candidates on the first visit.
  say(`impersonation watch queued for ${await workers.watchNow()} entities`);

  const web = await startWebServer(redisUrl);
  stops.unshift(() => web.close());

  const entityLogins = logins.filter((l) => l.entitySlug).slice(0, 4);
  console.log(`\nAmanah is running: ${web.url}\n`);
  console.log(`Demo log-ins (password: ${DEMO_PASSWORD})`);
  for (const l of [...logins.filter((l) => !l.entitySlug), ...entityLogins]) console.log(`  ${l.email.padEnd(42)} ${l.role}`);
  console.log(`  … every entity has director@<slug>.demo.local and reviewer@<slug>.demo.local`);
  console.log(`\nQueues: ${web.url}/admin/queues (csb_admin) · health: ${web.url}/health · sandbox: ${sandbox.url}`);
  console.log(`Alerts: sent mail at ${web.url}/admin/outbox (csb_admin) · settings at ${web.url}/settings/notifications`);
  console.log(`  webhooks: run \`npx tsx scripts/webhook-receiver.ts 8787\` and register http://127.0.0.1:8787/hook at ${web.url}/settings/webhooks`);
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
