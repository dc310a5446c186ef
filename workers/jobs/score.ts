/**
 * Scoring of stored posts and profiles. New and changed posts are scored inside fetch's page
 * transaction (see fetch-posts.ts); this module scores by id and rescans after a policy change
 * (flags are keyed by policy version, so a rescore adds the new policy's flags alongside).
 */
import { loadWorkAccount, type FlagRow } from "../../db/ingest";
import { accountIdsWithBio, countPostsToRescore, postIdPages, scoreStoredPosts } from "../../db/scoring";
import { subjectOf, type WorkAccount } from "../accounts";
import type { WorkerDeps } from "../deps";
import { bioFlagRows, postFlagRows } from "../flag-rows";

export interface ScoreData {
  postIds?: number[];
  accountIds?: number[];
}

/** A rescore after a policy change: live posts published since `since` (epoch ms) and every bio. */
export interface RescoreData {
  since: number;
  entityIds?: number[];
}

export interface RescoreResult {
  posts: number;
  profiles: number;
  flags: number;
}

type Deps = Pick<WorkerDeps, "db" | "clock" | "scorer">;

function accountCache(deps: Deps) {
  const m = new Map<number, WorkAccount | null>();
  return (id: number) => {
    if (!m.has(id)) m.set(id, loadWorkAccount(deps.db, id));
    return m.get(id)!;
  };
}

/** Scores the given posts (current text) and profiles; returns the number of new flags. */
export function scoreItems(deps: Deps, data: ScoreData): number {
  const account = accountCache(deps);
  return scoreStoredPosts(
    deps.db,
    data.postIds ?? [],
    (posts) => {
      const rows: FlagRow[] = [];
      for (const p of posts) {
        const a = account(p.accountId);
        if (a) rows.push(...postFlagRows(deps.scorer, subjectOf(a), p.id, p.text));
      }
      for (const id of data.accountIds ?? []) {
        const a = account(id);
        if (a?.bio) rows.push(...bioFlagRows(deps.scorer, subjectOf(a), a.bio));
      }
      return rows;
    },
    deps.clock(),
  );
}

/**
 * Rescores every live post published since `since` and every profile, in batches (one
 * transaction each). Used after a policy change. `onProgress(done, total)` drives the
 * CLI's progress bar and the rescore job's progress.
 */
export function rescoreSince(deps: Deps, opts: RescoreData & { batch?: number; onProgress?: (done: number, total: number) => void }): RescoreResult {
  const scope = { since: opts.since, entityIds: opts.entityIds };
  const total = countPostsToRescore(deps.db, scope);
  const accountIds = accountIdsWithBio(deps.db, scope);
  const nextPage = postIdPages(deps.db, scope);
  const size = opts.batch ?? 500;
  let last = 0;
  let done = 0;
  let flags = 0;
  for (;;) {
    const ids = nextPage(last, size);
    if (!ids.length) break;
    flags += scoreItems(deps, { postIds: ids });
    done += ids.length;
    last = ids[ids.length - 1];
    opts.onProgress?.(done, total + accountIds.length);
  }
  flags += scoreItems(deps, { accountIds });
  opts.onProgress?.(total + accountIds.length, total + accountIds.length);
  return { posts: done, profiles: accountIds.length, flags };
}
