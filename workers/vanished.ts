/**
 * A handle the platform says is gone. It is marked not_found only after a confirming profile
 * lookup, and for an official account it is a takeover risk (vanished official handles have been
 * re-registered by others): an audit_log row and a critical governance flag.
 */
import { NotFound, type Connector } from "../connectors/types";
import { markAccountVanished, profileSubject, type FlagRow } from "../db/ingest";
import { refOf, type WorkAccount } from "./accounts";
import type { WorkerDeps } from "./deps";

export const VANISHED_RULE = "gov.official.handle-vanished";

/** True when a fresh profile lookup also says NotFound. Other errors propagate (retry later). */
export async function confirmNotFound(connector: Connector, account: WorkAccount): Promise<boolean> {
  try {
    await connector.lookupProfile(refOf(account));
    return false;
  } catch (err) {
    if (err instanceof NotFound) return true;
    throw err;
  }
}

export function markVanished(deps: WorkerDeps, account: WorkAccount, err: NotFound): void {
  const flags: FlagRow[] =
    account.class === "official"
      ? [
          {
            subjectKey: profileSubject(account.id),
            postId: null,
            accountId: account.id,
            entityId: account.entityId,
            ruleId: VANISHED_RULE,
            clauseId: "GUIDE-OFFICIAL",
            category: "governance",
            severity: "critical",
            score: 1,
            spans: [],
            policyVersion: deps.scorer.policyVersion,
          },
        ]
      : [];
  markAccountVanished(deps.db, account, { reason: err.reason, currentHandle: err.currentHandle, flags, now: deps.clock() });
  deps.log.warn({ accountId: account.id, platform: account.platform, handle: account.handle, reason: err.reason }, "account handle not found (confirmed)");
}
