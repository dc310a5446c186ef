/**
 * The impersonation watch's storage: what it watches (an entity's registered accounts and names),
 * the registry it must not flag, candidates (upserted with their score; the first time one scores
 * above the alert threshold an `impersonation.suspected` event is written in the same
 * transaction), the watch runs, the per-platform budget ledger, review decisions (audited), and the
 * takeover flags with their evidence and `account.takeover_suspected` event.
 */
import type { Db } from "./client";
import type { SessionUser } from "../core/access";
import type { AccountClass, AccountStatus, CandidateStatus, Platform, WatchOutcome } from "../core/enums";
import { ALERT_THRESHOLD, type Reason } from "../core/impersonation/score";
import { writeAudit } from "./audit";
import { emitImpersonationSuspected, emitTakeoverSuspected, type SuspectedTakeover } from "./impersonation-events";
import { insertFlags, type FlagRow } from "./ingest";
import { prepared } from "./read/prepared";

// ---- what the watch reads ------------------------------------------------------------------------

export interface WatchEntity {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  website: string | null;
  emailDomains: string[];
}

export interface WatchAccount {
  id: number;
  platform: Platform;
  handle: string;
  platformId: string | null;
  class: AccountClass;
  status: AccountStatus;
  displayName: string | null;
}

/** The entity and its registered (not archived) official and executive accounts, or undefined. */
export function watchedEntity(db: Db, entityId: number): { entity: WatchEntity; accounts: WatchAccount[] } | undefined {
  const e = prepared<[number], Omit<WatchEntity, "emailDomains"> & { emailDomains: string }>(
    db,
    "SELECT id, slug, name_ar AS nameAr, name_en AS nameEn, website, email_domains AS emailDomains FROM entities WHERE id = ?",
  ).get(entityId);
  if (!e) return undefined;
  let emailDomains: string[] = [];
  try {
    emailDomains = JSON.parse(e.emailDomains) as string[];
  } catch {
    /* malformed: none */
  }
  const accounts = prepared<[number], WatchAccount>(
    db,
    `SELECT id, platform, handle, platform_id AS platformId, class, status, display_name AS displayName FROM accounts
      WHERE entity_id = ? AND class IN ('official', 'executive') AND registry_status != 'archived' ORDER BY class DESC, id`,
  ).all(entityId);
  return { entity: { ...e, emailDomains }, accounts };
}

/** Entities with at least one registered, not archived account: what the daily watch covers. */
export function entitiesToWatch(db: Db): number[] {
  return prepared<[], number>(db, "SELECT DISTINCT entity_id FROM accounts WHERE registry_status != 'archived' ORDER BY entity_id").pluck().all();
}

/**
 * Every handle and platform id the registry holds on a platform (any entity, any registry status),
 * and the handles its accounts were renamed to: ours.
 */
export function registryIndex(db: Db, platform: Platform): { handles: Set<string>; ids: Set<string> } {
  const rows = prepared<[Platform], { handle: string; platformId: string | null }>(db, "SELECT handle, platform_id AS platformId FROM accounts WHERE platform = ?").all(platform);
  const renamed = prepared<[Platform], string>(
    db,
    "SELECT DISTINCT lower(c.after) FROM profile_changes c JOIN accounts a ON a.id = c.account_id WHERE a.platform = ? AND c.field = 'handle' AND c.after IS NOT NULL",
  )
    .pluck()
    .all(platform);
  return { handles: new Set([...rows.map((r) => r.handle.toLowerCase()), ...renamed]), ids: new Set(rows.flatMap((r) => (r.platformId ? [r.platformId] : []))) };
}

// ---- runs and budget -----------------------------------------------------------------------------

/** When the entity's last finished watch started (the takeover window opens there). */
export function lastWatchStart(db: Db, entityId: number): number | null {
  return prepared<[number], number>(db, "SELECT max(started_at) FROM impersonation_runs WHERE entity_id = ? AND outcome IN ('ok', 'partial')").pluck().get(entityId) ?? null;
}

/** How many watches of the entity have finished: the search rotation's position. */
export function watchRunCount(db: Db, entityId: number): number {
  return prepared<[number], number>(db, "SELECT count(*) FROM impersonation_runs WHERE entity_id = ? AND outcome IN ('ok', 'partial')").pluck().get(entityId) ?? 0;
}

export function startWatchRun(db: Db, entityId: number, jobId: string | null, now: number): number {
  return prepared<[number, string | null, number], number>(db, "INSERT INTO impersonation_runs (entity_id, job_id, started_at) VALUES (?, ?, ?) RETURNING id").pluck().get(entityId, jobId, now)!;
}

