/**
 * Week input validation shared by the CLI, routes and archive. Choice (docs/reports.md): a week is
 * named by its Sunday; any other date is refused with an error that names the Sunday to use,
 * rather than silently normalised (a report's file name and archive row must match what was asked).
 */
import { z } from "zod";
import { addDays, dayOfWeek, isDay, weekStart } from "../core/calendar";

const DAY_NAMES = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

export const weekSchema = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) {
      ctx.addIssue({ code: "custom", message: `week "${s}" is malformed: expected YYYY-MM-DD (the Sunday that starts the week)` });
    } else if (!isDay(s)) {
      ctx.addIssue({ code: "custom", message: `week "${s}" is not a real calendar date` });
    } else if (dayOfWeek(s) !== 0) {
      ctx.addIssue({
        code: "custom",
        message: `week "${s}" is a ${DAY_NAMES[dayOfWeek(s)]}; weeks run Sunday to Saturday (Asia/Bahrain) — use ${weekStart(s)}`,
      });
    }
  });

export class ReportInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ReportInputError";
  }
}

/** The validated Sunday, or a ReportInputError naming the problem. */
export function parseWeek(input: unknown): string {
  const r = weekSchema.safeParse(typeof input === "string" ? input : String(input ?? ""));
  if (!r.success) throw new ReportInputError(r.error.issues.map((i) => i.message).join("; "));
  return r.data;
}

export const localeSchema = z.enum(["ar", "en"]);

/** The week that ended most recently (what Sunday's scheduled run reports). */
export function lastCompleteWeek(now: number = Date.now()): string {
  return addDays(weekStart(now), -7);
}
