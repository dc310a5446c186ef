/**
 * Takeover check of one official account, run by the daily watch: a fresh profile read (its
 * changes are kept by saveProfile), and when the platform says the handle was renamed, the account
 * is followed under its new handle (profile and posts by its platform id: an intruder's first move
 * is often the rename, and ingestion stops at a vanished handle). Then the signals are computed from
 * what is stored and written as governance flags (GUIDE-OFFICIAL) with their evidence and one
 * `account.takeover_suspected` event.
 */
import { AccountProtected, NotFound, type Connector, type Profile } from "../../connectors/types";
import { bahrainDay } from "../../core/calendar";
import { BASELINE_DAYS, takeoverRule, takeoverSignals, type TakeoverSignal } from "../../core/impersonation/takeover";
import { postsForTakeover, saveTakeoverFlags, type TakeoverFlag } from "../../db/impersonation";
import { loadWorkAccount, saveFetchCursor, saveProfile, type WorkAccount } from "../../db/ingest";
import { profileChangesOf } from "../../db/profile-changes";
import { refOf, subjectOf } from "../accounts";
import type { WorkerDeps } from "../deps";
import { bioFlagRows } from "../flag-rows";
import { persistPage } from "../jobs/fetch-posts";
import { markVanished } from "../vanished";

const DAY = 86_400_000;

/** The handle the platform last reported for a renamed account, if any. */
function renamedTo(deps: WorkerDeps, account: WorkAccount): string | null {
  const last = profileChangesOf(deps.db, account.id).filter((c) => c.field === "handle").pop();
  return last?.after ?? null;
}

function saveFresh(deps: WorkerDeps, account: WorkAccount, p: Profile): void {
  const bioFlags = p.bio ? bioFlagRows(deps.scorer, subjectOf(account), p.bio) : [];
  saveProfile(deps.db, account.id, p, { bioFlags, now: deps.clock() });
}

/** Reads the renamed account under its new handle: profile, then posts since its cursor. */
async function follow(deps: WorkerDeps, connector: Connector, account: WorkAccount, handle: string, opts: RefreshOptions): Promise<void> {
  const ref = { platform: account.platform, handle, platformId: account.platformId };
  const fetchPosts = opts.followPosts;
  opts.beforeProfileRead?.();
  saveFresh(deps, account, await connector.lookupProfile(ref));
  if (!fetchPosts || !account.platformId) return;
  let latest = account.lastPostAt ?? 0;
  const scope = { counts: { postsNew: 0, postsChanged: 0, postsDeleted: 0 }, days: new Set<string>() };
  const onPage = (posts: Parameters<typeof persistPage>[2]) => {
    const l = persistPage(deps, account, posts, scope);
    if (l !== null && l > latest) latest = l;
  };
  let pages = 0;
  const res = await connector.fetchPostsSince(ref, account.cursor, { onPage: (pg) => (pages++, onPage(pg.posts)) });
  if (pages === 0 && res.posts.length) onPage(res.posts);
  saveFetchCursor(deps.db, account.id, { cursor: res.cursor ?? account.cursor, lastPostAt: latest || null, now: deps.clock() });
}

/**
 * Refreshes what is stored about the account (profile, and for a renamed one its posts). Errors
 * other than NotFound/AccountProtected propagate (the caller notes them and moves on).
 */
export interface RefreshOptions {
  followPosts: boolean;
  /** Called before each profile read after the first (the watch reserves its budget there; it may throw). */
  beforeProfileRead?: () => void;
}

export async function refreshForTakeover(deps: WorkerDeps, connector: Connector, account: WorkAccount, opts: RefreshOptions): Promise<void> {
  if (account.status === "not_found") {
    const to = renamedTo(deps, account);
    if (to) await follow(deps, connector, account, to, opts);
    return;
  }
  try {
    saveFresh(deps, account, await connector.lookupProfile(refOf(account)));
  } catch (err) {
    if (err instanceof AccountProtected) return;
    if (!(err instanceof NotFound)) throw err;
    if (err.reason !== "renamed" || !err.currentHandle) return; // gone: ingestion confirms and marks it
    markVanished(deps, account, err);
    await follow(deps, connector, account, err.currentHandle, opts);
  }
}

/** The stored evidence since `windowStart` → flags, evidence and the event; returns how many flags were new. */
export function recordTakeoverSignals(deps: WorkerDeps, account: WorkAccount, windowStart: number, ownDomains: readonly string[] = account.entityDomains): { signals: TakeoverSignal[]; newFlags: number } {
  const now = deps.clock();
  const stored = loadWorkAccount(deps.db, account.id);
  const signals = takeoverSignals({
    now,
    windowStart,
    changes: profileChangesOf(deps.db, account.id),
    posts: postsForTakeover(deps.db, account.id, windowStart - BASELINE_DAYS * DAY, windowStart),
    ownDomains: [...new Set([...ownDomains, ...account.entityDomains])],
    bio: stored?.bio ?? account.bio,
  });
  if (!signals.length) return { signals, newFlags: 0 };
  const rows: TakeoverFlag[] = signals.map((s) => ({
    flag: {
      // One flag per signal and Bahrain day it happened: a later episode is a new flag.
      subjectKey: `takeover:${account.id}:${bahrainDay(s.at)}`,
      postId: null,
      accountId: account.id,
      entityId: account.entityId,
      ruleId: takeoverRule(s.signal),
      clauseId: "GUIDE-OFFICIAL",
      category: "governance",
      severity: s.severity,
      score: 1,
      spans: s.spans ?? [],
      policyVersion: deps.scorer.policyVersion,
    },
    evidence: { signal: s.signal, at: s.at, ...s.evidence },
  }));
  const first = Math.min(...signals.map((s) => s.at));
  const newFlags = saveTakeoverFlags(
    deps.db,
    rows,
    {
      accountId: account.id,
      entityId: account.entityId,
      platform: account.platform,
      handle: account.handle,
      day: bahrainDay(first),
      signals: signals.map((s) => s.signal),
      severity: signals.some((s) => s.severity === "critical") ? "critical" : "high",
    },
    now,
  );
  return { signals, newFlags };
}
