/**
 * A handle the platform says is gone. It is marked not_found only after a confirming profile
 * lookup, and for an official account it is a takeover risk (vanished official handles have been
 * re-registered by others): an audit_log row and a critical governance flag.
 */
import { NotFound, type Connector } from "../connectors/types";
import { insertFlags, profileSubject } from "../db/ingest";
import type { WorkAccount } from "./accounts";
import { refOf, setAccountStatus } from "./accounts";
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
  const now = deps.clock();
  const db = deps.db;
  db.$client.transaction(() => {
    if (account.status !== "not_found") {
      setAccountStatus(db, account.id, "not_found", now);
      db.$client
        .prepare(
          `INSERT INTO audit_log (at, user_id, actor, action, target_type, target_id, entity_id, before, after)
           VALUES (?, NULL, 'system:workers', 'account.not_found', 'account', ?, ?, ?, ?)`,
        )
        .run(
          now,
          String(account.id),
          account.entityId,
          JSON.stringify({ status: account.status }),
          JSON.stringify({ status: "not_found", reason: err.reason, platform: account.platform, handle: account.handle }),
        );
    }
    if (account.class === "official") {
      insertFlags(
        db,
        [
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
        ],
        now,
      );
    }
  })();
  deps.log.warn({ accountId: account.id, platform: account.platform, handle: account.handle, reason: err.reason }, "account handle not found (confirmed)");
}
