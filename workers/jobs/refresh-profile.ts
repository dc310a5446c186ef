/**
 * Daily profile refresh of one account: writes the profile fields to `accounts` and scores the bio
 * (flags keyed profile:<accountId>, once per rule and policy version).
 */
import { bahrainDay } from "../../core/calendar";
import { insertFlags } from "../../db/ingest";
import { refOf, subjectOf } from "../accounts";
import { type JobContext, type WorkerDeps } from "../deps";
import { runForAccount, type RunResult } from "../run";
import { bioFlagRows } from "../flag-rows";

export interface RefreshProfileData {
  accountId: number;
}

export async function refreshProfile(deps: WorkerDeps, data: RefreshProfileData, ctx: JobContext = {}): Promise<RunResult> {
  return runForAccount(deps, data.accountId, "profile", ctx, async ({ account, connector, days }) => {
    const p = await connector.lookupProfile(refOf(account), ctx.signal);
    const now = deps.clock();
    deps.db.$client.transaction(() => {
      deps.db.$client
        .prepare(
          `UPDATE accounts SET platform_id = COALESCE(?, platform_id), display_name = ?, bio = ?, profile_url = COALESCE(?, profile_url),
             avatar_url = ?, verified = ?, followers = ?, profile_created_at = COALESCE(?, profile_created_at), contact_links = ?,
             profile_fetched_at = ?, updated_at = ? WHERE id = ?`,
        )
        .run(
          p.platformId || null,
          p.displayName,
          p.bio,
          p.profileUrl,
          p.avatarUrl,
          p.verified === null ? null : p.verified ? 1 : 0,
          p.followers,
          p.createdAt ? p.createdAt.getTime() : null,
          JSON.stringify(p.contactLinks ?? []),
          now,
          now,
          account.id,
        );
      if (p.bio) insertFlags(deps.db, bioFlagRows(deps.scorer, subjectOf(account), p.bio), now);
    })();
    days.add(bahrainDay(now));
  });
}
