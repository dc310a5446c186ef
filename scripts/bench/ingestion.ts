/**
 * Ingestion throughput: posts per second from the platform sandbox (pages of 100, real HTTP) into
 * SQLite, scored with the scoring library, on one process; and the process RSS afterwards.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { buildDemoWorld } from "../../db/demo/world";
import { closeDb, openDb } from "../../db/client";
import { accountHandles, countFlags } from "../../db/demo/bulk";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { connectorFactory } from "../../workers/connectors";
import { silentLogger, type WorkerDeps } from "../../workers/deps";
import { fetchPosts } from "../../workers/jobs/fetch-posts";
import { MemoryRateStore, RateGate } from "../../workers/rate-gate";
import { sandboxConnectorConfig } from "../../workers/sandbox-config";
import { libraryScorer } from "../../workers/scorer";
import type { BenchResult } from "./types";

export async function benchIngestion(opts: { quick?: boolean }): Promise<BenchResult[]> {
  const entities = new Set(buildDemoWorld().entities.slice(0, opts.quick ? 4 : 16).map((e) => e.slug));
  const startAt = Date.now();
  const sandbox = spawn(process.execPath, ["--import", "tsx", "scripts/bench/sandbox-process.ts"], {
    env: { ...process.env, SANDBOX_ENTITIES: [...entities].join(","), SANDBOX_HISTORY_DAYS: String(opts.quick ? 60 : 180), SANDBOX_START: String(startAt) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const [line] = (await once(createInterface({ input: sandbox.stdout! }), "line")) as [string];
  const { url } = JSON.parse(line) as { url: string };
  try {
    const world = (await (await fetch(`${url}/_sandbox/accounts`)).json()) as { platform: string; handle: string; state: string; apiId: string }[];
    const db = openDb(join(mkdtempSync(join(tmpdir(), "amanah-bench-")), "bench.db"));
    migrateDb(db);
    await seedDb(db);
    const keep = new Set(world.map((a) => `${a.platform}:${a.handle}`));
    const accounts = accountHandles(db).filter((a) => keep.has(`${a.platform}:${a.handle}`));
    const ig = world.find((a) => a.platform === "instagram" && a.state === "active");
    const config = sandboxConnectorConfig(url, { igUserId: ig?.apiId });
    for (const c of Object.values(config)) if (c) Object.assign(c, { pageSize: 100 });
    const clock = () => startAt; // the sandbox's clock is frozen at its start
    const gate = new RateGate(new MemoryRateStore(), { clock, laneSize: 2 });
    // Connectors built as the workers build them: every request through the gate.
    const deps: WorkerDeps = { db, connectors: connectorFactory(config, gate), clock, gate, scorer: libraryScorer, log: silentLogger };

    const queue = [...accounts];
    let posts = 0;
    const t0 = performance.now();
    // As the worker runs them: several accounts at once, at most two calls per platform at a time.
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let a = queue.shift(); a; a = queue.shift()) {
          const r = await fetchPosts(deps, { accountId: a.id }).catch(() => null);
          if (r) posts += r.counts.postsNew;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const flags = countFlags(db);
    closeDb(db);
    return [
      { name: "posts_per_s", value: Math.round(posts / seconds), unit: "posts/s", target: ">= 10000" },
      { name: "posts_ingested", value: posts, unit: "posts" },
      { name: "flags_written", value: flags, unit: "flags" },
      { name: "worker_rss", value: Math.round(process.memoryUsage().rss / 2 ** 20), unit: "MiB" },
    ];
  } finally {
    sandbox.kill("SIGTERM");
    await once(sandbox, "exit");
  }
}
