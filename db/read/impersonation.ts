/**
 * Read models of the impersonation watch: an entity's candidates for the review page, the last run,
 * impostor counts per entity for the CSB comparison, the /verify look-up of a handle, the CLI list,
 * and the takeover flags and events of an account.
 */
import type { Db } from "../client";
import type { CandidateStatus, EventType, Platform } from "../../core/enums";
import { ALERT_THRESHOLD, type Reason } from "../../core/impersonation/score";
import { placeholders, prepared } from "./prepared";

/** A candidate row as the page and the CLI show it (SQLite: instants epoch ms, JSON as text). */
export interface CandidateRow {
  id: number;
  entityId: number;
  platform: Platform;
  handle: string;
  displayName: string | null;
  bio: string | null;
  profileUrl: string | null;
  links: string;
  profileCreatedAt: number | null;
  followers: number | null;
  score: number;
  reasons: string;
  status: CandidateStatus;
  firstSeenAt: number;
  lastSeenAt: number;
  alertedAt: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  reportedOn: string | null;
  note: string | null;
  imitatesId: number | null;
  imitatesPlatform: Platform | null;
  imitatesHandle: string | null;
  entitySlug: string;
}

const COLUMNS = `c.id, c.entity_id AS entityId, c.platform, c.handle, c.display_name AS displayName, c.bio, c.profile_url AS profileUrl,
  c.links, c.profile_created_at AS profileCreatedAt, c.followers, c.score, c.reasons, c.status, c.first_seen_at AS firstSeenAt,
  c.last_seen_at AS lastSeenAt, c.alerted_at AS alertedAt, c.decided_at AS decidedAt, u.email AS decidedBy, c.reported_on AS reportedOn,
  c.note, a.id AS imitatesId, a.platform AS imitatesPlatform, a.handle AS imitatesHandle, e.slug AS entitySlug`;
const FROM = `FROM impersonation_candidates c JOIN entities e ON e.id = c.entity_id
  LEFT JOIN accounts a ON a.id = c.imitates_account_id LEFT JOIN users u ON u.id = c.decided_by`;

export { CANDIDATE_VIEWS, type CandidateView } from "../../core/enums";
import type { CandidateView } from "../../core/enums";

/** An entity's candidates: open ones by score, decided ones by decision time. */
export function entityCandidates(db: Db, entityId: number, view: CandidateView, limit = 200): CandidateRow[] {
  const where = view === "open" ? "AND c.status = 'open'" : view === "decided" ? "AND c.status != 'open'" : "";
  const order = view === "decided" ? "c.decided_at DESC" : "c.score DESC, c.first_seen_at DESC";
  return prepared<[number, number], CandidateRow>(db, `SELECT ${COLUMNS} ${FROM} WHERE c.entity_id = ? ${where} ORDER BY ${order}, c.id LIMIT ?`).all(entityId, limit);
}

export function candidateById(db: Db, id: number): CandidateRow | undefined {
  return prepared<[number], CandidateRow>(db, `SELECT ${COLUMNS} ${FROM} WHERE c.id = ?`).get(id);
}

/** Counts for the page header: open above the threshold, open below, decided by kind. */
export function candidateCounts(db: Db, entityId: number): Record<"suspected" | "low" | "impostor" | "benign" | "ours", number> {
  const row = prepared<[number, number, number], { suspected: number; low: number; impostor: number; benign: number; ours: number }>(
    db,
    `SELECT coalesce(sum(status = 'open' AND score >= ?), 0) AS suspected, coalesce(sum(status = 'open' AND score < ?), 0) AS low,
            coalesce(sum(status = 'impostor'), 0) AS impostor, coalesce(sum(status = 'benign'), 0) AS benign, coalesce(sum(status = 'ours'), 0) AS ours
       FROM impersonation_candidates WHERE entity_id = ?`,
  ).get(ALERT_THRESHOLD, ALERT_THRESHOLD, entityId)!;
  return row;
}

export interface WatchRunRow {
  startedAt: number;
  finishedAt: number | null;
  outcome: string;
  found: number;
  candidates: number;
  alerts: number;
  takeoverFlags: number;
  spent: string;
  notes: string;
}

export function latestWatchRun(db: Db, entityId: number): WatchRunRow | undefined {
  return prepared<[number], WatchRunRow>(
    db,
    `SELECT started_at AS startedAt, finished_at AS finishedAt, outcome, found, candidates, alerts, takeover_flags AS takeoverFlags, spent, notes
       FROM impersonation_runs WHERE entity_id = ? ORDER BY started_at DESC, id DESC LIMIT 1`,
  ).get(entityId);
}

