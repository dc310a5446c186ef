/**
 * Re-check the recent window (7 days) of one account by id: a post the platform no longer returns
 * is marked deleted (the by-id lookup is the confirmation), a changed text becomes a new version
 * and is rescored.
 */
import { bahrainDay } from "../../core/calendar";
import { markPostsDeleted, recentLivePosts } from "../../db/ingest";
import { refOf } from "../accounts";
import { type JobContext, type WorkerDeps } from "../deps";
import { runForAccount, type RunResult } from "../run";
import { persistPage } from "./fetch-posts";

export const RECHECK_WINDOW_MS = 7 * 86_400_000;
export const LOOKUP_BATCH = 100;

export interface RecheckData {
  accountId: number;
  windowMs?: number;
}

export async function recheckRecent(deps: WorkerDeps, data: RecheckData, ctx: JobContext = {}): Promise<RunResult> {
  return runForAccount(deps, data.accountId, "recheck", ctx, async (scope) => {
    const { account, connector } = scope;
    const since = deps.clock() - (data.windowMs ?? RECHECK_WINDOW_MS);
    const stored = recentLivePosts(deps.db, account.id, since);
    for (let i = 0; i < stored.length; i += LOOKUP_BATCH) {
      const batch = stored.slice(i, i + LOOKUP_BATCH);
      const found = await connector.lookupPosts(refOf(account), batch.map((p) => p.platformPostId), ctx.signal);
      const gone = batch.filter((p) => !found.has(p.platformPostId)).map((p) => p.platformPostId);
      if (gone.length) {
        scope.counts.postsDeleted += markPostsDeleted(deps.db, account.id, gone, deps.clock());
        scope.days.add(bahrainDay(deps.clock()));
      }
      const changed = batch.filter((p) => {
        const f = found.get(p.platformPostId);
        return f !== undefined && f.text !== p.text;
      });
      if (changed.length) persistPage(deps, account, changed.map((p) => found.get(p.platformPostId)!), scope);
    }
  });
}
