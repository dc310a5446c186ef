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
import { spawn, execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { createServer } from "node:net";
import { availableParallelism } from "node:os";
import { openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { recomputeRollups } from "../../db/rollups";
import { rng } from "../../db/demo/world";
import { DEMO_PASSWORD } from "../../core/config";
import type { BenchResult } from "./types";

const DAY = 86_400_000;
const CATS: [string, string, string, string][] = [
  ["off.insult", "COC-2", "offensive", "medium"],
  ["off.entity", "COC-3", "offensive", "high"],
  ["obs.vulgar", "COC-5", "obscene", "high"],
  ["hate.offence", "COC-6", "hate", "high"],
  ["hate.incitement", "COC-6", "hate", "critical"],
  ["pd.phone", "COC-4", "personal-data", "medium"],
  ["pd.email", "COC-4", "personal-data", "low"],
  ["conf.marker", "COC-4", "confidential", "high"],
];

export function generate(path: string, nPosts: number, nFlags: number, now: number): Promise<{ ms: number }> {
  return (async () => {
    const t0 = Date.now();
    for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
    const db = openDb(path);
    migrateDb(db);
    await seedDb(db);
    const q = db.$client;
    q.pragma("synchronous = OFF");
    const r = rng("bench-dashboard");
    q.transaction(() => {
      // Top up to 60 entities and 600 accounts (10 per entity).
      const have = (q.prepare(`SELECT count(*) AS n FROM entities`).get() as { n: number }).n;
      const insE = q.prepare(`INSERT INTO entities (slug, name_ar, name_en, kind, email_domains) VALUES (?, ?, ?, 'agency', '["bench.gov.bh"]')`);
      for (let i = have; i < 60; i++) insE.run(`bench-${i}`, `جهة اختبار ${i}`, `Bench entity ${i}`);
      const ents = (q.prepare(`SELECT id FROM entities ORDER BY id`).all() as { id: number }[]).map((e) => e.id);
      const insA = q.prepare(`INSERT INTO accounts (entity_id, platform, handle, class, bio, status, registry_status, synthetic) VALUES (?, 'x', ?, ?, ?, 'active', 'registered', 1)`);
      const insO = q.prepare(`INSERT INTO account_owners (account_id, custodian_name, custodian_email, credential_custody, two_factor, attested_at, valid_from) VALUES (?, 'أمين', 'a@bench.gov.bh', 'password_manager', 'authenticator_app', ?, ?)`);
      for (const e of ents) {
        const n = (q.prepare(`SELECT count(*) AS n FROM accounts WHERE entity_id = ?`).get(e) as { n: number }).n;
        for (let k = n; k < 10; k++) {
          const id = insA.run(e, `bench_${e}_${k}`, k === 0 ? "official" : k < 3 ? "executive" : "employee", "حساب شخصي").lastInsertRowid as number;
          insO.run(id, now - 100 * DAY, now - 400 * DAY);
        }
      }
    })();
    const accounts = q.prepare(`SELECT id, entity_id AS e FROM accounts ORDER BY id`).all() as { id: number; e: number }[];
    const insP = q.prepare(`INSERT INTO posts (account_id, platform_post_id, text, lang, published_at, first_seen_at, last_seen_at) VALUES (?, ?, ?, 'ar', ?, ?, ?)`);
    const span = 365 * DAY;
    const postIds: { id: number; a: number; e: number; t: number }[] = [];
    const flagEvery = Math.max(1, Math.floor(nPosts / nFlags));
    const BATCH = 50_000;
    for (let i = 0; i < nPosts; i += BATCH) {
      q.transaction(() => {
        for (let k = i; k < Math.min(nPosts, i + BATCH); k++) {
          const a = accounts[Math.floor(r() * accounts.length)];
          const t = now - Math.floor(r() * span);
          const id = insP.run(a.id, `bench-${k}`, `منشور تجريبي رقم ${k} عن خدمات الجهة`, t, t, t).lastInsertRowid as number;
          if (k % flagEvery === 0 && postIds.length < nFlags) postIds.push({ id, a: a.id, e: a.e, t });
        }
      })();
    }
    const insF = q.prepare(
      `INSERT INTO flags (subject_key, post_id, account_id, entity_id, rule_id, clause_id, category, severity, score, spans, policy_version, status, created_at, reviewed_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0.8, '[{"start":0,"end":5,"text":"منشور"}]', 'bench', ?, ?, ?)`,
    );
    const users = (q.prepare(`SELECT id FROM users ORDER BY id LIMIT 1`).get() as { id: number }).id;
    const insR = q.prepare(`INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?, ?, ?, NULL, ?)`);
    q.transaction(() => {
      for (const p of postIds) {
        const [rule, clause, cat, sev] = CATS[Math.floor(r() * CATS.length)];
        const created = p.t + 600_000;
        const x = r();
        const status = created > now - 3 * DAY || x < 0.3 ? "open" : x < 0.75 ? "confirmed" : "dismissed";
        const reviewedAt = status === "open" ? null : Math.min(now, created + Math.floor(r() * 5 * DAY));
        const fid = insF.run(`post:${p.id}`, p.id, p.a, p.e, rule, clause, cat, sev, status, created, reviewedAt).lastInsertRowid as number;
        if (reviewedAt) insR.run(fid, users, status === "confirmed" ? "confirm" : "dismiss", reviewedAt);
      }
    })();
    q.pragma("synchronous = NORMAL");
    q.exec("ANALYZE");
    recomputeRollups(db, { now });
    db.$client.close();
    return { ms: Date.now() - t0 };
  })();
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    newest = Math.max(newest, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds when build/index.js is missing or older than app/ (a stale build would measure old code). */
function ensureBuild(): void {
  const out = "build/index.js";
  if (existsSync(out) && statSync(out).mtimeMs >= Math.max(newestMtime("app"), statSync("remix.config.js").mtimeMs)) return;
  execFileSync("npx", ["remix", "build"], { stdio: "ignore", env: { ...process.env, NODE_ENV: "production" } });
}

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => ok(port));
    });
    s.on("error", fail);
  });
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
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", WEB_CONCURRENCY: workers, SESSION_SECRET: "bench-".padEnd(48, "x"), DATABASE_URL: path, PORT: String(port), AMANAH_DEMO: "0", LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise((r) => child.once("exit", r));
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    child.kill("SIGTERM");
    await exited;
  };
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/healthz`)).ok) break;
      } catch {
        /* starting */
      }
      if (i > 300) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 200));
    }
    const login = await fetch(`${base}/login`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "csb-admin@demo.local", password: DEMO_PASSWORD, next: "/" }),
      redirect: "manual",
    });
    const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    if (!cookie) throw new Error(`login failed: ${login.status}`);
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
