/**
 * What the scheduler reads to decide what to fetch: the watched accounts with their recent posting
 * rate (the fan-out), and an entity's accounts for a backfill. The database, not Redis, is the
 * truth of what is due.
 */
import type { Db } from "./client";
import type { AccountClass, AccountStatus, Platform } from "../core/enums";

const DAY = 86_400_000;

export interface WatchedAccount {
  id: number;
  platform: string;
  class: AccountClass;
  status: AccountStatus;
  lastPostAt: number | null;
  /** Posts published in the last 7 days, per day. */
  postsPerDay: number;
}

/** Accounts that are watched (not archived, not vanished), with their recent posting rate. */
export function watchedAccounts(db: Db, now: number, accountIds?: readonly number[]): WatchedAccount[] {
  // Ids are numbers by type and by Number(): the filter is built, never bound from text.
  const filter = accountIds?.length ? `AND a.id IN (${accountIds.map(Number).join(",")})` : "";
  return db.$client
    .prepare<[number], WatchedAccount>(
      `SELECT a.id, a.platform, a.class, a.status, a.last_post_at AS lastPostAt,
              (SELECT count(*) FROM posts p WHERE p.account_id = a.id AND p.published_at >= ?) / 7.0 AS postsPerDay
       FROM accounts a WHERE a.status NOT IN ('archived', 'not_found') ${filter} ORDER BY a.id`,
    )
    .all(now - 7 * DAY);
}

export interface AccountToFetch {
  id: number;
  platform: Platform;
  handle: string;
}

/** An entity's accounts that are not archived, for a backfill; null when no entity has the slug. */
export function entityAccountsToFetch(db: Db, slug: string): { entityId: number; accounts: AccountToFetch[] } | null {
  const entity = db.$client.prepare<[string], { id: number }>("SELECT id FROM entities WHERE slug = ?").get(slug);
  if (!entity) return null;
  const accounts = db.$client
    .prepare<[number], AccountToFetch>("SELECT id, platform, handle FROM accounts WHERE entity_id = ? AND status != 'archived' ORDER BY id")
    .all(entity.id);
  return { entityId: entity.id, accounts };
}
