/** A seeded demo world with twelve weeks of history, and the week a Sunday-08:00 run would report. */
import { seedHistory } from "../../db/demo/history";
import { seededDb } from "../helpers/db";
import type { Db } from "../../db/client";

/** Sunday 2026-11-15 08:00 Asia/Bahrain: the scheduled run that reports the week of 2026-11-08. */
export const NOW = Date.UTC(2026, 10, 15, 5, 0, 0);
export const WEEK = "2026-11-08";

export async function historyDb(name = "reports"): Promise<{ db: Db; path: string }> {
  const t = await seededDb(name);
  await seedHistory(t.db, { weeks: 12, now: NOW });
  return t;
}
