/**
 * The compliance score (design §4; documented with worked examples in docs/compliance-score.md).
 * Pure: takes daily rollup rows, returns the parts and the overall figure. No I/O, so reports,
 * workers and the app compute the very same numbers.
 */
import { isReviewDue, type Day } from "../calendar";

export type SeverityName = "low" | "medium" | "high" | "critical";

/** Weight of one open or confirmed flag, by severity. */
export const SEVERITY_WEIGHTS: Readonly<Record<SeverityName, number>> = Object.freeze({
  low: 1,
  medium: 2,
  high: 4,
  critical: 8,
});

/** Weighted flags per 100 posts at which the content score reaches 0 (linear in between). */
export const CONTENT_ZERO_AT = 20;

/** Weights of the overall score. They sum to 1; a part with no data is left out and the rest rescaled. */
export const OVERALL_WEIGHTS = Object.freeze({ content: 0.5, governance: 0.3, responsiveness: 0.2 });

export type PartName = keyof typeof OVERALL_WEIGHTS;

/**
 * What the score needs from one `entity_day_rollups` row, or from several days already summed in
 * SQL (a week of the comparison): then `flagsDue` is given and `day` is the latest of those days
 * with governance figures ("" when none).
 */
export interface DayFigures {
  day: Day;
  posts: number;
  /** Non-dismissed flags (post and profile flags) attributed to the day. */
  flags: number;
  /** Σ severity weight of non-dismissed post flags (the content numerator). */
  weightedFlags: number;
  openFlags: number;
  /** Flags raised that day (all statuses), reviewed at all, and reviewed within two working days. */
  flagsRaised: number;
  reviewed: number;
  reviewedOnTime: number;
  reviewSeconds: number;
  /** Only for summed days: their flags already due (otherwise decided here from `day` and today). */
  flagsDue?: number;
  controlsApplicable: number;
  controlsMet: number;
  byCategory?: Record<string, number>;
  bySeverity?: Record<string, number>;
  byClause?: Record<string, number>;
}

export function severityWeight(severity: string): number {
  return (SEVERITY_WEIGHTS as Record<string, number>)[severity] ?? 0;
}

/** Content: 100 × max(0, 1 − (weighted flags per 100 posts) ÷ CONTENT_ZERO_AT). Null with no posts. */
export function contentScore(posts: number, weightedFlags: number): number | null {
  if (posts <= 0) return null;
  const per100 = (weightedFlags / posts) * 100;
  return 100 * Math.max(0, 1 - per100 / CONTENT_ZERO_AT);
}

/** Governance: 100 × controls met ÷ controls applicable. Null when nothing applies. */
export function governanceScore(applicable: number, met: number): number | null {
  if (applicable <= 0) return null;
  return (100 * Math.min(met, applicable)) / applicable;
}

/** Responsiveness: 100 × flags reviewed on time ÷ flags due. Null when no flag is due. */
export function responsivenessScore(due: number, onTime: number): number | null {
  if (due <= 0) return null;
  return (100 * Math.min(onTime, due)) / due;
}

/** Weighted mean of the parts that have data; null when none has. */
export function overallScore(parts: Record<PartName, number | null>): number | null {
  let sum = 0;
  let weight = 0;
  for (const k of Object.keys(OVERALL_WEIGHTS) as PartName[]) {
    const v = parts[k];
    if (v === null || v === undefined) continue;
    sum += v * OVERALL_WEIGHTS[k];
    weight += OVERALL_WEIGHTS[k];
  }
  return weight > 0 ? sum / weight : null;
}

export interface PeriodTotals {
  posts: number;
  flags: number;
  weightedFlags: number;
  openFlags: number;
  flagsRaised: number;
  reviewed: number;
  reviewedOnTime: number;
  /** Flags whose review deadline has passed, or that were reviewed anyway: the responsiveness base. */
  flagsDue: number;
  reviewSeconds: number;
  /** Governance as of the last day of the period that has figures. */
  controlsApplicable: number;
  controlsMet: number;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  byClause: Record<string, number>;
}

function addInto(target: Record<string, number>, src: Record<string, number> | undefined): void {
  if (!src) return;
  for (const [k, v] of Object.entries(src)) target[k] = (target[k] ?? 0) + v;
}

