import { describe, expect, it } from "vitest";
import {
  aggregate,
  contentScore,
  governanceScore,
  overallScore,
  responsivenessScore,
  scorePeriod,
  weeklyScores,
  delta,
  roundScore,
  type DayFigures,
} from "../../core/compliance/formula";

const day = (d: string, over: Partial<DayFigures> = {}): DayFigures => ({
  day: d,
  posts: 0,
  flags: 0,
  weightedFlags: 0,
  openFlags: 0,
  flagsRaised: 0,
  reviewed: 0,
  reviewedOnTime: 0,
  reviewSeconds: 0,
  controlsApplicable: 0,
  controlsMet: 0,
  ...over,
});

describe("score parts (docs/compliance-score.md worked example)", () => {
  it("content: 240 posts, weighted 18 → 62.5", () => {
    expect(contentScore(240, 3 * 2 + 4 + 8)).toBeCloseTo(62.5, 10);
  });
  it("content: clean is 100, saturates at 0, no posts is null", () => {
    expect(contentScore(10, 0)).toBe(100);
    expect(contentScore(100, 20)).toBe(0);
    expect(contentScore(100, 500)).toBe(0);
    expect(contentScore(0, 0)).toBeNull();
  });
  it("governance: 46 of 52 → 88.46", () => {
    expect(governanceScore(52, 46)).toBeCloseTo(88.4615, 3);
    expect(governanceScore(0, 0)).toBeNull();
  });
  it("responsiveness: 6 of 8 → 75", () => {
    expect(responsivenessScore(8, 6)).toBe(75);
    expect(responsivenessScore(0, 0)).toBeNull();
  });
  it("overall: 72.79 → 73; without responsiveness 72.24 → 72", () => {
    const g = governanceScore(52, 46);
    const o = overallScore({ content: 62.5, governance: g, responsiveness: 75 })!;
    expect(o).toBeCloseTo(72.7885, 3);
    expect(roundScore(o)).toBe(73);
    const o2 = overallScore({ content: 62.5, governance: g, responsiveness: null })!;
    expect(o2).toBeCloseTo(72.2356, 3);
    expect(roundScore(o2)).toBe(72);
    expect(overallScore({ content: null, governance: null, responsiveness: null })).toBeNull();
  });
});

describe("periods from daily rows", () => {
  // Week of Sunday 2026-11-15; "today" is 2026-11-24 so every flag of that week is due.
  const rows = [
    day("2026-11-15", { posts: 100, weightedFlags: 10, flags: 3, flagsRaised: 5, reviewed: 4, reviewedOnTime: 3, controlsApplicable: 50, controlsMet: 40, byCategory: { hate: 1 } }),
    day("2026-11-18", { posts: 140, weightedFlags: 8, flags: 2, flagsRaised: 3, reviewed: 3, reviewedOnTime: 3, controlsApplicable: 52, controlsMet: 46, byCategory: { hate: 2, offensive: 1 } }),
    day("2026-11-21", { controlsApplicable: 0, controlsMet: 0 }),
  ];
  it("sums counts, takes governance as of the last day with figures", () => {
    const t = aggregate(rows, "2026-11-24");
    expect(t.posts).toBe(240);
    expect(t.weightedFlags).toBe(18);
    expect(t.controlsApplicable).toBe(52);
    expect(t.controlsMet).toBe(46);
    expect(t.flagsDue).toBe(8);
    expect(t.reviewedOnTime).toBe(6);
    expect(t.byCategory).toEqual({ hate: 3, offensive: 1 });
    const s = scorePeriod(rows, "2026-11-24");
    expect(s.content).toBeCloseTo(62.5, 10);
    expect(roundScore(s.overall)).toBe(73);
    expect(s.weightedPer100).toBeCloseTo(7.5, 10);
  });
  it("unreviewed flags count only once due", () => {
    // Flags raised Sunday 22 Nov; on Tuesday 24 Nov they are not due yet (due by end of Tuesday).
    const r = [day("2026-11-22", { flagsRaised: 4, reviewed: 1, reviewedOnTime: 1 })];
    expect(aggregate(r, "2026-11-24").flagsDue).toBe(1);
    expect(aggregate(r, "2026-11-25").flagsDue).toBe(4);
  });
  it("weekly buckets and delta", () => {
    const ws = weeklyScores([...rows, day("2026-11-22", { posts: 50 })], ["2026-11-15", "2026-11-22"], "2026-11-24");
    expect(ws.map((w) => w.totals.posts)).toEqual([240, 50]);
    expect(ws[1].content).toBe(100);
    expect(delta(ws[1].content, ws[0].content)).toBeCloseTo(37.5, 10);
    expect(delta(null, 3)).toBeNull();
  });
});
