import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  bahrainDay,
  dayEnd,
  dayOfWeek,
  dayStart,
  eachDay,
  isDay,
  isReviewDue,
  isWorkingDay,
  lastWeeks,
  reviewDeadline,
  reviewedOnTime,
  weekEnd,
  weekStart,
  workingDaysBetween,
  BAHRAIN_OFFSET_SECONDS,
} from "../../core/calendar";
import { bahrainDay as formatBahrainDay } from "../../app/lib/format";

describe("Bahrain days and weeks", () => {
  it("an instant's day is the Bahrain day (UTC+3)", () => {
    expect(bahrainDay(Date.UTC(2026, 10, 21, 20, 59))).toBe("2026-11-21"); // 23:59 Saturday
    expect(bahrainDay(Date.UTC(2026, 10, 21, 21, 0))).toBe("2026-11-22"); // 00:00 Sunday
    expect(dayStart("2026-11-22")).toBe(Date.UTC(2026, 10, 21, 21, 0));
    expect(dayEnd("2026-11-21")).toBe(dayStart("2026-11-22"));
  });
  it("weeks run Sunday to Saturday in Asia/Bahrain", () => {
    expect(dayOfWeek("2026-11-22")).toBe(0);
    expect(weekStart("2026-11-24")).toBe("2026-11-22");
    expect(weekStart("2026-11-28")).toBe("2026-11-22"); // Saturday
    expect(weekStart("2026-11-22")).toBe("2026-11-22");
    expect(weekEnd("2026-11-22")).toBe("2026-11-28");
    // 23:30 UTC Saturday is already Sunday in Bahrain: a new week.
    expect(weekStart(Date.UTC(2026, 10, 28, 23, 30))).toBe("2026-11-29");
    expect(weekStart(Date.UTC(2026, 10, 28, 20, 30))).toBe("2026-11-22");
    expect(lastWeeks("2026-11-24", 3)).toEqual(["2026-11-08", "2026-11-15", "2026-11-22"]);
    // Across a year boundary.
    expect(weekStart("2027-01-01")).toBe("2026-12-27");
  });
  it("SQL offset agrees with the IANA zone", () => {
    const iana = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Bahrain", year: "numeric", month: "2-digit", day: "2-digit" });
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2027, 0, 1); t += 7 * 3_600_000 + 123_457) {
      expect(new Date(t + BAHRAIN_OFFSET_SECONDS * 1000).toISOString().slice(0, 10)).toBe(bahrainDay(t));
      expect(bahrainDay(t)).toBe(iana.format(t));
    }
    expect(bahrainDay(Date.UTC(2026, 5, 1, 22))).toBe(formatBahrainDay(Date.UTC(2026, 5, 1, 22)));
  });
  it("validates days", () => {
    expect(isDay("2026-02-29")).toBe(false);
    expect(isDay("2028-02-29")).toBe(true);
    expect(isDay("2026-1-01")).toBe(false);
    expect(() => weekStart("nope")).toThrow();
    expect(eachDay("2026-11-29", "2026-12-02")).toEqual(["2026-11-29", "2026-11-30", "2026-12-01", "2026-12-02"]);
  });
});

describe("working days (Sunday–Thursday)", () => {
  it("Friday and Saturday are the weekend", () => {
    expect(["2026-11-22", "2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26"].every(isWorkingDay)).toBe(true);
    expect(isWorkingDay("2026-11-27")).toBe(false);
    expect(isWorkingDay("2026-11-28")).toBe(false);
  });
  it("counts working days after a day", () => {
    expect(workingDaysBetween("2026-11-26", "2026-11-30")).toBe(2); // Thu → Mon: Sun, Mon
    expect(workingDaysBetween("2026-11-26", "2026-11-28")).toBe(0); // Thu → Sat
    expect(workingDaysBetween("2026-11-22", "2026-11-22")).toBe(0);
    expect(workingDaysBetween("2026-11-22", "2026-12-06")).toBe(10); // two weeks
    expect(workingDaysBetween("2026-11-30", "2026-11-22")).toBe(0);
    // Brute-force agreement over many pairs.
    const days = eachDay("2026-10-01", "2026-12-31");
    for (let i = 0; i < days.length; i += 3)
      for (let j = i; j < days.length; j += 5) {
        const brute = days.slice(i + 1, j + 1).filter(isWorkingDay).length;
        expect(workingDaysBetween(days[i], days[j])).toBe(brute);
      }
    expect(addWorkingDays("2026-11-26", 2)).toBe("2026-11-30");
  });
  it("two-working-day review deadline", () => {
    const thu = Date.UTC(2026, 10, 26, 12); // Thursday 15:00 Bahrain
    expect(reviewedOnTime(thu, Date.UTC(2026, 10, 30, 20, 59))).toBe(true); // Monday 23:59
    expect(reviewedOnTime(thu, Date.UTC(2026, 10, 30, 21, 0))).toBe(false); // Tuesday 00:00
    expect(reviewDeadline(thu)).toBe(dayStart("2026-12-01"));
    const fri = Date.UTC(2026, 10, 27, 9);
    expect(reviewedOnTime(fri, Date.UTC(2026, 10, 30, 10))).toBe(true);
    const sun = Date.UTC(2026, 10, 22, 7);
    expect(reviewedOnTime(sun, Date.UTC(2026, 10, 24, 18))).toBe(true);
    expect(reviewedOnTime(sun, Date.UTC(2026, 10, 25, 7))).toBe(false);
    expect(isReviewDue("2026-11-22", "2026-11-24")).toBe(false);
    expect(isReviewDue("2026-11-22", "2026-11-25")).toBe(true);
  });
});
