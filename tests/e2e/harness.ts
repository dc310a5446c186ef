/**
 * Reusable end-to-end harness: builds the app if build/ is missing or older than its sources, starts
 * the compiled server (scripts/server-process.ts, as `npm start`) on a free port against a fresh seeded SQLite file, launches headless
 * Chromium (playwright-core), and offers `login(page, email)`. Call `startApp()` in beforeAll and
 * `app.close()` in afterAll.
 */
import { join, resolve } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { DEMO_PASSWORD } from "../../core/config";
import { ensureBuild as buildApp, SERVER_SCRIPT } from "../../scripts/app-build";
import { freePort } from "../../scripts/redis";
import { startServerProcess } from "../../scripts/server-process";

const ROOT = resolve(__dirname, "../..");
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export { freePort, SERVER_SCRIPT };

/** Builds the app and the server (scripts/app-build.ts) when build/ is missing or stale. */
export function ensureBuild(): void {
  buildApp(ROOT);
}

/** Signs in over HTTP (the login form's own POST) and returns the session cookie header value. */
export async function sessionCookie(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const r = await fetch(`${url}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, next: "/" }),
    redirect: "manual",
  });
  const set = r.headers.getSetCookie();
  if (r.status !== 302 || !set.length) throw new Error(`login failed for ${email}: ${r.status}`);
  return set.map((c) => c.split(";")[0]).join("; ");
}

/** Waits until React has hydrated the page (root.tsx sets html[data-hydrated]). */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForSelector("html[data-hydrated]", { state: "attached" });
}

export interface AppHarness {
  url: string;
  dbPath: string;
  browser: Browser;
  /** Server stdout+stderr so far (for failure messages). */
  logs: string[];
  newPage(opts?: { locale?: string }): Promise<{ context: BrowserContext; page: Page }>;
  login(page: Page, email: string, password?: string): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  /** Extra environment for the server (e.g. AMANAH_DEMO: "1"). */
  env?: Record<string, string>;
  /** Skip the seed (fresh migrated DB only). */
  seed?: boolean;
}

export async function startApp(opts: StartOptions = {}): Promise<AppHarness> {
  ensureBuild();
  // A private temp dir, not .data/test: a concurrent vitest run's global setup wipes that folder.
  const dir = mkdtempSync(join(tmpdir(), "amanah-e2e-"));
  const dbPath = join(dir, "e2e.db");
  const db = openDb(dbPath);
  migrateDb(db);
  if (opts.seed !== false) await seedDb(db);
  db.$client.close();
  // 503 counts as up: a component (e.g. workers) may be down on purpose in a test.
  const server = await startServerProcess({
    env: { ...process.env, NODE_ENV: "production", SESSION_SECRET: "e2e-".padEnd(48, "x"), DATABASE_URL: dbPath, AMANAH_DEMO: "0", WEB_CONCURRENCY: "1", ...opts.env },
    output: "capture",
    degraded: true,
  });
  const { url, logs } = server;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  } catch (e) {
    await server.stop();
    throw e;
  }
  const b = browser;
  return {
    url,
    dbPath,
    browser: b,
    logs,
    async newPage({ locale = "ar-BH" } = {}) {
      const context = await b.newContext({ baseURL: url, locale, timezoneId: "Asia/Bahrain", viewport: { width: 1366, height: 900 } });
      return { context, page: await context.newPage() };
    },
    async login(page, email, password = DEMO_PASSWORD) {
      await page.goto("/login");
      await waitForHydration(page);
      await page.fill('input[name="email"]', email);
      await page.fill('input[name="password"]', password);
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("[data-testid=login-submit]")]);
    },
    async close() {
      await b.close().catch(() => undefined);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
