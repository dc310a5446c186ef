/** Roll up per entity per Bahrain day (db/rollups.ts does the work; this names the job). */
import { recomputeEntityDay } from "../../db/rollups";
import type { WorkerDeps } from "../deps";

export interface RollupData {
  entityId: number;
  days: string[];
}

export function rollupEntityDays(deps: Pick<WorkerDeps, "db" | "clock">, data: RollupData): number {
  const days = [...new Set(data.days)].filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d)).sort();
  for (const day of days) recomputeEntityDay(deps.db, data.entityId, day, deps.clock());
  return days.length;
}
