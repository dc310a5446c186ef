/** Maps any error a processor sees to a fetch_runs outcome and a safe, short message. */
import { ConnectorError } from "../connectors/types";
import type { FetchOutcome } from "../db/fetch-runs";
import { UnknownPlatformError } from "./deps";

export function outcomeOf(err: unknown): Exclude<FetchOutcome, "running" | "ok"> {
  if (err instanceof ConnectorError) return err.kind;
  if (err instanceof UnknownPlatformError) return "error";
  return "error";
}

export function messageOf(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`.slice(0, 2000);
  return String(err).slice(0, 2000);
}
