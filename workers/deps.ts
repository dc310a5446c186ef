/**
 * What every processor needs, passed in explicitly so processors are plain functions that tests
 * (and the CLI) call without a queue: the database, a connector per platform, a clock, the rate
 * gate and a logger.
 */
import type { Db } from "../db/client";
import type { Connector, Platform } from "../connectors/types";
import type { RateGate } from "./rate-gate";
import type { Scorer } from "./flag-rows";

export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {}, debug() {} };

/** Returns the connector for a platform; throws for a platform it does not know. */
export type ConnectorFactory = (platform: Platform | string) => Connector;

export interface WorkerDeps {
  db: Db;
  connectors: ConnectorFactory;
  /** Epoch milliseconds; injected so tests and the sandbox can move time. */
  clock: () => number;
  gate: RateGate;
  scorer: Scorer;
  log: Logger;
}

export interface JobContext {
  jobId?: string | null;
  signal?: AbortSignal;
}

export class UnknownPlatformError extends Error {
  constructor(public readonly platform: string) {
    super(`no connector for platform "${platform}"`);
    this.name = "UnknownPlatformError";
  }
}

