/**
 * The one way the app records a write. Call it inside the same transaction as the write so the
 * audit row and the change commit (or roll back) together. The table is append-only (DB triggers).
 */
import { auditLog } from "./schema";
import type { Db } from "./client";
import type { SessionUser } from "../core/access";

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
