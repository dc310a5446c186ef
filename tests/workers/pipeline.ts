/** Shared set-up for the sandbox pipeline tests: a seeded DB restricted to a few entities, truth comparison. */
import type { Job } from "bullmq";
import type { Redis } from "ioredis";
import { buildDemoWorld, type DemoAccount } from "../../db/demo/world";
import type { Db } from "../../db/client";
import { afterAll, beforeAll } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { privateRedis, type LocalRedis } from "../helpers/redis";
import type { Queues, QueueKey } from "../../workers/queues";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";

export interface TruthLine {
  platform: string;
  handle: string;
  id: string;
  status: "live" | "edited" | "deleted";
  text: string;
}

/** Accounts of the first `n` entities of the demo world (keeps the runs fast). */
export function subsetFilter(n: number): (a: DemoAccount) => boolean {
  const slugs = new Set(buildDemoWorld().entities.slice(0, n).map((e) => e.slug));
  return (a) => slugs.has(a.entitySlug);
}

/** Seeded DB where accounts outside the sandbox's world are archived (never scheduled). */
export async function subsetDb(sb: Sandbox, name: string): Promise<{ db: Db; path: string }> {
  // A private directory: other test runs sharing the tree wipe .data/test in their global set-up.
  const path = join(mkdtempSync(join(tmpdir(), "amanah-ingest-")), `${name}.db`);
  const t = { db: openDb(path), path };
  migrateDb(t.db);
  await seedDb(t.db);
  const keep = sb.world.accounts.map((a) => `${a.platform}\u0000${a.handle}`);
  const c = t.db.$client;
  c.exec("CREATE TEMP TABLE keep (k TEXT PRIMARY KEY)");
  const ins = c.prepare("INSERT OR IGNORE INTO keep VALUES (?)");
  for (const k of keep) ins.run(k);
  c.exec("UPDATE accounts SET status = 'archived' WHERE platform || char(0) || handle NOT IN (SELECT k FROM keep)");
  return t;
}

export async function truth(sb: Sandbox): Promise<TruthLine[]> {
  const res = await fetch(`${sb.url}/_sandbox/truth.jsonl`);
  return (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as TruthLine);
}

export interface Comparison {
  lost: string[];
  duplicated: string[];
  wrongText: string[];
  notMarkedDeleted: string[];
  wronglyDeleted: string[];
  unknown: string[];
  live: number;
  versioned: number;
  deletedMarked: number;
}

/**
 * DB vs truth over the accounts the platform can still serve (suspended or vanished accounts are
 * excluded: their posts cannot be fetched, and they are asserted separately).
 */
export function compare(db: Db, lines: TruthLine[], accounts: { platform: string; handle: string }[]): Comparison {
  const want = new Set(accounts.map((a) => `${a.platform}\u0000${a.handle}`));
  const rows = db.$client
    .prepare(
      `SELECT a.platform, a.handle, p.platform_post_id AS id, p.text, p.deleted_at AS deletedAt, p.version
       FROM posts p JOIN accounts a ON a.id = p.account_id`,
    )
    .all() as { platform: string; handle: string; id: string; text: string; deletedAt: number | null; version: number }[];
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!want.has(`${r.platform}\u0000${r.handle}`)) continue;
    const k = `${r.platform}\u0000${r.handle}\u0000${r.id}`;
    byKey.set(k, [...(byKey.get(k) ?? []), r]);
  }
  const c: Comparison = { lost: [], duplicated: [], wrongText: [], notMarkedDeleted: [], wronglyDeleted: [], unknown: [], live: 0, versioned: 0, deletedMarked: 0 };
  const seen = new Set<string>();
  for (const t of lines) {
    if (!want.has(`${t.platform}\u0000${t.handle}`)) continue;
    const k = `${t.platform}\u0000${t.handle}\u0000${t.id}`;
    seen.add(k);
    const got = byKey.get(k) ?? [];
    if (got.length > 1) c.duplicated.push(k);
    const r = got[0];
    if (t.status === "deleted") {
      if (r && r.deletedAt === null) c.notMarkedDeleted.push(k);
      if (r && r.deletedAt !== null) c.deletedMarked++;
      continue;
    }
    if (!r) c.lost.push(k);
    else {
      c.live++;
      if (r.text !== t.text) c.wrongText.push(k);
      if (r.deletedAt !== null) c.wronglyDeleted.push(k);
      if (r.version > 1) c.versioned++;
    }
  }
  for (const k of byKey.keys()) if (!seen.has(k)) c.unknown.push(k);
  return c;
}

/**
 * Drives queued work to completion. When only delayed jobs remain (rate-limit resets, backoffs),
 * the sandbox clock jumps past every announced reset and the jobs are promoted: simulated time,
 * so a five-minute window does not take five minutes.
 */
export async function drive(q: Queues, redis: Redis, sb: Sandbox, keys: QueueKey[] = ["fetch", "profile", "recheck"], timeoutMs = 100_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let busy = 0;
    let delayed: Job[] = [];
    for (const k of keys) {
      const c = await q[k].getJobCounts("waiting", "active", "delayed", "prioritized");
      busy += c.waiting + c.active + c.prioritized;
      if (c.delayed) delayed = delayed.concat(await q[k].getDelayed());
    }
    if (busy === 0 && delayed.length === 0) return;
    if (Date.now() > deadline) throw new Error(`queues did not drain (busy ${busy}, delayed ${delayed.length})`);
    if (busy === 0 && delayed.length) {
      const keysR = await redis.keys("ratelimit:*");
      const resets = keysR.length ? (await redis.mget(...keysR)).map(Number) : [];
      const max = Math.max(0, ...resets);
      if (max >= sb.clock.now()) sb.clock.set(max + 1_000);
      await Promise.all(delayed.map((j) => j.promote().catch(() => undefined)));
    }
    await new Promise((r) => setTimeout(r, 150));
  }
}

/**
 * A private Redis and a sandbox serving the first four accounts of each platform, started before
 * this file's tests and stopped after them. Read `.redis` / `.sb` inside tests.
 */
export function sandboxAndRedisForFile(): { readonly redis: LocalRedis; readonly sb: Sandbox } {
  let redis: LocalRedis | undefined;
  let sb: Sandbox | undefined;
  beforeAll(async () => {
    redis = await privateRedis();
    sb = await startSandbox({ port: 0, accountFilter: subsetFilter(4) });
  });
  afterAll(async () => {
    await sb?.close();
    await redis?.stop();
  });
  const missing = () => new Error("sandboxAndRedisForFile(): not started (use it inside tests)");
  return {
    get redis() {
      if (!redis) throw missing();
      return redis;
    },
    get sb() {
      if (!sb) throw missing();
      return sb;
    },
  };
}
