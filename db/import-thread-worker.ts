/** The worker thread of import-thread.ts: opens its own connection, imports, posts the result. */
import { parentPort, workerData } from "node:worker_threads";
import { closeDb, openDb } from "./client";
import { importAccounts } from "./import-accounts";
import type { ThreadJob } from "./import-thread";

const job = workerData as ThreadJob;
const db = openDb(job.databaseFile);
try {
  const result = await importAccounts(db, job.bytes, { actor: job.actor, entitySlug: job.entitySlug, dryRun: job.dryRun, charset: job.charset });
  parentPort?.postMessage(result);
} finally {
  closeDb(db);
}
