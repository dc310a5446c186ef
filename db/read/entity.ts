/** The entity overview's reads: its accounts, their open flags, its recent flagged posts. */
import type { Db } from "../client";
import { FLAG_COLUMNS, POST_COLUMNS, type FlaggedPostRow } from "../flags";
import { ACCOUNT_COLUMNS, type AccountRow } from "./governance";
import { prepared } from "./prepared";

/** Open flags per account of the entity (flags_entity_status_idx). */
export function openFlagsByAccount(db: Db, entityId: number): Map<number, number> {
  const rows = prepared<[number], [number, number]>(
    db,
    `SELECT account_id, count(*) FROM flags WHERE entity_id = ? AND status = 'open' GROUP BY account_id`,
  )
    .raw()
    .all(entityId);
  return new Map(rows);
}

/** The entity's accounts: official first, then executive, then employee; by platform and handle. */
export function entityAccounts(db: Db, entityId: number): AccountRow[] {
  return prepared<[number], AccountRow>(
    db,
    `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.entity_id = ?
      ORDER BY CASE a.class WHEN 'official' THEN 0 WHEN 'executive' THEN 1 ELSE 2 END, a.platform, a.handle`,
  ).all(entityId);
}

/** The newest 30 open and 30 confirmed post flags (index: entity_id, status, created_at), newest first. */
export function recentFlaggedPosts(db: Db, entityId: number): FlaggedPostRow[] {
  return prepared<[number, number], FlaggedPostRow>(
    db,
    `SELECT ${FLAG_COLUMNS}, ${POST_COLUMNS}, a.platform, a.handle
       FROM flags f JOIN posts p ON p.id = f.post_id JOIN accounts a ON a.id = f.account_id
      WHERE f.id IN (SELECT id FROM (SELECT id FROM flags WHERE entity_id = ? AND status = 'open' AND post_id IS NOT NULL ORDER BY created_at DESC LIMIT 30)
                     UNION SELECT id FROM (SELECT id FROM flags WHERE entity_id = ? AND status = 'confirmed' AND post_id IS NOT NULL ORDER BY created_at DESC LIMIT 30))
      ORDER BY f.created_at DESC`,
  ).all(entityId, entityId);
}
