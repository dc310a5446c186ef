/**
 * Every Sunday 08:00 Asia/Bahrain: one job that reports the week that just ended (Sunday–Saturday).
 * upsertJobScheduler is idempotent, so calling this at every worker start-up is safe.
 */
import type { Queue } from "bullmq";

export const WEEKLY_REPORTS_JOB = "weekly-reports";

export interface WeeklyReportsData {
  /** Sunday that starts the week; default: the week that ended before the job ran. */
  weekStart?: string;
}

export const WEEKLY_REPORTS_PATTERN = "0 8 * * 0";
export const WEEKLY_REPORTS_TZ = "Asia/Bahrain";

export async function scheduleWeeklyReports(queue: Pick<Queue, "upsertJobScheduler">): Promise<void> {
  await queue.upsertJobScheduler(
    WEEKLY_REPORTS_JOB,
    { pattern: WEEKLY_REPORTS_PATTERN, tz: WEEKLY_REPORTS_TZ },
    {
      name: WEEKLY_REPORTS_JOB,
      // No weekStart: the processor takes the week that ended before its clock, so a late run
      // (worker down at 08:00) still reports the right week.
      data: {} satisfies WeeklyReportsData,
      opts: { attempts: 2, backoff: { type: "fixed", delay: 10 * 60_000 }, removeOnComplete: 52, removeOnFail: 52 },
    },
  );
}
