/**
 * Daily profile refresh of one account: writes the profile fields to `accounts` and scores the bio
 * (flags keyed profile:<accountId>, once per rule and policy version).
 */
import { bahrainDay } from "../../core/calendar";
import { saveProfile } from "../../db/ingest";
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
    const bioFlags = p.bio ? bioFlagRows(deps.scorer, subjectOf(account), p.bio) : [];
    saveProfile(deps.db, account.id, p, { bioFlags, now });
    days.add(bahrainDay(now));
  });
}
