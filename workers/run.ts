/**
 * The frame every account processor runs in: a fetch_runs row from start to finish (outcome,
 * counts, error), the shared reactions to AuthFailed (account marked auth_failed), NotFound
 * (confirmed by a profile lookup before the account is marked) and AccountProtected (account marked
 * protected, nothing deleted, no retry), and the rethrow that lets the queue layer decide between
 * delay, retry and stop.
 */
import { AccountProtected, AuthFailed, NotFound, Transient, type Connector } from "../connectors/types";
import { finishFetchRun, recordFailedRun, startFetchRun, type FetchKind, type FetchOutcome, type RunCounts } from "../db/fetch-runs";
import { loadWorkAccount, setAccountStatus, type WorkAccount } from "../db/ingest";
import { UnknownPlatformError, type JobContext, type WorkerDeps } from "./deps";
import { messageOf, outcomeOf } from "./outcome";
import { gatedConnector } from "./rate-gate";
import { confirmNotFound, markVanished } from "./vanished";

export interface RunResult {
  outcome: Exclude<FetchOutcome, "running">;
  accountId: number;
  entityId: number | null;
  runId: number | null;
  counts: RunCounts;
  /** Bahrain days whose rollups this run may have changed. */
  days: string[];
  skipped?: string;
}

export interface RunScope {
  account: WorkAccount;
  connector: Connector;
  counts: RunCounts;
  days: Set<string>;
}

const SKIP_STATUSES = new Set(["archived", "not_found"]);

export async function runForAccount(
  deps: WorkerDeps,
  accountId: number,
  kind: FetchKind,
  ctx: JobContext,
  body: (scope: RunScope) => Promise<void>,
  opts: { includeNotFound?: boolean } = {},
): Promise<RunResult> {
  const counts: RunCounts = { postsNew: 0, postsChanged: 0, postsDeleted: 0 };
  const account = loadWorkAccount(deps.db, accountId);
  if (!account) return { outcome: "error", accountId, entityId: null, runId: null, counts, days: [], skipped: "no such account" };
  if (SKIP_STATUSES.has(account.status) && !(opts.includeNotFound && account.status === "not_found")) {
    return { outcome: "ok", accountId, entityId: account.entityId, runId: null, counts, days: [], skipped: `account is ${account.status}` };
  }

  let connector: Connector;
  try {
    connector = gatedConnector(deps.connectors(account.platform), deps.gate);
  } catch (err) {
    // Unknown platform (or a connector that cannot be built): recorded, never retried, never a crash.
    const error = err instanceof UnknownPlatformError ? err.message : messageOf(err);
    const runId = recordFailedRun(deps.db, { accountId, kind, jobId: ctx.jobId, outcome: "error", error, now: deps.clock() });
    deps.log.warn({ accountId, platform: account.platform }, error);
    return { outcome: "error", accountId, entityId: account.entityId, runId, counts, days: [], skipped: error };
  }

  const runId = startFetchRun(deps.db, { accountId, kind, jobId: ctx.jobId, now: deps.clock() });
  const days = new Set<string>();
  try {
    await body({ account, connector, counts, days });
    // Only a run that certainly called the platform proves the credential works again; only a
    // fetch of posts proves a protected account's posts are public again.
    const restores = kind === "posts" ? ["auth_failed", "dormant", "protected"] : kind === "profile" ? ["auth_failed", "dormant"] : [];
    if (restores.includes(account.status)) setAccountStatus(deps.db, account.id, "active", deps.clock());
    finishFetchRun(deps.db, runId, { outcome: "ok", counts, now: deps.clock() });
    return { outcome: "ok", accountId, entityId: account.entityId, runId, counts, days: [...days] };
  } catch (err) {
    const finish = (outcome: Exclude<FetchOutcome, "running">, error: string) =>
      finishFetchRun(deps.db, runId, { outcome, counts, error, now: deps.clock() });
    if (err instanceof AccountProtected) {
      // A state of the account, not a failure: keep what is stored, retry at the next period.
      finish(outcomeOf(err), messageOf(err));
      if (account.status !== "protected") setAccountStatus(deps.db, account.id, "protected", deps.clock());
      return { outcome: outcomeOf(err), accountId, entityId: account.entityId, runId, counts, days: [...days] };
    }
    if (err instanceof NotFound) {
      let confirmed: boolean;
      try {
        confirmed = await confirmNotFound(connector, account);
      } catch (confirmErr) {
        finish(outcomeOf(confirmErr), `${messageOf(err)}; confirming lookup failed: ${messageOf(confirmErr)}`);
        throw confirmErr;
      }
      if (confirmed) {
        finish("not_found", messageOf(err));
        markVanished(deps, account, err);
        return { outcome: "not_found", accountId, entityId: account.entityId, runId, counts, days: [...days] };
      }
      // The profile still resolves: a post-level 404 or a glitch. Retry later, do not mark.
      finish("not_found", `${messageOf(err)} (profile still resolves; not marked)`);
      throw new Transient(account.platform, `not found, but the profile still resolves: ${err.message}`);
    }
    finish(outcomeOf(err), messageOf(err));
    if (err instanceof AuthFailed) {
      setAccountStatus(deps.db, account.id, "auth_failed", deps.clock());
    }
    throw err;
  }
}
