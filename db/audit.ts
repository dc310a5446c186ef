/**
 * The one way the app records a write. Call it inside the same transaction as the write so the
 * audit row and the change commit (or roll back) together. The table is append-only (DB triggers).
 */
import { auditLog } from "./schema";
import type { Db } from "./client";
import type { SessionUser } from "../core/access";
import { prepared } from "./read/prepared";

/** A drizzle handle or a transaction of one: both expose `insert`. */
export type DbOrTx = Pick<Db, "insert">;

export interface AuditEntry {
  /** The signed-in user, or a system actor such as "system:cli". */
  user: SessionUser | string;
  action: string;
  targetType: string;
  targetId?: string | number | null;
  entityId?: number | null;
  before?: unknown;
  after?: unknown;
}

export function writeAudit(dbOrTx: DbOrTx, entry: AuditEntry, at: Date = new Date()): void {
  const [userId, actor] = typeof entry.user === "string" ? [null, entry.user] : [entry.user.id, entry.user.email];
  dbOrTx
    .insert(auditLog)
    .values({
      at,
      userId,
      actor,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId === undefined || entry.targetId === null ? null : String(entry.targetId),
      entityId: entry.entityId ?? null,
      before: entry.before === undefined ? null : entry.before,
      after: entry.after === undefined ? null : entry.after,
    })
    .run();
}

/** What the audit export selects: all optional; instants in epoch ms, `to` exclusive. */
export interface AuditFilter {
  entityId?: number;
  /** Exact actor (a user's email, or e.g. "system:workers"). */
  actor?: string;
  from?: number;
  to?: number;
}

/** An audit row for the export (JSON columns as stored text, the entity's slug joined). */
export interface AuditExportRow {
  id: number;
  at: number;
  actor: string;
  userId: number | null;
  action: string;
  targetType: string;
  targetId: string | null;
  entitySlug: string | null;
  before: string | null;
  after: string | null;
}

/** Audit rows matching `f`, oldest first. An iterator: run it on a snapshot (db/snapshot.ts). */
export function auditIterate(db: Db, f: AuditFilter): IterableIterator<AuditExportRow> {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (f.entityId !== undefined) {
    where.push("l.entity_id = ?");
    args.push(f.entityId);
  }
  if (f.actor !== undefined) {
    where.push("l.actor = ?");
    args.push(f.actor);
  }
  if (f.from !== undefined) {
    where.push("l.at >= ?");
    args.push(f.from);
  }
  if (f.to !== undefined) {
    where.push("l.at < ?");
    args.push(f.to);
  }
  return prepared<(string | number)[], AuditExportRow>(
    db,
    `SELECT l.id, l.at, l.actor, l.user_id AS userId, l.action, l.target_type AS targetType, l.target_id AS targetId, e.slug AS entitySlug, l.before, l.after
       FROM audit_log l LEFT JOIN entities e ON e.id = l.entity_id${where.length ? ` WHERE ${where.join(" AND ")}` : ""} ORDER BY l.at, l.id`,
  ).iterate(...args);
}
