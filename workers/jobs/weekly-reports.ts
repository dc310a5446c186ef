/**
 * The weekly-reports job: every entity's PDF report and the CSB-wide one for a week (by default
 * the week that just ended, as of the job's clock). A report whose render fails (browser crash) is
 * retried once inside the batch; the job fails only if some report still failed, so BullMQ's own
 * retry re-runs it — which adds new versions for all, never overwrites. The workers run it in a
 * child process (isolated/weekly-reports.ts).
 */
import type { Db } from "../../db/client";
import { generateWeeklyBatch, type BatchOptions, type BatchOutcome } from "../../reports/archive";
import { lastCompleteWeek } from "../../reports/week";
import type { Logger } from "../deps";
import type { WeeklyReportsData } from "../schedules/weekly-reports";

export { WEEKLY_REPORTS_JOB, type WeeklyReportsData } from "../schedules/weekly-reports";

export interface WeeklyReportsResult {
  weekStart: string;
  ok: number;
  failed: BatchOutcome[];
}

export async function processWeeklyReports(
  deps: { db: Db; clock: () => number; log?: Logger },
  data: WeeklyReportsData = {},
  opts: Pick<BatchOptions, "onReport"> = {},
): Promise<WeeklyReportsResult> {
  const weekStart = data.weekStart ?? lastCompleteWeek(deps.clock());
  const outcomes = await generateWeeklyBatch(deps.db, weekStart, { by: "system:weekly-reports", onReport: opts.onReport, announce: true });
  const failed = outcomes.filter((o) => !o.ok);
  deps.log?.info(`weekly reports ${weekStart}: ${outcomes.length - failed.length} ok, ${failed.length} failed`);
  if (failed.length) {
    const list = failed.map((f) => `${f.slug}: ${f.error}`).join("; ");
    throw new Error(`weekly reports ${weekStart}: ${failed.length} failed (${list})`);
  }
  return { weekStart, ok: outcomes.length, failed };
}
