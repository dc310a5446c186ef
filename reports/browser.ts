/**
 * One headless Chromium per process (lazy, relaunched when it crashed or disconnected) and a small
 * semaphore bounding how many pages render at once: the host has two cores shared with the app.
 */
import { readdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { config } from "../core/config";

export const LAUNCH_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--font-render-hinting=none",
];

let browser: Browser | null = null;
let launching: Promise<Browser> | null = null;
let launches = 0;

/** The shared browser; launches (or relaunches after a crash) on demand. */
export async function getBrowser(): Promise<Browser> {
  if (browser?.isConnected()) return browser;
  browser = null;
  // Loaded on first use: importing playwright-core costs ~90 MB of memory in every web process,
  // which renders a PDF only when someone regenerates a report.
  launching ??= import("playwright-core")
    .then(({ chromium }) => chromium.launch({ executablePath: config().CHROMIUM_PATH, args: LAUNCH_ARGS, headless: true }))
    .then((b) => {
      browser = b;
      launches++;
      b.on("disconnected", () => {
        if (browser === b) browser = null;
      });
      return b;
    })
    .finally(() => {
      launching = null;
    });
  return launching;
}

/** How many times this process launched Chromium (1 unless it crashed and was relaunched). */
export function browserLaunches(): number {
  return launches;
}

/**
 * The pid of the Chromium main process this process launched (a direct child: Debian's wrapper
 * script execs the binary). Tests and the bench kill it to simulate a crash; null when not running.
 */
export function browserPid(): number | null {
  if (!browser?.isConnected()) return null;
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // "pid (comm) state ppid …": comm may contain spaces, so parse after the last ")".
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === process.pid && comm.startsWith("chrom")) return Number(name);
    } catch {
      // the process ended while we scanned
    }
  }
  return null;
}

export async function closeBrowser(): Promise<void> {
  pool = null;
  const b = browser ?? (launching ? await launching.catch(() => null) : null);
  browser = null;
  await b?.close().catch(() => undefined);
}

// ---- semaphore ---------------------------------------------------------------------------------

export const MAX_PAGES = 2;
let active = 0;
const waiting: (() => void)[] = [];

/** Renders in progress right now (tests use it to crash the browser mid-render). */
export function activeRenders(): number {
  return active;
}

/** Runs `fn` when one of MAX_PAGES slots is free. */
export async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (active >= MAX_PAGES) await new Promise<void>((resolve) => waiting.push(resolve));
  else active++;
  try {
    return await fn();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else active--;
  }
}

// ---- page pool ---------------------------------------------------------------------------------
// A new context + page costs a renderer process (~1.5 s on a loaded host); reports are static,
// network-less documents, so up to MAX_PAGES pages are kept in one context and reused.

let pool: { browser: Browser; context: BrowserContext; idle: Page[] } | null = null;

async function takePage(b: Browser): Promise<Page> {
  if (!pool || pool.browser !== b) {
    const context = await b.newContext({ offline: true });
    // Self-contained documents: refuse any request that is not inline data.
    await context.route("**/*", (route) => (route.request().url().startsWith("data:") ? route.continue() : route.abort()));
    pool = { browser: b, context, idle: [] };
  }
  const page = pool.idle.pop();
  return page && !page.isClosed() ? page : pool.context.newPage();
}

/** Longest a single render may take before it is abandoned (and its page closed). */
export const RENDER_TIMEOUT_MS = 120_000;

/**
 * Settles with `work`, or rejects as soon as `b` disconnects or the deadline passes. Playwright
 * leaves a call such as newPage() pending forever when Chromium is killed underneath it, so a
 * crash must be turned into an error here or the render slot is never released.
 */
function untilBrowserGone<T>(b: Browser, work: Promise<T>, timeoutMs: number): Promise<T> {
  let onGone = () => {};
  let timer: NodeJS.Timeout | undefined;
  const gone = new Promise<never>((_, reject) => {
    onGone = () => reject(new Error("Chromium exited during the render"));
    b.on("disconnected", onGone);
    if (!b.isConnected()) onGone();
    timer = setTimeout(() => reject(new Error(`render took longer than ${timeoutMs / 1000} s`)), timeoutMs);
  });
  return Promise.race([work, gone]).finally(() => {
    b.off("disconnected", onGone);
    clearTimeout(timer);
  });
}

/** Closes a page without waiting on a browser that is gone (that close would never settle). */
async function closeQuietly(b: Browser, page: Page): Promise<void> {
  await untilBrowserGone(b, page.close(), 10_000).catch(() => undefined);
}

/** Runs `fn` with a pooled page inside a semaphore slot; a page that failed is closed, not reused. */
export function withPage<T>(fn: (page: Page) => Promise<T>, timeoutMs = RENDER_TIMEOUT_MS): Promise<T> {
  return withSlot(async () => {
    const b = await getBrowser();
    const page = await untilBrowserGone(b, takePage(b), timeoutMs);
    const owner = pool;
    try {
      const out = await untilBrowserGone(b, fn(page), timeoutMs);
      if (owner && owner === pool && !page.isClosed()) owner.idle.push(page);
      else await closeQuietly(b, page);
      return out;
    } catch (e) {
      await closeQuietly(b, page);
      throw e;
    }
  });
}
