/**
 * Processors that run outside the fetch workers' process: BullMQ "sandboxed processors", one child
 * process per concurrent job, forked from this process. Chromium rendering the weekly reports and
 * a rescore of every stored post are heavy and can crash; in a child they neither block the event
 * loop that renews the fetch jobs' locks nor take the fetch workers down with them. BullMQ sees a
 * dead child as a failed attempt, and the job is retried with its own backoff.
 */
import type { ForkOptions } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { QueueKey } from "./queues";

/** The isolated queues and their processor files (each default-exports the job function). */
export const ISOLATED_PROCESSORS = {
  reports: fileURLToPath(new URL("./isolated/weekly-reports.ts", import.meta.url)),
  rescore: fileURLToPath(new URL("./isolated/rescore.ts", import.meta.url)),
} as const satisfies Partial<Record<QueueKey, string>>;

export type IsolatedKey = keyof typeof ISOLATED_PROCESSORS;

export const isIsolated = (key: QueueKey): key is IsolatedKey => key in ISOLATED_PROCESSORS;

/**
 * How BullMQ forks a child: the same Node flags as this process plus the TypeScript loader when
 * this process was not started with it (the processor files are .ts), and the database file in
 * DATABASE_URL so the child opens the same database.
 */
export function isolatedForkOptions(databaseFile: string, execArgv: readonly string[] = process.execArgv): ForkOptions {
  return { execArgv: withTypeScriptLoader(execArgv), env: { ...process.env, DATABASE_URL: databaseFile } };
}

/** `tsx workers/main.ts` and `node --import tsx` already pass tsx to children; a test runner does not. */
export function withTypeScriptLoader(execArgv: readonly string[]): string[] {
  const hasTsx = execArgv.some((a) => a === "tsx" || /[\\/]tsx[\\/]/.test(a));
  if (hasTsx) return [...execArgv];
  const loader = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  return [...execArgv, "--import", loader];
}