/** Per entity: candidates marked impostor, and open ones at or above the alert threshold. */
export function impostorCountsByEntity(db: Db): Map<number, { impostors: number; suspected: number }> {
  const rows = prepared<[number], { entityId: number; impostors: number; suspected: number }>(
    db,
    `SELECT entity_id AS entityId, sum(status = 'impostor') AS impostors, sum(status = 'open' AND score >= ?) AS suspected
       FROM impersonation_candidates GROUP BY entity_id`,
  ).all(ALERT_THRESHOLD);
  return new Map(rows.map((r) => [r.entityId, { impostors: r.impostors, suspected: r.suspected }]));
}

/** What /verify says of a handle that is not registered: the account it resembles and its entity. */
export interface ResemblanceRow {
  status: CandidateStatus;
  score: number;
  platform: Platform;
  handle: string;
  imitatesPlatform: Platform | null;
  imitatesHandle: string | null;
  entitySlug: string;
  entityNameAr: string;
  entityNameEn: string;
}

/** A candidate with this handle marked impostor, or open at or above the threshold (best first). */
export function resemblance(db: Db, platforms: readonly Platform[], handle: string): ResemblanceRow | undefined {
  if (!platforms.length) return undefined;
  return prepared<unknown[], ResemblanceRow>(
    db,
    `SELECT c.status, c.score, c.platform, c.handle, a.platform AS imitatesPlatform, a.handle AS imitatesHandle,
            e.slug AS entitySlug, e.name_ar AS entityNameAr, e.name_en AS entityNameEn
       FROM impersonation_candidates c JOIN entities e ON e.id = c.entity_id LEFT JOIN accounts a ON a.id = c.imitates_account_id
      WHERE c.platform IN (${placeholders(platforms.length)}) AND c.handle = ? AND (c.status = 'impostor' OR (c.status = 'open' AND c.score >= ?))
      ORDER BY c.status = 'impostor' DESC, c.score DESC LIMIT 1`,
  ).get(...platforms, handle.toLowerCase(), ALERT_THRESHOLD);
}

export interface CandidateListRow {
  platform: Platform;
  handle: string;
  imitates: string | null;
  entitySlug: string;
  score: number;
  status: CandidateStatus;
  reasons: Reason[];
}

/** Current candidates (not decided benign or ours), best first, for the CLI. */
export function currentCandidates(db: Db, opts: { entityId?: number; minScore?: number } = {}): CandidateListRow[] {
  const rows = prepared<[number | null, number | null, number], Omit<CandidateListRow, "reasons"> & { reasons: string }>(
    db,
    `SELECT c.platform, c.handle, a.handle AS imitates, e.slug AS entitySlug, c.score, c.status, c.reasons
       FROM impersonation_candidates c JOIN entities e ON e.id = c.entity_id LEFT JOIN accounts a ON a.id = c.imitates_account_id
      WHERE c.status IN ('open', 'impostor') AND (? IS NULL OR c.entity_id = ?) AND c.score >= ?
      ORDER BY e.slug, c.score DESC, c.platform, c.handle`,
  ).all(opts.entityId ?? null, opts.entityId ?? null, opts.minScore ?? 0);
  return rows.map((r) => ({ ...r, reasons: JSON.parse(r.reasons) as Reason[] }));
}

/** Rule ids of an account's open takeover flags, and how many takeover events name the account. */
export function takeoverOf(db: Db, accountId: number): { rules: string[]; events: number } {
  const rules = prepared<[number], string>(db, "SELECT DISTINCT rule_id FROM flags WHERE account_id = ? AND rule_id LIKE 'gov.official.takeover.%' ORDER BY rule_id").pluck().all(accountId);
  const events = prepared<[number], number>(db, "SELECT count(*) FROM events WHERE type = 'account.takeover_suspected' AND account_id = ?").pluck().get(accountId) ?? 0;
  return { rules, events };
}

/** Events of a type (the outbox), oldest first. */
export function eventsOfType(db: Db, type: EventType): { key: string; entityId: number | null; accountId: number | null; data: string }[] {
  return prepared<[string], { key: string; entityId: number | null; accountId: number | null; data: string }>(
    db,
    "SELECT key, entity_id AS entityId, account_id AS accountId, data FROM events WHERE type = ? ORDER BY id",
  ).all(type);
}

/** Candidates whose platform and handle are in the registry (the watch must never store one). */
export function registeredCandidateCount(db: Db): number {
  return prepared<[], number>(db, "SELECT count(*) FROM impersonation_candidates c JOIN accounts a ON a.platform = c.platform AND a.handle = c.handle").pluck().get() ?? 0;
}

/** Units the watch spent per platform, all days together. */
export function budgetTotals(db: Db): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of prepared<[], { platform: string; units: number }>(db, "SELECT platform, sum(units) AS units FROM impersonation_budget GROUP BY platform").all()) out[r.platform] = r.units;
  return out;
}
