/** Scores for the screens from the daily rollups (the only source of score figures on page views). */
import type { Db } from "../../../db/client";
import { entityRollups } from "../../../db/read/rollups";
import { addDays, bahrainDay, lastWeeks, type Day } from "../../../core/calendar";
import { scorePeriod, weeklyScores, type ScoreBreakdown, type WeekScore } from "../../../core/compliance/formula";

export interface EntityScores {
  today: Day;
  weeks: WeekScore[];
  current: WeekScore;
  previous: WeekScore;
  /** The whole window (12 weeks) for counts by category and clause. */
  window: ScoreBreakdown;
}

export function entityScores(db: Db, entityId: number, now: number, nWeeks = 12): EntityScores {
  const today = bahrainDay(now);
  const weekStarts = lastWeeks(now, nWeeks);
  const rows = entityRollups(db, entityId, weekStarts[0], addDays(weekStarts[weekStarts.length - 1], 6));
  const weeks = weeklyScores(rows, weekStarts, today);
  return { today, weeks, current: weeks[weeks.length - 1], previous: weeks[weeks.length - 2], window: scorePeriod(rows, today) };
}
