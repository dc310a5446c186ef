/**
 * Exports and check-API benchmark: a database with 1M open flags (quick: 100k) under .data/bench/,
 * the built server started as `npm start` does (scripts/server.sh) as one process (WEB_CONCURRENCY=1,
 * so its pid is the process doing the work) with a private Redis as in production (its health
 * checks; the queue board is not opened), then:
 * - `/review/export.csv` as the CSB admin (every open flag): rows/s, and the server's resident
 *   memory before and at its peak (VmHWM from /proc) — target flat memory, peak ≤ 150 MB;
 * - the same with a slow client (reads 256 KiB then pauses) for a few seconds: the server's RSS
 *   must not grow with what the client has not taken yet (back-pressure);
 * - `POST /api/v1/check` with a `check` token, 4 concurrent clients: p50/p95, and the server's
 *   memory after them (the scorer loads with the first check).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createHash, randomBytes } from "node:crypto";
import { closeDb, openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { fillDashboardBench } from "../../db/demo/bulk";
import { createToken } from "../../db/api-tokens";
import { toSessionUser, userByEmail } from "../../db/sessions";
import type { BenchResult } from "./types";
import { ensureBuild } from "../app-build";
import { ensureRedis } from "../redis";
import { startServerProcess, type ServerProcess } from "../server-process";
import { adminCookie } from "./server-session";

/** Resident and peak resident memory of a process, MB (Linux /proc). */
function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, hwm: kb("VmHWM") / 1024 };
}

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

async function prepare(path: string, flags: number): Promise<string> {
  for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  const db = openDb(path);
  migrateDb(db);
  await seedDb(db);
  fillDashboardBench(db, { posts: flags, flags, now: Date.now(), allOpen: true });
  const user = toSessionUser(userByEmail(db, "csb-admin@demo.local")!);
  const token = `amanah_${randomBytes(32).toString("base64url")}`;
  createToken(db, user, { name: "bench", scope: "check", expiresAt: new Date(Date.now() + 86_400_000), tokenHash: createHash("sha256").update(token).digest("hex"), prefix: token.slice(0, 13) });
  closeDb(db);
  return token;
}

export async function benchExports({ quick = false }: { quick?: boolean }): Promise<BenchResult[]> {
  const nFlags = quick ? 100_000 : 1_000_000;
  mkdirSync(".data/bench", { recursive: true });
  const path = `.data/bench/exports-${nFlags}.db`;
  const t0 = Date.now();
  const token = await prepare(path, nFlags);
  console.error(`bench exports: ${nFlags.toLocaleString("en")} open flags generated in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  ensureBuild();

  const redisDir = mkdtempSync(join(tmpdir(), "amanah-bench-redis-"));
  const redis = await ensureRedis({ dir: redisDir });
  let server: ServerProcess | undefined;
  try {
    server = await startServerProcess({
      env: { ...process.env, NODE_ENV: "production", WEB_CONCURRENCY: "1", API_RATE_LIMIT: "1000000", SESSION_SECRET: "bench-".padEnd(48, "x"), DATABASE_URL: path, REDIS_URL: redis.url, AMANAH_DEMO: "0", LOG_LEVEL: "warn" },
      output: "quiet",
      degraded: true,
    });
    const base = server.url;
    const child = server.child;
    const idle = memory(child.pid!);
    const cookie = await adminCookie(base);
    const pid = child.pid!;
    // Warm up (first render, statement preparation) on a small page, then measure.
    await (await fetch(`${base}/review`, { headers: { Cookie: cookie } })).arrayBuffer();
    const before = memory(pid);

    // Full-speed CSV export of every open flag.
    const e0 = performance.now();
    const r = await fetch(`${base}/review/export.csv`, { headers: { Cookie: cookie } });
    if (r.status !== 200 || !r.body) throw new Error(`export: ${r.status}`);
    let bytes = 0;
    let lines = 0;
    let peakDuring = before.rss;
    let lastSample = 0;
    for await (const chunk of r.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) lines++;
      const now = performance.now();
      if (now - lastSample > 200) {
        lastSample = now;
        peakDuring = Math.max(peakDuring, memory(pid).rss);
      }
    }
    const seconds = (performance.now() - e0) / 1000;
    const rows = lines - 1;
    if (rows < nFlags) throw new Error(`export had ${rows} rows, expected at least ${nFlags}`);
    const after = memory(pid);

    // Slow client: take 256 KiB, pause 500 ms, a few times; the server must not buffer ahead.
    const slow = await fetch(`${base}/review/export.csv`, { headers: { Cookie: cookie } });
    const reader = slow.body!.getReader();
    let slowPeak = memory(pid).rss;
    for (let round = 0; round < 8; round++) {
      let taken = 0;
      while (taken < 256 * 1024) {
        const { done, value } = await reader.read();
        if (done) break;
        taken += value.length;
      }
      await new Promise((ok) => setTimeout(ok, 500));
      slowPeak = Math.max(slowPeak, memory(pid).rss);
    }
    await reader.cancel();

    // POST /api/v1/check, 4 concurrent clients.
    const texts = [
      "تصريح رسمي حول الخدمات الإلكترونية الجديدة في المملكة",
      "My CPR is 850101234, call me on 3333 4444",
      "هذا قرار غبي من الوزارة والمسؤولين فيها",
      "موظف في وزارة الداخلية",
    ];
    const n = quick ? 400 : 2000;
    const times: number[] = [];
    let left = n;
    const client = async () => {
      while (left-- > 0) {
        const text = texts[left % texts.length];
        const c0 = performance.now();
        const res = await fetch(`${base}/api/v1/check`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
          body: JSON.stringify({ text, accountClass: "employee", kind: left % 4 === 3 ? "bio" : "post" }),
        });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`check: ${res.status}`);
        times.push(performance.now() - c0);
      }
    };
    const k0 = performance.now();
    await Promise.all([client(), client(), client(), client()]);
    const checkSeconds = (performance.now() - k0) / 1000;
    // The scorer loads with the first check: what a process holds once it has served both.
    const end = memory(pid);

    return [
      { name: "csv_rows", value: rows, unit: "rows" },
      { name: "csv_rows_per_s", value: rows / seconds, unit: "rows/s" },
      { name: "csv_mb", value: bytes / 1e6, unit: "MB" },
      { name: "server_rss_idle", value: idle.rss, unit: "MB" },
      { name: "server_rss_before", value: before.rss, unit: "MB" },
      { name: "server_rss_peak_during_csv", value: peakDuring, unit: "MB", target: "≤ 150, flat" },
      { name: "server_rss_lifetime_peak", value: after.hwm, unit: "MB", target: "≤ 150" },
      { name: "server_rss_after", value: after.rss, unit: "MB" },
      { name: "server_rss_slow_client_peak", value: slowPeak, unit: "MB", target: "≈ before" },
      { name: "check_p50", value: pct(times, 50), unit: "ms" },
      { name: "check_p95", value: pct(times, 95), unit: "ms", target: "4 clients" },
      { name: "check_rps", value: n / checkSeconds, unit: "req/s" },
      { name: "server_rss_after_checks", value: end.rss, unit: "MB" },
      { name: "server_rss_lifetime_peak_end", value: end.hwm, unit: "MB" },
    ];
  } finally {
    await server?.stop();
    await redis.stop();
    rmSync(redisDir, { recursive: true, force: true });
  }
}
