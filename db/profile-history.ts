/**
 * The platform profile's history (account_profile_versions): ingestion records a row whenever the
 * stored profile differs from the last row recorded, so records exports can show what a bio said
 * and when. Follower counts move on every fetch and are not history.
 */
import type { Db } from "./client";
import { prepared } from "./read/prepared";

/** The profile fields that make a version, as SQLite stores them. */
export interface ProfileVersionFields {
  displayName: string | null;
  bio: string | null;
  profileUrl: string | null;
  avatarUrl: string | null;
  verified: number | null;
  contactLinks: string;
}

const FIELDS = `display_name AS displayName, bio, profile_url AS profileUrl, avatar_url AS avatarUrl, verified, contact_links AS contactLinks`;

function same(a: ProfileVersionFields, b: ProfileVersionFields): boolean {
  return a.displayName === b.displayName && a.bio === b.bio && a.profileUrl === b.profileUrl && a.avatarUrl === b.avatarUrl && a.verified === b.verified && a.contactLinks === b.contactLinks;
}

/**
 * Records the account's current profile as a new version if it differs from the last one (call
 * it in the transaction that saved the profile). Returns whether a row was written.
 */
export function recordProfileVersion(db: Db, accountId: number, now: number): boolean {
  const current = prepared<[number], ProfileVersionFields>(db, `SELECT ${FIELDS} FROM accounts WHERE id = ?`).get(accountId);
  if (!current) return false;
  const last = prepared<[number], ProfileVersionFields>(db, `SELECT ${FIELDS} FROM account_profile_versions WHERE account_id = ? ORDER BY seen_at DESC, id DESC LIMIT 1`).get(accountId);
  if (last && same(last, current)) return false;
  prepared<[number, number, string | null, string | null, string | null, string | null, number | null, string]>(
    db,
    `INSERT INTO account_profile_versions (account_id, seen_at, display_name, bio, profile_url, avatar_url, verified, contact_links) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(accountId, now, current.displayName, current.bio, current.profileUrl, current.avatarUrl, current.verified, current.contactLinks);
  return true;
}
