/**
 * The weekly report's read model: rollup figures, the registry as of a moment, and the week's
 * flags, read with raw SQL (prepared once per handle) for speed. Rows are returned as SQLite gives
 * them (booleans 0/1, times epoch ms) unless noted; reports/data.ts turns them into the report.
 */
import type { AccountClass, AccountStatus, Category, FlagStatus, Platform, RegistryStatus, Severity } from "../../core/enums";
import type { DayFigures } from "../../core/compliance/formula";
import type { GovernanceAccountRow, GovernanceOwner } from "../../core/governance";
import type { Db } from "../client";
import { perHandle } from "../per-handle";
import { ROLLUP_COLUMNS, type StoredRollupRow } from "../rollups";
import { OWNER_COLUMNS, governanceOwner, type OwnerRow } from "./governance";
import type { EntityRef } from "./entities";

export type { EntityRef };

/** A registry account with what its governance controls and the report's tables need. */
export interface ReportAccountRow extends GovernanceAccountRow {
  id: number;
  platform: Platform;
  handle: string;
  class: AccountClass;
  status: AccountStatus;
  registryStatus: RegistryStatus;
  verified: number | null;
  verificationRequested: number;
  holderName: string | null;
  holderTitle: string | null;
}

/** One non-dismissed flag on a post, with the post and its account, as the report lists it. */
export interface ReportFlagRow {
  postId: number;
  accountId: number;
  platform: Platform;
  handle: string;
  url: string | null;
  text: string;
  publishedAt: number;
  deletedAt: number | null;
  category: Category;
  clauseId: string;
  severity: Severity;
  score: number;
  /** The evidence spans as stored (JSON text): parsed only for the posts the report shows. */
  spans: string;
  status: FlagStatus;
  escalated: number;
}


const ENTITY_REF = `SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities`;

const statements = perHandle((db: Db) => {
  const s = db.$client;
  return {
    entityById: s.prepare<[number], EntityRef>(`${ENTITY_REF} WHERE id = ?`),
    entityBySlug: s.prepare<[string], EntityRef>(`${ENTITY_REF} WHERE slug = ?`),
    entities: s.prepare<[], EntityRef>(`${ENTITY_REF} ORDER BY id`),
    allRollups: s.prepare<[string, string], StoredRollupRow>(`SELECT ${ROLLUP_COLUMNS} FROM entity_day_rollups WHERE day >= ? AND day <= ? ORDER BY entity_id, day`),
    emailDomains: s.prepare<[number], { d: string }>(`SELECT email_domains AS d FROM entities WHERE id = ?`),
    accounts: s.prepare<[number], ReportAccountRow>(
      `SELECT id, platform, handle, class, status, registry_status AS registryStatus, verified, verification_requested AS verificationRequested,
              bio, linked_official_account_id AS linkedOfficialAccountId, managed_by AS managedBy, handover_plan AS handoverPlan,
              holder_name AS holderName, holder_title AS holderTitle
         FROM accounts WHERE entity_id = ? AND status != 'archived' AND registry_status != 'archived'
        ORDER BY CASE class WHEN 'official' THEN 0 WHEN 'executive' THEN 1 ELSE 2 END, platform, handle`,
    ),
    // The record valid at `asOf`; failing that the newest one that had started; failing that the first one.
    ownerAsOf: s.prepare<[number, number, number, number], OwnerRow>(
      `SELECT ${OWNER_COLUMNS}
         FROM account_owners WHERE account_id = ?
        ORDER BY (valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)) DESC, (valid_from <= ?) DESC, valid_from DESC, id DESC LIMIT 1`,
    ),
    lastPost: s.prepare<[number, number], { t: number | null }>(`SELECT max(published_at) AS t FROM posts WHERE account_id = ? AND published_at < ?`),
    flaggedPosts: s.prepare<[number, number, number], ReportFlagRow>(
      `SELECT p.id AS postId, a.id AS accountId, a.platform, a.handle, p.url, p.text, p.published_at AS publishedAt, p.deleted_at AS deletedAt,
              f.category, f.clause_id AS clauseId, f.severity, f.score, f.spans, f.status, f.escalated
         FROM flags f JOIN posts p ON p.id = f.post_id JOIN accounts a ON a.id = p.account_id
        WHERE f.entity_id = ? AND f.status != 'dismissed' AND p.published_at >= ? AND p.published_at < ?`,
    ),
    // A profile flag has no post: it counts at its creation time.
    flagsPerAccount: s.prepare<[number, number, number], { a: number; n: number }>(
      `SELECT f.account_id AS a, count(*) AS n FROM flags f LEFT JOIN posts p ON p.id = f.post_id
        WHERE f.entity_id = ? AND f.status != 'dismissed'
          AND COALESCE(p.published_at, f.created_at) >= ? AND COALESCE(p.published_at, f.created_at) < ?
        GROUP BY f.account_id`,
    ),
    openUnreviewed: s.prepare<[number, number], { c: number }>(
      `SELECT f.created_at AS c FROM flags f
        WHERE f.entity_id = ? AND f.status = 'open' AND f.reviewed_at IS NULL AND f.created_at < ?
          AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.flag_id = f.id)`,
    ),
  };
});

