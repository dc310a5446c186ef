/** "What to do next": recommendations derived from the report's own figures (pure, ordered by urgency). */
import type { EntityReportData, Recommendation } from "./types";

export const MAX_RECOMMENDATIONS = 6;

export function recommend(d: Omit<EntityReportData, "recommendations">): Recommendation[] {
  const out: Recommendation[] = [];
  if (!d.hasData) out.push({ key: "noData" });
  const serious = (d.bySeverity.critical ?? 0) + (d.bySeverity.high ?? 0);
  if (serious > 0) out.push({ key: "criticalFlags", n: serious });
  if (d.responsiveness.overdueOpen > 0) out.push({ key: "reviewOverdue", n: d.responsiveness.overdueOpen });
  else if (d.totals.openFlags > 0) out.push({ key: "reviewOpen", n: d.totals.openFlags });
  if (d.score.responsiveness !== null && d.score.responsiveness < 80) out.push({ key: "responsiveness" });
  const execFailing = d.executives.filter((x) => x.failing.length > 0).length;
  if (execFailing > 0) out.push({ key: "executives", n: execFailing });
  for (const c of d.failingControls.filter((c) => c.clause !== "GUIDE-EXEC").slice(0, 3))
    out.push({ key: "fixControl", n: c.accounts.length, title: c.title });
  if (out.length === 0) out.push({ key: "keepUp" });
  return out.slice(0, MAX_RECOMMENDATIONS);
}
