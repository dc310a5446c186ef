/** The review queue's reads: open flags filtered and sorted, then one page of them in full. */
import type { Db } from "../client";
import type { AccountClass, Platform } from "../../core/enums";
import { FLAG_COLUMNS, type FlagRow } from "../flags";
import { placeholders, prepared } from "./prepared";

export interface QueueQuery {
  /** Only this entity's flags (an entity user's scope), or null. */
  scope: number | null;
  /** Only these entities' flags, or null for no such filter (an empty list matches nothing). */
  entityIds: readonly number[] | null;
  category: readonly string[];
  severity: readonly string[];
  clause: readonly string[];
  platform: readonly string[];
  class: readonly string[];
  escalated: "any" | "only" | "none";
  /** Only this flag. */
  flagId?: number;
  /** Raised at or after / before these instants. */
  raisedFrom?: number;
  raisedBefore?: number;
  sort: "newest" | "oldest" | "severity";
}

const SEVERITY_ORDER = `CASE f.severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END`;

/** FROM … WHERE … and ORDER BY of the open flags matching `q`, with their bound values. */
function queueSql(q: QueueQuery): { from: string; where: string; order: string; args: unknown[] } {
  const where: string[] = ["f.status = 'open'"];
  const args: unknown[] = [];
  const inList = (col: string, xs: readonly string[]) => {
    if (!xs.length) return;
    where.push(`${col} IN (${placeholders(xs.length)})`);
    args.push(...xs);
  };
  if (q.scope !== null) {
    where.push("f.entity_id = ?");
    args.push(q.scope);
  }
  if (q.entityIds) where.push(q.entityIds.length ? `f.entity_id IN (${q.entityIds.map(Number).join(",")})` : "0");
  inList("f.category", q.category);
  inList("f.severity", q.severity);
  inList("f.clause_id", q.clause);
  inList("a.platform", q.platform);
  inList("a.class", q.class);
  if (q.flagId !== undefined) {
    where.push("f.id = ?");
    args.push(q.flagId);
  }
  if (q.escalated === "only") where.push("f.escalated = 1");
  if (q.escalated === "none") where.push("f.escalated = 0");
  if (q.raisedFrom !== undefined) {
    where.push("f.created_at >= ?");
    args.push(q.raisedFrom);
  }
  if (q.raisedBefore !== undefined) {
    where.push("f.created_at < ?");
    args.push(q.raisedBefore);
  }
  const order = q.sort === "oldest" ? "f.created_at ASC" : q.sort === "severity" ? `${SEVERITY_ORDER}, f.created_at DESC` : "f.created_at DESC";
  // flags.account_id is NOT NULL with a foreign key, so the join never drops a row: only join when
  // filtering by account columns (the count over every open flag is then a covering-index count).
  const needAccount = q.platform.length > 0 || q.class.length > 0;
  return { from: `FROM flags f${needAccount ? " JOIN accounts a ON a.id = f.account_id" : ""} WHERE ${where.join(" AND ")}`, where: where.join(" AND "), order, args };
}

export function queueCount(db: Db, q: QueueQuery): number {
  const { from, args } = queueSql(q);
  return prepared<unknown[], number>(db, `SELECT count(*) ${from}`).pluck().get(...args) ?? 0;
}

/** Ids of one page of the queue, in its order. */
export function queuePageIds(db: Db, q: QueueQuery, limit: number, offset: number): number[] {
  const { from, order, args } = queueSql(q);
  return prepared<unknown[], number>(db, `SELECT f.id ${from} ORDER BY ${order} LIMIT ? OFFSET ?`).pluck().all(...args, limit, offset);
}

/** [id, raised at] of up to `limit` matching flags, in the queue's order (for filters SQL cannot do). */
export function queueCandidates(db: Db, q: QueueQuery, limit: number): [number, number][] {
  const { from, order, args } = queueSql(q);
  return prepared<unknown[], [number, number]>(db, `SELECT f.id, f.created_at ${from} ORDER BY ${order} LIMIT ${Number(limit)}`).raw().all(...args);
}

/** A queue item: the flag, its post (null fields for a profile flag), account and entity. */
export interface QueueItemRow extends FlagRow {
  text: string | null;
  url: string | null;
  publishedAt: number | null;
  deletedAt: number | null;
  platform: Platform;
  handle: string;
  accountClass: AccountClass;
  bio: string | null;
  entitySlug: string;
  entityNameAr: string;
  entityNameEn: string;
}

/** A queue item on the page: also what a takeover flag rests on beyond spans (JSON object), or null. */
export interface QueuePageRow extends QueueItemRow {
  evidence: string | null;
}

const ITEM_COLUMNS = `${FLAG_COLUMNS}, p.text, p.url, p.published_at AS publishedAt, p.deleted_at AS deletedAt, a.platform, a.handle,
            a.class AS accountClass, a.bio, e.slug AS entitySlug, e.name_ar AS entityNameAr, e.name_en AS entityNameEn`;
const ITEM_FROM = `FROM flags f JOIN accounts a ON a.id = f.account_id JOIN entities e ON e.id = f.entity_id LEFT JOIN posts p ON p.id = f.post_id`;

/** The flags with these ids, in the order of `ids`, with their evidence (the page shows it; exports do not). */
export function queueItems(db: Db, ids: readonly number[]): QueuePageRow[] {
  if (!ids.length) return [];
  const rows = prepared<[], QueuePageRow>(
    db,
    `SELECT ${ITEM_COLUMNS}, fe.evidence ${ITEM_FROM} LEFT JOIN flag_evidence fe ON fe.flag_id = f.id WHERE f.id IN (${ids.map(Number).join(",")})`,
  ).all();
  const pos = new Map(ids.map((id, i) => [id, i]));
  return rows.sort((a, b) => (pos.get(a.id) ?? 0) - (pos.get(b.id) ?? 0));
}

/**
 * Every flag matching `q`, in the queue's order, as full items (the queue's exports). An iterator:
 * run it on a snapshot connection (db/snapshot.ts) and close it when done, it holds the connection.
 */
export function queueItemsIterate(db: Db, q: QueueQuery): IterableIterator<QueueItemRow> {
  const { where, order, args } = queueSql(q);
  return prepared<unknown[], QueueItemRow>(db, `SELECT ${ITEM_COLUMNS} ${ITEM_FROM} WHERE ${where} ORDER BY ${order}`).iterate(...args);
}