export interface WatchRunResult {
  outcome: Exclude<WatchOutcome, "running">;
  found: number;
  candidates: number;
  alerts: number;
  takeoverFlags: number;
  spent: Record<string, number>;
  notes: string[];
  error?: string | null;
}

export function finishWatchRun(db: Db, runId: number, r: WatchRunResult, now: number): void {
  prepared<[number, string, number, number, number, number, string, string, string | null, number]>(
    db,
    `UPDATE impersonation_runs SET finished_at = ?, outcome = ?, found = ?, candidates = ?, alerts = ?, takeover_flags = ?, spent = ?, notes = ?, error = ? WHERE id = ?`,
  ).run(now, r.outcome, r.found, r.candidates, r.alerts, r.takeoverFlags, JSON.stringify(r.spent), JSON.stringify(r.notes), r.error ?? null, runId);
}

/**
 * Reserves `cost` units of a platform's budget day, atomically: false (and nothing reserved) when
 * the units already spent plus `cost` would exceed `cap`.
 */
export function reserveBudget(db: Db, platform: Platform, day: string, cost: number, cap: number): boolean {
  if (cost > cap) return false;
  const c = db.$client;
  return c.transaction(() => {
    c.prepare<[Platform, string]>("INSERT INTO impersonation_budget (platform, day, units) VALUES (?, ?, 0) ON CONFLICT DO NOTHING").run(platform, day);
    return c.prepare<[number, Platform, string, number, number]>("UPDATE impersonation_budget SET units = units + ? WHERE platform = ? AND day = ? AND units + ? <= ?").run(cost, platform, day, cost, cap).changes === 1;
  }).immediate();
}

export function budgetSpent(db: Db, platform: Platform, day: string): number {
  return prepared<[Platform, string], number>(db, "SELECT units FROM impersonation_budget WHERE platform = ? AND day = ?").pluck().get(platform, day) ?? 0;
}

// ---- candidates ------------------------------------------------------------------------------------

export interface CandidateInput {
  entityId: number;
  platform: Platform;
  handle: string;
  platformId: string | null;
  displayName: string | null;
  bio: string | null;
  profileUrl: string | null;
  links: string[];
  profileCreatedAt: number | null;
  followers: number | null;
  imitatesAccountId: number | null;
  score: number;
  reasons: Reason[];
}

interface CandidateState {
  id: number;
  status: CandidateStatus;
  alertedAt: number | null;
}

/**
 * Inserts or refreshes a candidate. The first time an open candidate scores at or above the alert
 * threshold, `alerted_at` is set and an `impersonation.suspected` event written, in the same
 * transaction. Returns whether the row is new and whether it alerted now.
 */
