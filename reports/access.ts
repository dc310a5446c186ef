/** Who may see, download and generate which archived reports (via the one permission module). */
import type { Db } from "../db/client";
import type { EntityRef } from "../db/read/report-data";
import { listReportRows, reportById, reportFormEntities, type ReportListRow, type ReportRow, type ReportScope } from "../db/reports";
import { canSeeEntity, entityScope, isCsb, type SessionUser } from "../core/access";

/** CSB roles see every report; entity roles only their own entity's (never the CSB-wide one). */
export function canSeeReport(user: SessionUser, row: Pick<ReportRow, "scope" | "entityId">): boolean {
  if (row.scope === "csb") return isCsb(user);
  return row.entityId !== null && canSeeEntity(user, row.entityId);
}

/** csb_admin generates any report; a director only their own entity's. */
export function canGenerate(user: SessionUser, scope: ReportScope, entityId: number | null): boolean {
  if (user.role === "csb_admin") return true;
  return user.role === "entity_director" && scope === "entity" && entityId !== null && user.entityId === entityId;
}

/** The report row if the user may see it; null for a hidden or missing id alike (the route answers 404). */
export function reportForUser(db: Db, user: SessionUser, id: string | undefined): ReportRow | null {
  if (!id || !/^\d{1,12}$/.test(id)) return null;
  const row = reportById(db, Number(id));
  return row && canSeeReport(user, row) ? row : null;
}

/** A list row as the archive page shows it (JSON: the time as epoch ms). */
export type ReportListItem = Omit<ReportListRow, "generatedAt"> & { generatedAt: number };

export function listReports(db: Db, user: SessionUser, limit = 200): ReportListItem[] {
  return listReportRows(db, entityScope(user), limit).map((r) => ({ ...r, generatedAt: r.generatedAt.getTime() }));
}

/** Entities the user may generate reports for (for the form). */
export function generatableEntities(db: Db, user: SessionUser): EntityRef[] {
  if (user.role === "csb_admin") return reportFormEntities(db, null);
  if (user.role === "entity_director" && user.entityId !== null) return reportFormEntities(db, user.entityId);
  return [];
}

export { lastCompleteWeek } from "./week";
