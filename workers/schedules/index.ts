/**
 * The repeatable jobs, (re-)created at start-up and by every heartbeat, so a Redis that lost its
 * data gets them back: the fan-out, the weekly reports (weekly-reports.ts), the daily rollup just
 * after midnight in Bahrain, the alerts' daily digest (../notify/) and the impersonation watch at
 * 03:00 (../impersonation/schedule.ts). Each is created only when missing.
 */
import type { Queues } from "../queues";
import { scheduleWeeklyReports, WEEKLY_REPORTS_JOB } from "./weekly-reports";
import { ensureDigestScheduler } from "../notify/index";
import { ensureWatchScheduler } from "../impersonation/schedule";

export const FANOUT = "fanout";
export const DAILY_ROLLUP = "rollup-daily";

export async function ensureSchedulers(queues: Pick<Queues, "schedule" | "reports" | "rollup" | "notify" | "impersonation">, opts: { fanoutEveryMs: number }): Promise<void> {
  if (!(await queues.schedule.getJobScheduler(FANOUT)))
    await queues.schedule.upsertJobScheduler(FANOUT, { every: opts.fanoutEveryMs }, { name: FANOUT, opts: { removeOnComplete: 100, removeOnFail: 100 } });
  if (!(await queues.reports.getJobScheduler(WEEKLY_REPORTS_JOB))) await scheduleWeeklyReports(queues.reports);
  if (!(await queues.rollup.getJobScheduler(DAILY_ROLLUP)))
    await queues.rollup.upsertJobScheduler(DAILY_ROLLUP, { pattern: "5 0 * * *", tz: "Asia/Bahrain" }, { name: DAILY_ROLLUP, opts: { removeOnComplete: 30, removeOnFail: 30 } });
  await ensureDigestScheduler(queues.notify);
  await ensureWatchScheduler(queues.impersonation);
}
