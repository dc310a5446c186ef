/** Who may see, download and generate which archived reports (via the one permission module). */
import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { entities, reports } from "../db/schema";
import { canSeeEntity, entityScope, isCsb, type SessionUser } from "../core/access";
import type { ReportRow } from "./archive";

/** CSB roles see every report; entity roles only their own entity's (never the CSB-wide one). */
export function canSeeReport(user: SessionUser, row: Pick<ReportRow, "scope" | "entityId">): boolean {
  if (row.scope === "csb") return isCsb(user);
  return row.entityId !== null && canSeeEntity(user, row.entityId);
}

/** csb_admin generates any report; a director only their own entity's. */
export function canGenerate(user: SessionUser, scope: "entity" | "csb", entityId: number | null): boolean {
  if (user.role === "csb_admin") return true;
  return user.role === "entity_director" && scope === "entity" && entityId !== null && user.entityId === entityId;
}

/** The report row if the user may see it; null for a hidden or missing id alike (the route answers 404). */
export function reportForUser(db: Db, user: SessionUser, id: string | undefined): ReportRow | null {
  if (!id || !/^\d{1,12}$/.test(id)) return null;
  const row = db.select().from(reports).where(eq(reports.id, Number(id))).get();
  return row && canSeeReport(user, row) ? row : null;
}

export interface ReportListItem {
  id: number;
  scope: "entity" | "csb";
  entitySlug: string | null;
  entityNameAr: string | null;
  entityNameEn: string | null;
  weekStart: string;
  locale: "ar" | "en";
  version: number;
  pages: number | null;
  bytes: number;
  generatedAt: number;
  generatedBy: string;
}

export function listReports(db: Db, user: SessionUser, limit = 200): ReportListItem[] {
  const scope = entityScope(user);
  const rows = db
    .select({
      id: reports.id,
      scope: reports.scope,
      entitySlug: entities.slug,
      entityNameAr: entities.nameAr,
      entityNameEn: entities.nameEn,
      weekStart: reports.weekStart,
      locale: reports.locale,
      version: reports.version,
      pages: reports.pages,
      bytes: reports.bytes,
      generatedAt: reports.generatedAt,
      generatedBy: reports.generatedBy,
    })
    .from(reports)
    .leftJoin(entities, eq(entities.id, reports.entityId))
    .where(scope === null ? undefined : and(eq(reports.scope, "entity"), eq(reports.entityId, scope)))
    .orderBy(desc(reports.weekStart), desc(reports.generatedAt), desc(reports.id))
    .limit(limit)
    .all();
  return rows.map((r) => ({ ...r, generatedAt: r.generatedAt.getTime() }));
}

/** Entities the user may generate reports for (for the form). */
export function generatableEntities(db: Db, user: SessionUser) {
  const q = db.select({ id: entities.id, slug: entities.slug, nameAr: entities.nameAr, nameEn: entities.nameEn }).from(entities);
  if (user.role === "csb_admin") return q.orderBy(entities.nameAr).all();
  if (user.role === "entity_director" && user.entityId !== null) return q.where(eq(entities.id, user.entityId)).all();
  return [];
}

export { lastCompleteWeek } from "./week";

