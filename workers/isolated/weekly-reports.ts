/**
 * The `weekly-reports` queue's processor, run by BullMQ in a child process of its own (see
 * ../isolation.ts): Chromium renders 60+ PDFs here, and a browser that crashes or eats the memory
 * takes this child down, never the fetch workers. The browser is closed after the batch, so it
 * does not sit in memory for the rest of the week.
 */
import type { SandboxedJob } from "bullmq";
import { pino } from "pino";
import { closeBrowser } from "../../reports/browser";
import { processWeeklyReports, type WeeklyReportsData, type WeeklyReportsResult } from "../jobs/weekly-reports";
import { isolatedDb } from "./child";

export interface WeeklyReportsProgress {
  pid: number;
  done: number;
}

export type WeeklyReportsJobResult = WeeklyReportsResult & { pid: number };

const log = pino({ name: "workers:weekly-reports", level: process.env.LOG_LEVEL ?? "info" });

export default async function weeklyReports(job: SandboxedJob<WeeklyReportsData, WeeklyReportsJobResult>): Promise<WeeklyReportsJobResult> {
  let done = 0;
  // Best effort: the result is what counts.
  const progress = () => void job.updateProgress({ pid: process.pid, done } satisfies WeeklyReportsProgress).catch(() => undefined);
  progress();
  try {
    const r = await processWeeklyReports({ db: isolatedDb(), clock: Date.now, log }, job.data, {
      onReport: () => {
        done++;
        progress();
      },
    });
    return { ...r, pid: process.pid };
  } finally {
    await closeBrowser();
  }
}
