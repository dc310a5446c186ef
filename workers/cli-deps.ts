/**
 * Dependencies for the CLI commands, which run processors directly (no queue): the database from
 * --db or DATABASE_URL, connectors from AMANAH_CONNECTORS (JSON) or --sandbox <url>, an in-memory
 * rate gate, the scoring library, and a progress bar on stderr.
 */
import cliProgress from "cli-progress";
import { databasePath, openDb } from "../db/client";
import { configuredConnectors, connectorFactory } from "./connectors";
import { silentLogger, type WorkerDeps } from "./deps";
import { MemoryRateStore, RateGate } from "./rate-gate";
import { sandboxConnectorConfig } from "./sandbox-config";
import { libraryScorer } from "./scorer";

export interface CliDepsOptions {
  db?: string;
  sandbox?: string;
  igUserId?: string;
}

export function cliDeps(opts: CliDepsOptions): WorkerDeps {
  const db = openDb(databasePath(opts.db ?? process.env.DATABASE_URL));
  const config = opts.sandbox ? sandboxConnectorConfig(opts.sandbox, { igUserId: opts.igUserId }) : configuredConnectors(db);
  const clock = Date.now;
  const gate = new RateGate(new MemoryRateStore(), { clock });
  return { db, connectors: connectorFactory(config, gate), clock, gate, scorer: libraryScorer, log: silentLogger };
}

export function progressBar(label: string): cliProgress.SingleBar {
  return new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} {detail}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
    cliProgress.Presets.shades_classic,
  );
}