export function saveCandidate(db: Db, c: CandidateInput, now: number, imitates: { accountId: number; handle: string } | null): { id: number; created: boolean; alerted: boolean } {
  const cx = db.$client;
  return cx.transaction(() => {
    const cur = cx
      .prepare<[number, Platform, string], CandidateState>("SELECT id, status, alerted_at AS alertedAt FROM impersonation_candidates WHERE entity_id = ? AND platform = ? AND handle = ?")
      .get(c.entityId, c.platform, c.handle);
    const values = [c.platformId, c.displayName, c.bio, c.profileUrl, JSON.stringify(c.links), c.profileCreatedAt, c.followers, c.imitatesAccountId, c.score, JSON.stringify(c.reasons)] as const;
    let id: number;
    if (cur) {
      id = cur.id;
      cx.prepare(
        `UPDATE impersonation_candidates SET platform_id = ?, display_name = ?, bio = ?, profile_url = ?, links = ?, profile_created_at = ?, followers = ?,
           imitates_account_id = ?, score = ?, reasons = ?, last_seen_at = ? WHERE id = ?`,
      ).run(...values, now, id);
    } else {
      id = cx
        .prepare<unknown[], { id: number }>(
          `INSERT INTO impersonation_candidates (platform_id, display_name, bio, profile_url, links, profile_created_at, followers, imitates_account_id, score, reasons,
             entity_id, platform, handle, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        )
        .get(...values, c.entityId, c.platform, c.handle, now, now)!.id;
    }
    const status = cur?.status ?? "open";
    let alerted = false;
    if (c.score >= ALERT_THRESHOLD && status === "open" && !cur?.alertedAt) {
      cx.prepare<[number, number]>("UPDATE impersonation_candidates SET alerted_at = ? WHERE id = ?").run(now, id);
      alerted = emitImpersonationSuspected(
        db,
        { candidateId: id, entityId: c.entityId, platform: c.platform, handle: c.handle, score: c.score, imitates: imitates ? { accountId: imitates.accountId, handle: imitates.handle } : null, reasons: c.reasons.map((r) => r.code) },
        now,
      );
    }
    return { id, created: !cur, alerted };
  })();
}

/** What a decision checks before it writes. */
export interface CandidateRef {
  id: number;
  entityId: number;
  platform: Platform;
  handle: string;
  status: CandidateStatus;
  reportedOn: string | null;
  note: string | null;
}

export function candidateRef(db: Db, id: number): CandidateRef | undefined {
  return prepared<[number], CandidateRef>(
    db,
    "SELECT id, entity_id AS entityId, platform, handle, status, reported_on AS reportedOn, note FROM impersonation_candidates WHERE id = ?",
  ).get(id);
}

export interface CandidateDecision {
  status: Exclude<CandidateStatus, "open">;
  reportedOn: string | null;
  note: string | null;
}

/** A decision changed under the reviewer (someone else decided meanwhile): nothing was written. */
export class CandidateChanged extends Error {
  constructor(public readonly candidateId: number) {
    super(`candidate ${candidateId}: changed meanwhile`);
  }
}

/** Records a review decision with its audit row, in one transaction (only if the row is as read). */
export function decideCandidate(db: Db, user: SessionUser, before: CandidateRef, d: CandidateDecision, now: number): void {
  db.transaction((tx) => {
    const changed = db.$client
      .prepare<[CandidateStatus, string | null, string | null, number, number, number, CandidateStatus]>(
        "UPDATE impersonation_candidates SET status = ?, reported_on = ?, note = ?, decided_at = ?, decided_by = ? WHERE id = ? AND status = ?",
      )
      .run(d.status, d.reportedOn, d.note, now, user.id, before.id, before.status).changes;
    if (changed !== 1) throw new CandidateChanged(before.id);
    writeAudit(
      tx,
      {
        user,
        action: `impersonation.${d.status}`,
        targetType: "impersonation_candidate",
        targetId: before.id,
        entityId: before.entityId,
        before: { status: before.status, reportedOn: before.reportedOn, note: before.note },
        after: { status: d.status, reportedOn: d.reportedOn, note: d.note, platform: before.platform, handle: before.handle },
      },
      new Date(now),
    );
  });
}

// ---- takeover -------------------------------------------------------------------------------------

export interface TakeoverPostRow {
  publishedAt: number;
  lang: string | null;
  deletedAt: number | null;
}

/** Posts published since `from`, and those deleted after `deletedSince` (the takeover window). */
export function postsForTakeover(db: Db, accountId: number, from: number, deletedSince: number): TakeoverPostRow[] {
  return prepared<[number, number, number], TakeoverPostRow>(
    db,
    `SELECT published_at AS publishedAt, lang, deleted_at AS deletedAt FROM posts
      WHERE account_id = ? AND (published_at >= ? OR deleted_at > ?) ORDER BY published_at`,
  ).all(accountId, from, deletedSince);
}

export interface TakeoverFlag {
  flag: FlagRow;
  evidence: Record<string, unknown>;
}

/**
 * Writes takeover flags (once per subject, rule and policy version) with their evidence, and when
 * any is new the account's `account.takeover_suspected` event, in one transaction. Returns how
 * many flags were new.
 */
export function saveTakeoverFlags(db: Db, rows: readonly TakeoverFlag[], event: SuspectedTakeover | null, now: number): number {
  const cx = db.$client;
  return cx.transaction(() => {
    let n = 0;
    const idOf = cx.prepare<[string, string, string], number>("SELECT id FROM flags WHERE subject_key = ? AND rule_id = ? AND policy_version = ?").pluck();
    const ev = cx.prepare<[number, string]>("INSERT INTO flag_evidence (flag_id, evidence) VALUES (?, ?) ON CONFLICT DO NOTHING");
    for (const r of rows) {
      if (insertFlags(db, [r.flag], now) === 0) continue;
      n++;
      const id = idOf.get(r.flag.subjectKey, r.flag.ruleId, r.flag.policyVersion);
      if (id !== undefined) ev.run(id, JSON.stringify(r.evidence));
    }
    if (n > 0 && event) emitTakeoverSuspected(db, event, now);
    return n;
  })();
}
