/**
 * The report archive's rows (`reports`): one row per stored PDF version. The files themselves and
 * who may see them are reports/' business; this module only reads and writes the rows.
 */
import { and, desc, eq, isNull, max } from "drizzle-orm";
import type { Db } from "./client";
import type { EntityRef } from "./read/report-data";
import { entities, reports } from "./schema";
import { emitEvent } from "./alerts/events";

export type ReportRow = typeof reports.$inferSelect;
export type NewReportRow = Omit<typeof reports.$inferInsert, "id">;
export type ReportScope = ReportRow["scope"];

/** What identifies a report apart from its version. */
export type ReportKey = Pick<ReportRow, "scope" | "entityId" | "weekStart" | "locale">;

export function reportById(db: Db, id: number): ReportRow | undefined {
  return db.select().from(reports).where(eq(reports.id, id)).get();
}

/** The highest stored version of a report (0 when there is none). */
export function latestReportVersion(db: Db, key: ReportKey): number {
  const where = and(
    eq(reports.scope, key.scope),
    key.entityId === null ? isNull(reports.entityId) : eq(reports.entityId, key.entityId),
    eq(reports.weekStart, key.weekStart),
    eq(reports.locale, key.locale),
  );
  return db.select({ v: max(reports.version) }).from(reports).where(where).get()?.v ?? 0;
}

/**
 * Records a stored version; throws on a version another writer recorded first (unique index).
 * `announce` (the scheduled weekly batch) writes its `report.ready` outbox event in the same
 * transaction, so the report and its email commit together.
 */
export function insertReport(db: Db, row: NewReportRow, opts: { announce?: boolean } = {}): ReportRow {
  return db.transaction((tx) => {
    const stored = tx.insert(reports).values(row).returning().get();
    if (opts.announce) {
      emitEvent(db, {
        key: `report.ready:${stored.id}`,
        type: "report.ready",
        entityId: stored.entityId,
        reportId: stored.id,
        data: { scope: stored.scope, weekStart: stored.weekStart, locale: stored.locale },
        occurredAt: stored.generatedAt.getTime(),
      });
    }
    return stored;
  });
}

export interface ReportListRow {
  id: number;
  scope: ReportScope;
  entitySlug: string | null;
  entityNameAr: string | null;
  entityNameEn: string | null;
  weekStart: string;
  locale: ReportRow["locale"];
  version: number;
  pages: number | null;
  bytes: number;
  generatedAt: Date;
  generatedBy: string;
}

/** Newest weeks first; every report, or only one entity's own (never the CSB-wide ones). */
export function listReportRows(db: Db, onlyEntity: number | null, limit: number): ReportListRow[] {
  return db
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
    .where(onlyEntity === null ? undefined : and(eq(reports.scope, "entity"), eq(reports.entityId, onlyEntity)))
    .orderBy(desc(reports.weekStart), desc(reports.generatedAt), desc(reports.id))
    .limit(limit)
    .all();
}

/** The entities offered in the "generate" form: all of them by Arabic name, or only `only`. */
export function reportFormEntities(db: Db, only: number | null): EntityRef[] {
  const q = db.select({ id: entities.id, slug: entities.slug, nameAr: entities.nameAr, nameEn: entities.nameEn }).from(entities);
  return only === null ? q.orderBy(entities.nameAr).all() : q.where(eq(entities.id, only)).all();
}

/**
 * Keeps the newest `keep` versions of one report (scope, entity, week, locale) and deletes the
 * older rows, in one transaction; returns the deleted rows so the caller removes their files.
 */
export function pruneReportVersions(db: Db, key: ReportKey, keep: number): ReportRow[] {
  const where = and(
    eq(reports.scope, key.scope),
    key.entityId === null ? isNull(reports.entityId) : eq(reports.entityId, key.entityId),
    eq(reports.weekStart, key.weekStart),
    eq(reports.locale, key.locale),
  );
  return db.transaction((tx) => {
    // A report has a handful of versions: read them all, newest first, keep the first `keep`.
    const old = tx.select().from(reports).where(where).orderBy(desc(reports.version)).all().slice(keep);
    for (const r of old) tx.delete(reports).where(eq(reports.id, r.id)).run();
    return old;
  });
}
