/**
 * Runs a CSV import (db/import-accounts.ts) in a worker thread with its own SQLite connection, so a
 * 20,000-row validation does not hold the web server's event loop: other requests, /healthz
 * included, are answered meanwhile. All or nothing as before (one transaction in the thread). At
 * most MAX_THREADS imports run at once; more wait their turn.
 */
import { Worker } from "node:worker_threads";
import type { SessionUser } from "../core/access";
import type { ImportResult } from "./import-accounts";

export interface ImportJob {
  bytes: Uint8Array;
  actor: SessionUser | string;
  entitySlug?: string;
  dryRun?: boolean;
  charset?: string;
}

export interface ThreadJob extends ImportJob {
  /** The SQLite file the thread opens (never ":memory:"). */
  databaseFile: string;
}

const MAX_THREADS = 2;
// From source the thread registers tsx first (import-thread-boot.mjs); compiled (build/server.js,
// scripts/app-build.ts) the thread's own bundle sits next to the server's.
const THREAD_ENTRY = new URL(import.meta.url.endsWith(".ts") ? "./import-thread-boot.mjs" : "./import-thread-worker.js", import.meta.url);
let running = 0;
const waiting: (() => void)[] = [];

async function slot(): Promise<() => void> {
  if (running >= MAX_THREADS) await new Promise<void>((ok) => waiting.push(ok));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

export async function importAccountsInThread(job: ThreadJob): Promise<ImportResult> {
  const release = await slot();
  try {
    return await new Promise<ImportResult>((resolve, reject) => {
      const worker = new Worker(THREAD_ENTRY, { workerData: job });
      let settled = false;
      worker.once("message", (result: ImportResult) => {
        settled = true;
        resolve(result);
      });
      worker.once("error", (e) => {
        settled = true;
        reject(e);
      });
      worker.once("exit", (code) => {
        if (!settled) reject(new Error(`the import thread stopped (exit code ${code}) without an answer`));
      });
    });
  } finally {
    release();
  }
}
