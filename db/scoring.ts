/**
 * What the flag scorer reads back from storage: stored posts by id (the `score` job) and, after a
 * policy change, every live post since a date and every bio, page by page (the `rescore` job and
 * the CLI).
 */
import type Database from "better-sqlite3";
import type { Db } from "./client";
import { insertFlags, type FlagRow } from "./ingest";

export interface PostToScore {
  id: number;
  accountId: number;
  text: string;
}

const byIdCache = new WeakMap<Database.Database, Database.Statement<[number], PostToScore>>();

/** The current text of each stored post among `ids` (unknown ids are skipped), in the order asked. */
export function postsToScore(db: Db, ids: readonly number[]): PostToScore[] {
  let stmt = byIdCache.get(db.$client);
  if (!stmt) {
    stmt = db.$client.prepare<[number], PostToScore>("SELECT id, account_id AS accountId, text FROM posts WHERE id = ?");
    byIdCache.set(db.$client, stmt);
  }
  const out: PostToScore[] = [];
  for (const id of ids) {
    const p = stmt.get(id);
    if (p) out.push(p);
  }
  return out;
}

/**
 * Reads the stored posts `ids`, lets `score` turn them into flag rows and writes those, in one
 * transaction: a batch reads one snapshot under one lock, which also makes it faster. `score` may
 * read more (the posts' accounts) inside the same transaction. Returns how many flags were new.
 */
export function scoreStoredPosts(db: Db, ids: readonly number[], score: (posts: PostToScore[]) => FlagRow[], now: number): number {
  return db.$client.transaction(() => insertFlags(db, score(postsToScore(db, ids)), now))();
}

export interface RescoreScope {
  /** Live posts published at or after this instant (epoch ms). */
  since: number;
  /** Only these entities' accounts (default: all). */
  entityIds?: readonly number[];
}

// Entity ids are numbers by type and by Number(): the filter is built, never bound from text.
const entityFilter = (s: RescoreScope) => (s.entityIds?.length ? `AND a.entity_id IN (${s.entityIds.map(Number).join(",")})` : "");

/** How many live posts a rescore will score. */
export function countPostsToRescore(db: Db, scope: RescoreScope): number {
  return db.$client
    .prepare<[number], { n: number }>(
      `SELECT count(*) AS n FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.published_at >= ? AND p.deleted_at IS NULL ${entityFilter(scope)}`,
    )
    .get(scope.since)!.n;
}

/** Accounts with a bio, whose profile a rescore scores again. */
export function accountIdsWithBio(db: Db, scope: Pick<RescoreScope, "entityIds">): number[] {
  return db.$client
    .prepare<[], { id: number }>(`SELECT a.id FROM accounts a WHERE a.bio IS NOT NULL ${entityFilter({ since: 0, ...scope })}`)
    .all()
    .map((r) => r.id);
}

/** Returns a reader of the next page of live post ids (ascending) after a given id. */
export function postIdPages(db: Db, scope: RescoreScope): (afterId: number, limit: number) => number[] {
  const page = db.$client.prepare<[number, number, number], { id: number }>(
    `SELECT p.id FROM posts p JOIN accounts a ON a.id = p.account_id
     WHERE p.published_at >= ? AND p.deleted_at IS NULL AND p.id > ? ${entityFilter(scope)} ORDER BY p.id LIMIT ?`,
  );
  return (afterId, limit) => page.all(scope.since, afterId, limit).map((r) => r.id);
}

/** When the earliest live post a rescore touches was published (epoch ms), or null when none. */
export function firstPostToRescore(db: Db, scope: RescoreScope): number | null {
  return db.$client
    .prepare<[number], { t: number | null }>(
      `SELECT min(p.published_at) AS t FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.published_at >= ? AND p.deleted_at IS NULL ${entityFilter(scope)}`,
    )
    .get(scope.since)!.t;
}
