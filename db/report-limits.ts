/**
 * Limits on on-demand report generation (issue 13 item 10): at most REPORT_GENERATIONS_PER_HOUR
 * requests per entity (the CSB-wide report counts as one more "entity") in any rolling hour,
 * whoever asks. Requests are counted from the audit log: the check and the `report.generate.request`
 * row are one IMMEDIATE transaction before the PDF is rendered, so concurrent requests (also from
 * other web processes) cannot all slip under the limit. A refusal is audited too
 * (`report.generate.refused`). The weekly batch is not limited (it runs once a week).
 */
import { and, asc, count, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { auditLog } from "./schema";
import { writeAudit } from "./audit";
import type { SessionUser } from "../core/access";

export const REPORT_GENERATIONS_PER_HOUR = 10;
const WINDOW_MS = 60 * 60 * 1000;

export interface GenerationRequest {
  user: SessionUser;
  scope: "entity" | "csb";
  /** Null for the CSB-wide report. */
  entityId: number | null;
  weekStart: string;
  locale: string;
}

export type Reservation = { ok: true } | { ok: false; retryAt: Date; limit: number };

export function reserveReportGeneration(db: Db, req: GenerationRequest, now = new Date(), limit = REPORT_GENERATIONS_PER_HOUR): Reservation {
  const since = new Date(now.getTime() - WINDOW_MS);
  const target = { targetType: "report", entityId: req.entityId, after: { scope: req.scope, weekStart: req.weekStart, locale: req.locale } };
  return db.transaction(
    (tx) => {
      const where = and(
        eq(auditLog.action, "report.generate.request"),
        req.entityId === null ? isNull(auditLog.entityId) : eq(auditLog.entityId, req.entityId),
        gt(auditLog.at, since),
      );
      const used = tx.select({ n: count() }).from(auditLog).where(where).get()?.n ?? 0;
      if (used >= limit) {
        const oldest = tx.select({ at: auditLog.at }).from(auditLog).where(where).orderBy(asc(auditLog.at)).limit(1).get();
        const retryAt = new Date((oldest?.at ?? now).getTime() + WINDOW_MS);
        writeAudit(tx, { user: req.user, action: "report.generate.refused", ...target, after: { ...target.after, limit, retryAt: retryAt.toISOString() } }, now);
        return { ok: false as const, retryAt, limit };
      }
      writeAudit(tx, { user: req.user, action: "report.generate.request", ...target }, now);
      return { ok: true as const };
    },
    { behavior: "immediate" },
  );
}
