/**
 * Fetch new posts of one account since its cursor, persisting and scoring page by page (one
 * transaction per page, flags committed with their posts, so a crash never leaves a stored but
 * unscored post). Replays are harmless: the upsert is idempotent.
 */
import { bahrainDay } from "../../core/calendar";
import type { NormalizedPost } from "../../connectors/types";
import { ingestPage, insertFlags, saveFetchCursor } from "../../db/ingest";
import { refOf, subjectOf, type WorkAccount } from "../accounts";
import { type JobContext, type WorkerDeps } from "../deps";
import { runForAccount, type RunResult, type RunScope } from "../run";
import { postFlagRows } from "../flag-rows";

/** X lists an edited post's earlier ids (oldest first) in edit_history_tweet_ids. */
export function xPriorIds(p: NormalizedPost): string[] {
  const raw = p.raw as { edit_history_tweet_ids?: unknown; edit_history_post_ids?: unknown } | null;
  const chain = raw?.edit_history_tweet_ids ?? raw?.edit_history_post_ids;
  return Array.isArray(chain) ? chain.map(String).filter((id) => id !== p.platformPostId).reverse() : [];
}

export interface FetchPostsData {
  accountId: number;
}

/** Persists one page of posts for an account and scores what is new or changed. */
export function persistPage(deps: WorkerDeps, account: WorkAccount, posts: readonly NormalizedPost[], scope: Pick<RunScope, "counts" | "days">): number | null {
  const subject = subjectOf(account);
  const now = deps.clock();
  const r = ingestPage(deps.db, account, posts, {
    now,
    priorIdsOf: account.platform === "x" ? xPriorIds : undefined,
    onChanged: (changed) =>
      insertFlags(
        deps.db,
        changed.flatMap((c) => postFlagRows(deps.scorer, subject, c.postId, c.text)),
        now,
      ),
  });
  scope.counts.postsNew += r.new;
  scope.counts.postsChanged += r.changed;
  if (r.new + r.changed + r.restored > 0) {
    for (const p of posts) {
      const t = p.publishedAt instanceof Date ? p.publishedAt.getTime() : Number(p.publishedAt);
      if (Number.isFinite(t)) scope.days.add(bahrainDay(t));
    }
  }
  return r.latestPublishedAt;
}

export async function fetchPosts(deps: WorkerDeps, data: FetchPostsData, ctx: JobContext = {}): Promise<RunResult> {
  return runForAccount(deps, data.accountId, "posts", ctx, async (scope) => {
    const { account, connector } = scope;
    let latest = account.lastPostAt ?? 0;
    let pages = 0;
    const onPage = (posts: readonly NormalizedPost[]) => {
      pages++;
      const l = persistPage(deps, account, posts, scope);
      if (l !== null && l > latest) latest = l;
    };
    const res = await connector.fetchPostsSince(refOf(account), account.cursor, {
      onPage: (page) => onPage(page.posts),
      signal: ctx.signal,
    });
    // A connector that returns everything at once (no onPage) is persisted here; replays are no-ops.
    if (pages === 0 && res.posts.length) onPage(res.posts);
    saveFetchCursor(deps.db, account.id, { cursor: res.cursor ?? account.cursor, lastPostAt: latest || null, now: deps.clock() });
  });
}
