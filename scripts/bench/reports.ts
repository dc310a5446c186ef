/**
 * Weekly report bench: seconds per entity report with a warm, reused browser (target ≤ 2 s), and
 * a full Sunday batch — 60 entities plus the CSB-wide report (quick: 5 entities + CSB). The demo
 * world has 48 entities; the rest are registered without accounts to reach 60.
 */
import { rmSync } from "node:fs";
import { seedHistory } from "../../db/demo/history";
import { topUpEntities } from "../../db/demo/bulk";
import { closeDb } from "../../db/client";
import { seededDb } from "../../tests/helpers/db";
import { generateWeeklyBatch, renderReport } from "../../reports/archive";
import { closeBrowser } from "../../reports/browser";
import type { BenchResult } from "./types";

const NOW = Date.UTC(2026, 10, 15, 5, 0, 0); // Sunday 08:00 Asia/Bahrain
const WEEK = "2026-11-08";

export async function benchReports(opts: { quick?: boolean }): Promise<BenchResult[]> {
  const { db, path } = await seededDb("bench-reports");
  const dir = `.data/bench-reports-${process.pid}`;
  try {
    await seedHistory(db, { weeks: opts.quick ? 4 : 12, now: NOW });
    const ids = topUpEntities(db, 60);

    await renderReport(db, { scope: "entity", entityId: ids[0], weekStart: WEEK, now: NOW }); // launch + warm-up
    const n = opts.quick ? 3 : 10;
    let t = performance.now();
    for (let i = 0; i < n; i++) await renderReport(db, { scope: "entity", entityId: ids[i % ids.length], weekStart: WEEK, now: NOW });
    const perReport = (performance.now() - t) / n / 1000;

    const batchIds = opts.quick ? ids.slice(0, 5) : ids;
    t = performance.now();
    const out = await generateWeeklyBatch(db, WEEK, { entityIds: batchIds, dir, now: NOW, by: "bench" });
    const batch = (performance.now() - t) / 1000;
    return [
      { name: "entity_report_s", value: perReport, unit: "s/report", target: "≤ 2" },
      { name: opts.quick ? "batch_5_plus_csb_s" : "batch_60_plus_csb_s", value: batch, unit: "s" },
      { name: "batch_failed", value: out.filter((o) => !o.ok).length, unit: "reports", target: "0" },
    ];
  } finally {
    await closeBrowser();
    closeDb(db);
    rmSync(dir, { recursive: true, force: true });
    for (const s of ["", "-wal", "-shm"]) rmSync(path + s, { force: true });
  }
}
