/**
 * Profile history: each time a fresh profile read differs from the stored one in display name, bio
 * or links, a row per changed field (before → after); a rename the platform reports is a handle
 * row. Written in the same transaction as the profile itself. The takeover signals read them.
 */
import type { Db } from "./client";
import type { ProfileFieldName } from "../core/enums";

export interface ProfileChangeRow {
  at: number;
  field: ProfileFieldName;
  before: string | null;
  after: string | null;
}

interface StoredProfile {
  platform: string;
  displayName: string | null;
  bio: string | null;
  contactLinks: string;
  profileFetchedAt: number | null;
}

/** Links as a stable JSON text (sorted, de-duplicated), so order changes are not changes. */
export function linksText(links: readonly string[]): string {
  return JSON.stringify([...new Set(links)].sort());
}

function normalisedLinks(json: string): string {
  try {
    const v = JSON.parse(json) as unknown;
    return Array.isArray(v) ? linksText(v.filter((x): x is string => typeof x === "string")) : "[]";
  } catch {
    return "[]";
  }
}

/**
 * Records what changed between the stored profile and `next`. Nothing for a profile never read
 * before (the first read is the baseline) or for feeds (RSS has no profile of its own).
 * Call inside the transaction that writes `next`.
 */
export function recordProfileChanges(db: Db, accountId: number, next: { displayName: string | null; bio: string | null; contactLinks: readonly string[] }, now: number): number {
  const c = db.$client;
  const cur = c
    .prepare<[number], StoredProfile>("SELECT platform, display_name AS displayName, bio, contact_links AS contactLinks, profile_fetched_at AS profileFetchedAt FROM accounts WHERE id = ?")
    .get(accountId);
  if (!cur || cur.profileFetchedAt === null || cur.platform === "rss") return 0;
  const ins = c.prepare<[number, number, ProfileFieldName, string | null, string | null]>("INSERT INTO profile_changes (account_id, at, field, before, after) VALUES (?, ?, ?, ?, ?)");
  let n = 0;
  const diff = (field: ProfileFieldName, before: string | null, after: string | null) => {
    if ((before ?? "") === (after ?? "")) return;
    ins.run(accountId, now, field, before, after);
    n++;
  };
  diff("display_name", cur.displayName, next.displayName);
  diff("bio", cur.bio, next.bio);
  diff("links", normalisedLinks(cur.contactLinks), linksText(next.contactLinks));
  return n;
}

/** A rename the platform reported (the registry keeps the registered handle). */
export function recordHandleChange(db: Db, accountId: number, before: string, after: string, now: number): void {
  db.$client.prepare<[number, number, string, string]>("INSERT INTO profile_changes (account_id, at, field, before, after) VALUES (?, ?, 'handle', ?, ?)").run(accountId, now, before, after);
}

/** Every recorded change of an account, oldest first. */
export function profileChangesOf(db: Db, accountId: number): ProfileChangeRow[] {
  return db.$client
    .prepare<[number], ProfileChangeRow>("SELECT at, field, before, after FROM profile_changes WHERE account_id = ? ORDER BY at, id")
    .all(accountId);
}
