/**
 * Minimal server harness for the dashboard e2e: like tests/e2e/harness.ts but the SQLite file lives
 * under .data/dashboard-e2e (the shared global setup wipes .data/test when any other run starts,
 * which would pull the database from under a running server), and it seeds the demo history.
 */
import { mkdirSync, rmSync } from "node:fs";
import { randomUUID } from "node:crypto";
import { chromium, type Browser } from "playwright-core";
import { ensureBuild, CHROMIUM_ARGS } from "../e2e/harness";
import { startServerProcess } from "../../scripts/server-process";
import { openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { seedHistory } from "../../db/demo/history";

export interface DashApp {
  url: string;
  dbPath: string;
  browser: Browser;
  logs: string[];
  close(): Promise<void>;
}

export async function startDashApp(): Promise<DashApp> {
  ensureBuild();
  mkdirSync(".data/dashboard-e2e", { recursive: true });
  const dbPath = `.data/dashboard-e2e/e2e-${process.pid}-${randomUUID().slice(0, 8)}.db`;
  const db = openDb(dbPath);
  migrateDb(db);
  await seedDb(db);
  await seedHistory(db, { weeks: 12, now: Date.now() });
  db.$client.close();
  const server = await startServerProcess({
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "e2e-".padEnd(48, "x"), DATABASE_URL: dbPath, AMANAH_DEMO: "0" },
    output: "capture",
  });
  const { url, logs } = server;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  return {
    url,
    dbPath,
    browser,
    logs,
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${dbPath}${suffix}`, { force: true });
    },
  };
}
