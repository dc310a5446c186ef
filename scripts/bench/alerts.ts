/**
 * Alerts: latency from a flag's creation (insertFlags, with its outbox event) to the SMTP server's
 * acceptance of the email that tells a person about it, at 1,000 critical/high flags a minute
 * spread over every entity, with ONE worker process (`tsx workers/main.ts`, default concurrency)
 * and a local SMTP server (scripts/mailbox.ts) in this process. Directors and reviewers have their
 * default preferences (critical/high at once).
 *
 * Two paths, reported apart (docs/alerts.md "Grouping"):
 * - immediate: alerts carried by the first email of a recipient's quiet spell (sent after the
 *   2 s gather delay);
 * - grouped: alerts raised inside a recipient's grouping window, carried by the one trailing email
 *   at the window's end. Its latency is by design up to the window (5 min in production); the
 *   bench shortens the window (30 s, 15 s with --quick) and reports how late the trailing email
 *   went beyond its due time, which is the part the workers add.
 * Memory: the worker process's peak RSS (VmHWM).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";
import { insertFlags, type FlagRow } from "../../db/ingest";
import { activeAccountPerEntity, alertTimings, insertBenchPost, unsentAlertMails } from "../../db/alerts/bench";
import { RULE_BY_ID } from "../../core/scoring/policy";
import { ensureRedis } from "../redis";
import { startMailbox } from "../mailbox";
import type { BenchResult } from "./types";

const RATE_PER_MIN = 1_000;
const GATHER_MS = 2_000;

const p95 = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
};
const p50 = (xs: number[]) => {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

/** Peak resident memory of a process (Linux), MiB. */
function peakRssMiB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function benchAlerts(opts: { quick?: boolean }): Promise<BenchResult[]> {
  const durationMs = opts.quick ? 30_000 : 60_000;
  const windowMs = opts.quick ? 15_000 : 30_000;
  const dir = mkdtempSync(join(tmpdir(), "amanah-bench-alerts-"));
  const dbPath = join(dir, "bench.db");
  const db = openDb(dbPath);
  migrateDb(db);
  await seedDb(db);
  const redis = await ensureRedis({ dir });
  const mailbox = await startMailbox({ parse: false });
  const { SMTP_URL: _ignored, ...env } = process.env;
  const worker: ChildProcess = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...env,
      NODE_ENV: "test",
      DATABASE_URL: dbPath,
      REDIS_URL: redis.url,
      WORKERS_SCHEDULE: "0",
      SMTP_URL: mailbox.url,
      PUBLIC_URL: "http://amanah.bench",
      SESSION_SECRET: "bench-".padEnd(40, "b"),
      WORKERS_ALERT_GATHER_MS: String(GATHER_MS),
      WORKERS_ALERT_WINDOW_MS: String(windowMs),
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    // Flags start once the worker process says it is up (tsx compile and Redis connections take a while).
    await new Promise<void>((ok, fail) => {
      const lines = createInterface({ input: worker.stdout! });
      lines.on("line", (l) => {
        if (l.includes("workers started")) ok();
      });
      worker.once("exit", (code) => fail(new Error(`worker process exited (${code}) before it started`)));
    });
    const targets = activeAccountPerEntity(db);
    const rules = ["hate.incitement", "pd.cpr", "conf.position", "pd.iban"].map((id) => RULE_BY_ID.get(id)!);
    const total = Math.round((RATE_PER_MIN * durationMs) / 60_000);
    const every = 60_000 / RATE_PER_MIN;
    const t0 = Date.now();
    // A post per flag; the flag and its outbox event in one transaction (insertFlags, as the score job).
    for (let i = 0; i < total; i++) {
      const due = t0 + i * every;
      const wait = due - Date.now();
      if (wait > 0) await sleep(wait);
      const t = targets[i % targets.length];
      const rule = rules[i % rules.length];
      const now = Date.now();
      const postId = insertBenchPost(db, t.accountId, `bench-${i}`, `bench post ${i}: 880101234`, now);
      const row: FlagRow = { subjectKey: `post:${postId}`, postId, accountId: t.accountId, entityId: t.entityId, ruleId: rule.id, clauseId: rule.clause, category: rule.category, severity: rule.severity, score: 0.9, spans: [], policyVersion: "bench" };
      insertFlags(db, [row], now);
    }
    const producedMs = Date.now() - t0;
    // Everything due goes within the window after the last flag; wait for it (and a margin).
    const deadline = Date.now() + windowMs + GATHER_MS + 60_000;
    while (unsentAlertMails(db) > 0 && Date.now() < deadline) await sleep(250);
    await sleep(1_000);

    const accepted = new Map<number, number>();
    for (const m of mailbox.messages) {
      const id = /^<amanah\.mail\.(\d+)\./.exec(m.messageId ?? "")?.[1];
      if (id) accepted.set(Number(id), m.acceptedAt);
    }
    const immediate: number[] = [];
    const grouped: number[] = [];
    const lateness: number[] = [];
    let missing = 0;
    for (const r of alertTimings(db)) {
      const at = accepted.get(r.mailId);
      if (at === undefined) {
        missing++;
        continue;
      }
      // The first email of a quiet spell is due the gather delay after it was opened.
      const first = r.sendAt - r.mailCreatedAt <= GATHER_MS;
      (first ? immediate : grouped).push(at - r.occurredAt);
      if (!first) lateness.push(at - r.sendAt);
    }
    const rss = worker.pid ? peakRssMiB(worker.pid) : NaN;
    return [
      { name: "flags_per_min_achieved", value: Math.round((total * 60_000) / producedMs), unit: "flags/min", target: `${RATE_PER_MIN}` },
      { name: "alert_deliveries", value: immediate.length + grouped.length, unit: "count" },
      { name: "emails_accepted", value: mailbox.messages.length, unit: "count" },
      { name: "deliveries_not_sent", value: missing, unit: "count", target: "0" },
      { name: "immediate_p50", value: p50(immediate) / 1000, unit: "s" },
      { name: "immediate_p95", value: p95(immediate) / 1000, unit: "s", target: "≤ 5 (includes the 2 s gather)" },
      { name: "immediate_count", value: immediate.length, unit: "count" },
      { name: `grouped_p95_window_${windowMs / 1000}s`, value: p95(grouped) / 1000, unit: "s", target: `≤ window ${windowMs / 1000} s + 5` },
      { name: "grouped_lateness_p95", value: p95(lateness) / 1000, unit: "s", target: "≤ 5 (past the window's end)" },
      { name: "grouped_count", value: grouped.length, unit: "count" },
      { name: "worker_peak_rss", value: rss, unit: "MiB" },
    ];
  } finally {
    worker.kill("SIGTERM");
    await new Promise((r) => (worker.exitCode !== null ? r(null) : worker.once("exit", r)));
    await mailbox.close();
    await redis.stop();
    closeDb(db);
  }
}
