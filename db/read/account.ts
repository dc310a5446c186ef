/** The account page's reads: the account, its flags, edited and deleted posts, fetch runs. */
import type { Db } from "../client";
import type { FETCH_KINDS, FETCH_OUTCOMES, Platform } from "../../core/enums";
import { FLAG_COLUMNS, POST_COLUMNS, type FlagRow, type FlaggedPostRow } from "../flags";
import { ACCOUNT_COLUMNS, type AccountRow } from "./governance";
import { prepared } from "./prepared";

export function accountById(db: Db, accountId: number): AccountRow | undefined {
  return prepared<[number], AccountRow>(db, `SELECT ${ACCOUNT_COLUMNS} FROM accounts a WHERE a.id = ?`).get(accountId);
}

/** Flags of the account's newest 60 flagged posts, with their post, newest first. */
export function accountPostFlags(db: Db, account: { id: number; platform: Platform; handle: string }): FlaggedPostRow[] {
  return prepared<[Platform, string, number], FlaggedPostRow>(
    db,
    `SELECT ${FLAG_COLUMNS}, ${POST_COLUMNS}, ? AS platform, ? AS handle FROM flags f JOIN posts p ON p.id = f.post_id
      WHERE f.id IN (SELECT id FROM flags WHERE account_id = ? AND post_id IS NOT NULL ORDER BY created_at DESC LIMIT 60) ORDER BY f.created_at DESC`,
  ).all(account.platform, account.handle, account.id);
}

/** The newest 20 flags on the account's profile (not on a post). */
export function accountProfileFlags(db: Db, accountId: number): FlagRow[] {
  return prepared<[number], FlagRow>(
    db,
    `SELECT ${FLAG_COLUMNS} FROM flags f WHERE f.account_id = ? AND f.post_id IS NULL ORDER BY f.created_at DESC LIMIT 20`,
  ).all(accountId);
}

export interface ChangedPostRow {
  id: number;
  url: string | null;
  publishedAt: number;
  deletedAt: number | null;
}

/** The newest 20 posts that were edited or deleted. */
export function changedPosts(db: Db, accountId: number): ChangedPostRow[] {
  return prepared<[number], ChangedPostRow>(
    db,
    `SELECT id, url, published_at AS publishedAt, deleted_at AS deletedAt FROM posts
      WHERE account_id = ? AND (version > 1 OR deleted_at IS NOT NULL) ORDER BY COALESCE(deleted_at, edited_at, published_at) DESC LIMIT 20`,
  ).all(accountId);
}

export interface PostVersionRow {
  version: number;
  text: string;
  seenAt: number;
}

export function postVersions(db: Db, postId: number): PostVersionRow[] {
  return prepared<[number], PostVersionRow>(db, `SELECT version, text, seen_at AS seenAt FROM post_versions WHERE post_id = ? ORDER BY version`).all(postId);
}

export interface FetchRunRow {
  id: number;
  kind: (typeof FETCH_KINDS)[number];
  startedAt: number;
  finishedAt: number | null;
  outcome: (typeof FETCH_OUTCOMES)[number];
  postsNew: number;
  postsChanged: number;
  postsDeleted: number;
  error: string | null;
}

/** The account's 10 latest fetch runs. */
export function recentFetchRuns(db: Db, accountId: number): FetchRunRow[] {
  return prepared<[number], FetchRunRow>(
    db,
    `SELECT id, kind, started_at AS startedAt, finished_at AS finishedAt, outcome, posts_new AS postsNew, posts_changed AS postsChanged,
            posts_deleted AS postsDeleted, error
       FROM fetch_runs WHERE account_id = ? ORDER BY started_at DESC LIMIT 10`,
  ).all(accountId);
}

export function postCount(db: Db, accountId: number): number {
  return prepared<[number], number>(db, `SELECT count(*) FROM posts WHERE account_id = ?`).pluck().get(accountId) ?? 0;
}
