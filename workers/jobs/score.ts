/**
 * Scoring of stored posts and profiles. New and changed posts are scored inside fetch's page
 * transaction (see fetch-posts.ts); this module scores by id and rescans after a policy change
 * (flags are keyed by policy version, so a rescore adds the new policy's flags alongside).
 */
import { insertFlags, type FlagRow } from "../../db/ingest";
import { loadAccount, subjectOf, type WorkAccount } from "../accounts";
import type { WorkerDeps } from "../deps";
import { bioFlagRows, postFlagRows } from "../flag-rows";

export interface ScoreData {
  postIds?: number[];
  accountIds?: number[];
}

type Deps = Pick<WorkerDeps, "db" | "clock" | "scorer">;

function accountCache(deps: Deps) {
  const m = new Map<number, WorkAccount | null>();
  return (id: number) => {
    if (!m.has(id)) m.set(id, loadAccount(deps.db, id));
    return m.get(id)!;
  };
}

/** Scores the given posts (current text) and profiles; returns the number of new flags. */
export function scoreItems(deps: Deps, data: ScoreData): number {
  const account = accountCache(deps);
  const rows: FlagRow[] = [];
  const stmt = deps.db.$client.prepare("SELECT id, account_id AS accountId, text FROM posts WHERE id = ?");
  for (const id of data.postIds ?? []) {
    const p = stmt.get(id) as { id: number; accountId: number; text: string } | undefined;
    const a = p && account(p.accountId);
    if (p && a) rows.push(...postFlagRows(deps.scorer, subjectOf(a), p.id, p.text));
  }
  for (const id of data.accountIds ?? []) {
    const a = account(id);
    if (a?.bio) rows.push(...bioFlagRows(deps.scorer, subjectOf(a), a.bio));
  }
  return insertFlags(deps.db, rows, deps.clock());
}

/**
 * Rescores every live post published since `since` and every profile, in batches (one transaction
 * each). Used after a policy change. `onProgress(done, total)` drives the CLI's progress bar.
 */
export function rescoreSince(
  deps: Deps,
  opts: { since: number; entityIds?: number[]; batch?: number; onProgress?: (done: number, total: number) => void },
): { posts: number; profiles: number; flags: number } {
  const c = deps.db.$client;
  const entityFilter = opts.entityIds?.length ? `AND a.entity_id IN (${opts.entityIds.map(Number).join(",")})` : "";
  const total =
    (c.prepare(`SELECT count(*) AS n FROM posts p JOIN accounts a ON a.id = p.account_id WHERE p.published_at >= ? AND p.deleted_at IS NULL ${entityFilter}`).get(opts.since) as { n: number }).n;
  const accountIds = (c.prepare(`SELECT a.id FROM accounts a WHERE a.bio IS NOT NULL ${entityFilter}`).all() as { id: number }[]).map((r) => r.id);
  const page = c.prepare(
    `SELECT p.id FROM posts p JOIN accounts a ON a.id = p.account_id
     WHERE p.published_at >= ? AND p.deleted_at IS NULL AND p.id > ? ${entityFilter} ORDER BY p.id LIMIT ?`,
  );
  const size = opts.batch ?? 500;
  let last = 0;
  let done = 0;
  let flags = 0;
  for (;;) {
    const ids = (page.all(opts.since, last, size) as { id: number }[]).map((r) => r.id);
    if (!ids.length) break;
    flags += c.transaction(() => scoreItems(deps, { postIds: ids }))();
    done += ids.length;
    last = ids[ids.length - 1];
    opts.onProgress?.(done, total + accountIds.length);
  }
  flags += scoreItems(deps, { accountIds });
  opts.onProgress?.(total + accountIds.length, total + accountIds.length);
  return { posts: done, profiles: accountIds.length, flags };
}