// isReviewDue parses dates; the same (day, today) pairs recur for every entity, so memoise them.
const dueMemo = new Map<string, boolean>();
function dueOn(day: Day, today: Day): boolean {
  const k = `${day}|${today}`;
  let v = dueMemo.get(k);
  if (v === undefined) {
    if (dueMemo.size > 20_000) dueMemo.clear();
    v = isReviewDue(day, today);
    dueMemo.set(k, v);
  }
  return v;
}

export function emptyTotals(): PeriodTotals {
  return {
    posts: 0,
    flags: 0,
    weightedFlags: 0,
    openFlags: 0,
    flagsRaised: 0,
    reviewed: 0,
    reviewedOnTime: 0,
    flagsDue: 0,
    reviewSeconds: 0,
    controlsApplicable: 0,
    controlsMet: 0,
    byCategory: {},
    bySeverity: {},
    byClause: {},
  };
}

/**
 * Sums the days of a period (the one place the period sums are made: pages, comparison, reports).
 * `today` decides which unreviewed flags are already late.
 */
export function aggregate(rows: readonly DayFigures[], today: Day): PeriodTotals {
  const t = emptyTotals();
  let govDay = "";
  for (const r of rows) {
    t.posts += r.posts;
    t.flags += r.flags;
    t.weightedFlags += r.weightedFlags;
    t.openFlags += r.openFlags;
    t.flagsRaised += r.flagsRaised;
    t.reviewed += r.reviewed;
    t.reviewedOnTime += r.reviewedOnTime;
    t.reviewSeconds += r.reviewSeconds;
    t.flagsDue += r.flagsDue ?? (r.flagsRaised === r.reviewed ? r.reviewed : dueOn(r.day, today) ? r.flagsRaised : r.reviewed);
    if (r.controlsApplicable > 0 && r.day >= govDay) {
      govDay = r.day;
      t.controlsApplicable = r.controlsApplicable;
      t.controlsMet = r.controlsMet;
    }
    addInto(t.byCategory, r.byCategory);
    addInto(t.bySeverity, r.bySeverity);
    addInto(t.byClause, r.byClause);
  }
  return t;
}

export interface ScoreBreakdown {
  overall: number | null;
  content: number | null;
  governance: number | null;
  responsiveness: number | null;
  totals: PeriodTotals;
  /** Weighted flags per 100 posts (null without posts). */
  weightedPer100: number | null;
  /** Non-dismissed flags per 100 posts (null without posts). */
  flagsPer100: number | null;
}

export function scoreFromTotals(totals: PeriodTotals): ScoreBreakdown {
  const content = contentScore(totals.posts, totals.weightedFlags);
  const governance = governanceScore(totals.controlsApplicable, totals.controlsMet);
  const responsiveness = responsivenessScore(totals.flagsDue, totals.reviewedOnTime);
  return {
    overall: overallScore({ content, governance, responsiveness }),
    content,
    governance,
    responsiveness,
    totals,
    weightedPer100: totals.posts > 0 ? (totals.weightedFlags / totals.posts) * 100 : null,
    flagsPer100: totals.posts > 0 ? (totals.flags / totals.posts) * 100 : null,
  };
}

/** The score of any period (a week, four weeks …) from its daily rows. */
export function scorePeriod(rows: readonly DayFigures[], today: Day): ScoreBreakdown {
  return scoreFromTotals(aggregate(rows, today));
}

export interface WeekScore extends ScoreBreakdown {
  weekStart: Day;
}

/** Scores per week; `weekStarts` are Sundays, rows may cover any days (others are ignored). */
export function weeklyScores(rows: readonly DayFigures[], weekStarts: readonly Day[], today: Day): WeekScore[] {
  const buckets = new Map<Day, DayFigures[]>(weekStarts.map((w) => [w, []]));
  const sorted = [...weekStarts].sort();
  for (const r of rows) {
    // Find the week whose start is the greatest ≤ r.day, and only if r.day is within 7 days.
    let lo = 0;
    let hi = sorted.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] <= r.day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) continue;
    const ws = sorted[found];
    if (r.day < addDaysCheap(ws, 7)) buckets.get(ws)!.push(r);
  }
  return weekStarts.map((w) => ({ weekStart: w, ...scorePeriod(buckets.get(w)!, today) }));
}

function addDaysCheap(day: Day, n: number): Day {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Change between two figures (null when either is missing). */
export function delta(current: number | null, previous: number | null): number | null {
  return current === null || previous === null ? null : current - previous;
}

/** Display rounding used everywhere (one decimal would suggest false precision). */
export function roundScore(v: number | null): number | null {
  return v === null ? null : Math.round(v);
}
