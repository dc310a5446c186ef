/**
 * The records export of one account (app/lib/export/records.server.ts): every post with every
 * stored version and its deletion time, flags with their review decisions, the profile history,
 * the ownership history and the account's audit trail. Each read is one iterator over one joined
 * statement, ordered so that a post's versions (a flag's reviews) come together: run them on a
 * snapshot connection (db/snapshot.ts), one at a time.
 */
import type { Db } from "../client";
import { prepared } from "./prepared";

/** Instants in epoch ms; `to` exclusive. Null = unbounded. */
export interface RecordsRange {
  from: number | null;
  to: number | null;
}

const bounds = (col: string, r: RecordsRange): { sql: string; args: number[] } => {
  const sql: string[] = [];
  const args: number[] = [];
  if (r.from !== null) {
    sql.push(`${col} >= ?`);
    args.push(r.from);
  }
  if (r.to !== null) {
    sql.push(`${col} < ?`);
    args.push(r.to);
  }
  return { sql: sql.map((s) => ` AND ${s}`).join(""), args };
};

/** A post with one of its versions (version fields null when the post has no version rows). */
export interface PostVersionRow {
  postId: number;
  platformPostId: string;
  url: string | null;
  lang: string | null;
  publishedAt: number;
  firstSeenAt: number;
  lastSeenAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  currentVersion: number;
  currentText: string;
  version: number | null;
  text: string | null;
  seenAt: number | null;
}

/** Posts published in the range, by publication time, each followed by its versions in order. */
export function postVersionsIterate(db: Db, accountId: number, range: RecordsRange): IterableIterator<PostVersionRow> {
  const b = bounds("p.published_at", range);
  return prepared<number[], PostVersionRow>(
    db,
    `SELECT p.id AS postId, p.platform_post_id AS platformPostId, p.url, p.lang, p.published_at AS publishedAt, p.first_seen_at AS firstSeenAt,
            p.last_seen_at AS lastSeenAt, p.edited_at AS editedAt, p.deleted_at AS deletedAt, p.version AS currentVersion, p.text AS currentText,
            v.version, v.text, v.seen_at AS seenAt
       FROM posts p LEFT JOIN post_versions v ON v.post_id = p.id
      WHERE p.account_id = ?${b.sql} ORDER BY p.published_at, p.id, v.version`,
  ).iterate(accountId, ...b.args);
}

/** A flag with one of its reviews (review fields null for a flag never reviewed). */
export interface FlagReviewRow {
  flagId: number;
  postId: number | null;
  platformPostId: string | null;
  ruleId: string;
  clauseId: string;
  category: string;
  severity: string;
  score: number;
  spans: string;
  policyVersion: string;
  status: string;
  escalated: number;
  createdAt: number;
  reviewedAt: number | null;
  reviewId: number | null;
  decision: string | null;
  note: string | null;
  decidedAt: number | null;
  reviewerEmail: string | null;
  reviewerName: string | null;
}

/** Flags raised in the range (post and profile flags), oldest first, each followed by its reviews. */
export function flagReviewsIterate(db: Db, accountId: number, range: RecordsRange): IterableIterator<FlagReviewRow> {
  const b = bounds("f.created_at", range);
  return prepared<number[], FlagReviewRow>(
    db,
    `SELECT f.id AS flagId, f.post_id AS postId, p.platform_post_id AS platformPostId, f.rule_id AS ruleId, f.clause_id AS clauseId,
            f.category, f.severity, f.score, f.spans, f.policy_version AS policyVersion, f.status, f.escalated,
            f.created_at AS createdAt, f.reviewed_at AS reviewedAt,
            r.id AS reviewId, r.decision, r.note, r.at AS decidedAt, u.email AS reviewerEmail, u.name AS reviewerName
       FROM flags f LEFT JOIN posts p ON p.id = f.post_id LEFT JOIN reviews r ON r.flag_id = f.id LEFT JOIN users u ON u.id = r.user_id
      WHERE f.account_id = ?${b.sql} ORDER BY f.id, r.at, r.id`,
  ).iterate(accountId, ...b.args);
}

export interface ProfileVersionRow {
  id: number;
  seenAt: number;
  displayName: string | null;
  bio: string | null;
  profileUrl: string | null;
  avatarUrl: string | null;
  verified: number | null;
  contactLinks: string;
}

/** The platform profile as it changed, oldest first. */
export function profileVersionsIterate(db: Db, accountId: number, range: RecordsRange): IterableIterator<ProfileVersionRow> {
  const b = bounds("seen_at", range);
  return prepared<number[], ProfileVersionRow>(
    db,
    `SELECT id, seen_at AS seenAt, display_name AS displayName, bio, profile_url AS profileUrl, avatar_url AS avatarUrl, verified, contact_links AS contactLinks
       FROM account_profile_versions WHERE account_id = ?${b.sql} ORDER BY seen_at, id`,
  ).iterate(accountId, ...b.args);
}

export interface OwnershipRow {
  id: number;
  custodianName: string | null;
  custodianEmail: string | null;
  backupName: string | null;
  backupEmail: string | null;
  credentialCustody: string;
  twoFactor: string;
  recoveryContact: string | null;
  attestedAt: number | null;
  note: string | null;
  validFrom: number;
  validTo: number | null;
  changedByEmail: string | null;
}

/** Ownership records in force at any time in the range, oldest first. */
export function ownershipIterate(db: Db, accountId: number, range: RecordsRange): IterableIterator<OwnershipRow> {
  const args: number[] = [accountId];
  let sql = "";
  if (range.to !== null) {
    sql += " AND o.valid_from < ?";
    args.push(range.to);
  }
  if (range.from !== null) {
    sql += " AND (o.valid_to IS NULL OR o.valid_to >= ?)";
    args.push(range.from);
  }
  return prepared<number[], OwnershipRow>(
    db,
    `SELECT o.id, o.custodian_name AS custodianName, o.custodian_email AS custodianEmail, o.backup_name AS backupName, o.backup_email AS backupEmail,
            o.credential_custody AS credentialCustody, o.two_factor AS twoFactor, o.recovery_contact AS recoveryContact, o.attested_at AS attestedAt,
            o.note, o.valid_from AS validFrom, o.valid_to AS validTo, u.email AS changedByEmail
       FROM account_owners o LEFT JOIN users u ON u.id = o.changed_by WHERE o.account_id = ?${sql} ORDER BY o.valid_from, o.id`,
  ).iterate(...args);
}

export interface AccountAuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  targetType: string;
  targetId: string | null;
  before: string | null;
  after: string | null;
}

/**
 * Audit rows about the account and its ownership records (registry edits, imports, a vanished
 * handle, ownership changes, earlier records exports), oldest first.
 */
export function accountAuditIterate(db: Db, accountId: number, range: RecordsRange): IterableIterator<AccountAuditRow> {
  const b = bounds("at", range);
  return prepared<(string | number)[], AccountAuditRow>(
    db,
    `SELECT id, at, actor, action, target_type AS targetType, target_id AS targetId, before, after
       FROM audit_log
      WHERE ((target_type = 'account' AND target_id = ?)
         OR (target_type = 'account_owner' AND target_id IN (SELECT CAST(id AS TEXT) FROM account_owners WHERE account_id = ?)))${b.sql}
      ORDER BY at, id`,
  ).iterate(String(accountId), accountId, ...b.args);
}
