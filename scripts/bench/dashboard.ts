/**
 * Dashboard benchmark: generates a large database (1M posts, 60 entities, 600 accounts, 50k flags;
 * quick: 100k posts, 5k flags) under .data/bench/, builds rollups, starts the built server and
 * measures p50/p95 latency of the entity page, the comparison and the review queue with 4
 * concurrent clients signed in as the CSB admin. Target p95 ≤ 50 ms each.
 * The server starts as in production (`NODE_ENV=production`, cluster of WEB_CONCURRENCY workers,
 * default one per CPU; override with WEB_CONCURRENCY=1 for the single process). The client runs
 * on the same machine and its CPU share is reported (`client_cpu`), as it competes with the workers.
 * Measured twice: as served (the page cache reuses a render while the data is unchanged) and with
 * PAGE_CACHE=0, every request rendered (`*_rendered_p95` at 4 clients, `*_rendered_serial_p95` one
 * at a time, roughly one page's server time), which is what a page costs right after a commit.
 */
import { mkdirSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { closeDb, openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { recomputeRollups } from "../../db/rollups";
import { fillDashboardBench } from "../../db/demo/bulk";
import type { BenchResult } from "./types";
import { ensureBuild } from "../app-build";
import { startServerProcess } from "../server-process";
import { adminCookie } from "./server-session";

export async function generate(path: string, nPosts: number, nFlags: number, now: number): Promise<{ ms: number }> {
  const t0 = Date.now();
  for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  const db = openDb(path);
  migrateDb(db);
  await seedDb(db);
  fillDashboardBench(db, { posts: nPosts, flags: nFlags, now });
  recomputeRollups(db, { now });
  closeDb(db);
  return { ms: Date.now() - t0 };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function measure(url: string, cookie: string, n: number, concurrency = 4): Promise<{ p50: number; p95: number }> {
  const times: number[] = [];
  let left = n;
  const worker = async () => {
    while (left-- > 0) {
      const t0 = performance.now();
      const r = await fetch(url, { headers: { Cookie: cookie } });
      await r.arrayBuffer();
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
      times.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { p50: pct(times, 50), p95: pct(times, 95) };
}

async function startServer(path: string, workers: string, env: Record<string, string>) {
  const server = await startServerProcess({
    env: { ...process.env, NODE_ENV: "production", WEB_CONCURRENCY: workers, SESSION_SECRET: "bench-".padEnd(48, "x"), DATABASE_URL: path, AMANAH_DEMO: "0", LOG_LEVEL: "warn", ...env },
    output: "quiet",
  });
  const base = server.url;
  const stop = server.stop;
  try {
    const cookie = await adminCookie(base);
    return { base, cookie, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

const PAGES: [string, string][] = [
  ["entity", "/entities/interior"],
  ["compare", "/compare"],
  ["review", "/review"],
];
const ms = (x: number) => Math.round(x * 10) / 10;

export async function benchDashboard(opts: { quick?: boolean } = {}): Promise<BenchResult[]> {
  const quick = !!opts.quick;
  const nPosts = quick ? 100_000 : 1_000_000;
  const nFlags = quick ? 5_000 : 50_000;
  mkdirSync(".data/bench", { recursive: true });
  const path = `.data/bench/dashboard-${quick ? "quick" : "full"}.db`;
  const now = Date.now();
  const gen = await generate(path, nPosts, nFlags, now);
  ensureBuild();
  const workers = process.env.WEB_CONCURRENCY || String(availableParallelism());
  const n = quick ? 120 : 300;
  const out: BenchResult[] = [
    { name: "generate_posts", value: nPosts, unit: "posts" },
    { name: "generate_and_rollups", value: gen.ms / 1000, unit: "s" },
    { name: "server_workers", value: Number(workers), unit: "processes" },
    { name: "cpus", value: availableParallelism(), unit: "cores" },
  ];
  // As served: the page cache (app/lib/page-cache.server.ts) reuses a render while the data is unchanged.
  const served = await startServer(path, workers, {});
  try {
    let clientCpu = 0;
    let wall = 0;
    for (const [name, p] of PAGES) {
      await measure(served.base + p, served.cookie, 12); // warm-up (each worker)
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const m = await measure(served.base + p, served.cookie, n);
      const c = process.cpuUsage(c0);
      wall += performance.now() - t0;
      clientCpu += (c.user + c.system) / 1000;
      out.push({ name: `${name}_p50`, value: ms(m.p50), unit: "ms" });
      out.push({ name: `${name}_p95`, value: ms(m.p95), unit: "ms", target: "≤ 50" });
    }
    // CPU the bench client itself used while measuring at 4 clients, as % of one core.
    out.push({ name: "client_cpu", value: Math.round((clientCpu / wall) * 100), unit: "% of a core" });
  } finally {
    await served.stop();
  }
  // Every request rendered (PAGE_CACHE=0): what a page costs right after the data changed.
  const rendered = await startServer(path, workers, { PAGE_CACHE: "0" });
  try {
    for (const [name, p] of PAGES) {
      await measure(rendered.base + p, rendered.cookie, 12);
      const m = await measure(rendered.base + p, rendered.cookie, n);
      out.push({ name: `${name}_rendered_p95`, value: ms(m.p95), unit: "ms" });
    }
    for (const [name, p] of PAGES) {
      const m = await measure(rendered.base + p, rendered.cookie, Math.round(n / 2), 1);
      out.push({ name: `${name}_rendered_serial_p95`, value: ms(m.p95), unit: "ms" });
    }
  } finally {
    await rendered.stop();
  }
  return out;
}