// ---- entities ---------------------------------------------------------------------------------

export function entityRef(db: Db, id: number): EntityRef | undefined {
  return statements(db).entityById.get(id);
}

export function entityRefBySlug(db: Db, slug: string): EntityRef | undefined {
  return statements(db).entityBySlug.get(slug);
}

/** Every entity, by id. */
export function entityRefs(db: Db): EntityRef[] {
  return statements(db).entities.all();
}

/** The entity's official email domains (empty when unknown). */
export function entityEmailDomains(db: Db, entityId: number): string[] {
  const row = statements(db).emailDomains.get(entityId);
  return JSON.parse(row?.d || "[]") as string[];
}

// ---- rollups ----------------------------------------------------------------------------------

const jsonCounts = (s: string): Record<string, number> => {
  try {
    return JSON.parse(s) as Record<string, number>;
  } catch {
    return {};
  }
};

/** Rollup rows of the given entities (all when null) and days, grouped by entity, oldest day first. */
export function rollupFigures(db: Db, entityIds: number[] | null, from: string, to: string): Map<number, DayFigures[]> {
  const rows = entityIds
    ? db.$client
        .prepare<[string, string], StoredRollupRow>(
          `SELECT ${ROLLUP_COLUMNS} FROM entity_day_rollups WHERE day >= ? AND day <= ? AND entity_id IN (${entityIds.map(Number).join(",") || "NULL"}) ORDER BY entity_id, day`,
        )
        .all(from, to)
    : statements(db).allRollups.all(from, to);
  const out = new Map<number, DayFigures[]>();
  for (const r of rows) {
    let list = out.get(r.entityId);
    if (!list) out.set(r.entityId, (list = []));
    list.push({ ...r, byCategory: jsonCounts(r.byCategory), bySeverity: jsonCounts(r.bySeverity), byClause: jsonCounts(r.byClause) });
  }
  return out;
}

// ---- registry as of a moment ------------------------------------------------------------------

/** The entity's accounts not archived: official first, then executive, then employee. */
export function reportAccounts(db: Db, entityId: number): ReportAccountRow[] {
  return statements(db).accounts.all(entityId);
}

/** The account's ownership record as it stood at `asOf` (epoch ms), or null when it has none. */
export function ownerAsOf(db: Db, accountId: number, asOf: number): GovernanceOwner | null {
  return governanceOwner(statements(db).ownerAsOf.get(accountId, asOf, asOf, asOf));
}

/** When the account last posted before `before` (epoch ms), or null. */
export function lastPostBefore(db: Db, accountId: number, before: number): number | null {
  return statements(db).lastPost.get(accountId, before)?.t ?? null;
}

// ---- the week's flags -------------------------------------------------------------------------

/** Non-dismissed flags on posts published in [from, to) (one row per flag). */
export function flaggedPostRows(db: Db, entityId: number, from: number, to: number): ReportFlagRow[] {
  return statements(db).flaggedPosts.all(entityId, from, to);
}

/** Non-dismissed flags per account raised for [from, to): by the post's time, else the flag's. */
export function flagsPerAccount(db: Db, entityId: number, from: number, to: number): Map<number, number> {
  return new Map(statements(db).flagsPerAccount.all(entityId, from, to).map((r) => [r.a, r.n]));
}

/** Creation times of the open flags raised before `before` that nobody has reviewed. */
export function openUnreviewedFlagTimes(db: Db, entityId: number, before: number): number[] {
  return statements(db).openUnreviewed.all(entityId, before).map((r) => r.c);
}
