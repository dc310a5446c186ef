/* eslint-disable @typescript-eslint/no-explicit-any -- untyped rows from raw SQL (better-sqlite3) */
/** Account page: profile, ownership summary, checklist, flagged posts, edit/deletion history, fetch health. */
import type { Db } from "../../../db/client";
import { ownershipCompleteness, type ControlResult } from "../../../core/governance";
import { controlsForAccountRow, groupFlaggedPosts, ownerFromRaw, parseDomains, toFlagView, type FlagView, type FlaggedPostView } from "./entity.server";

export function accountEntityId(db: Db, accountId: number): number | null {
  const r = db.$client.prepare(`SELECT entity_id AS e FROM accounts WHERE id = ?`).get(accountId) as { e: number } | undefined;
  return r?.e ?? null;
}

export interface AccountPage {
  account: Record<string, any>;
  entity: { id: number; slug: string; nameAr: string; nameEn: string };
  owner: { custodianName: string | null; backupName: string | null; attestedAt: number | null; twoFactor: string; credentialCustody: string } | null;
  completeness: { met: number; total: number };
  controls: ControlResult[];
  flagged: FlaggedPostView[];
  profileFlags: FlagView[];
  history: { postId: number; url: string | null; publishedAt: number; deletedAt: number | null; versions: { version: number; text: string; seenAt: number }[] }[];
  fetchRuns: { id: number; kind: string; startedAt: number; finishedAt: number | null; outcome: string; postsNew: number; postsChanged: number; postsDeleted: number; error: string | null }[];
  posts: number;
}

export function accountPage(db: Db, accountId: number, now: number): AccountPage | null {
  const q = db.$client;
  const a = q.prepare(`SELECT * FROM accounts WHERE id = ?`).get(accountId) as Record<string, any> | undefined;
  if (!a) return null;
  const e = q.prepare(`SELECT id, slug, name_ar AS nameAr, name_en AS nameEn, email_domains FROM entities WHERE id = ?`).get(a.entity_id) as Record<string, any>;
  const ownerRaw = q.prepare(`SELECT * FROM account_owners WHERE account_id = ? AND valid_to IS NULL ORDER BY valid_from DESC, id DESC LIMIT 1`).get(accountId) as Record<string, any> | undefined;
  const owner = ownerFromRaw(ownerRaw as never);
  const controls = controlsForAccountRow(db, a, parseDomains(e.email_domains), now);
  const flagRows = q
    .prepare(
      `SELECT f.*, p.text, p.url, p.published_at, p.deleted_at, ? AS platform, ? AS handle FROM flags f JOIN posts p ON p.id = f.post_id
        WHERE f.id IN (SELECT id FROM flags WHERE account_id = ? AND post_id IS NOT NULL ORDER BY created_at DESC LIMIT 60) ORDER BY f.created_at DESC`,
    )
    .all(a.platform, a.handle, accountId) as Record<string, any>[];
  const profileFlags = (q.prepare(`SELECT * FROM flags WHERE account_id = ? AND post_id IS NULL ORDER BY created_at DESC LIMIT 20`).all(accountId) as Record<string, any>[]).map(toFlagView);
  const changed = q
    .prepare(
      `SELECT id, url, published_at, deleted_at FROM posts WHERE account_id = ? AND (version > 1 OR deleted_at IS NOT NULL) ORDER BY COALESCE(deleted_at, edited_at, published_at) DESC LIMIT 20`,
    )
    .all(accountId) as { id: number; url: string | null; published_at: number; deleted_at: number | null }[];
  const versions = q.prepare(`SELECT version, text, seen_at AS seenAt FROM post_versions WHERE post_id = ? ORDER BY version`);
  const fetchRuns = q
    .prepare(
      `SELECT id, kind, started_at AS startedAt, finished_at AS finishedAt, outcome, posts_new AS postsNew, posts_changed AS postsChanged, posts_deleted AS postsDeleted, error
         FROM fetch_runs WHERE account_id = ? ORDER BY started_at DESC LIMIT 10`,
    )
    .all(accountId) as AccountPage["fetchRuns"];
  const posts = (q.prepare(`SELECT count(*) AS n FROM posts WHERE account_id = ?`).get(accountId) as { n: number }).n;
  return {
    account: { ...a, contact_links: undefined, raw: undefined, cursor: undefined },
    entity: { id: e.id, slug: e.slug, nameAr: e.nameAr, nameEn: e.nameEn },
    owner: owner
      ? { custodianName: owner.custodianName, backupName: owner.backupName, attestedAt: owner.attestedAt?.getTime() ?? null, twoFactor: owner.twoFactor, credentialCustody: owner.credentialCustody }
      : null,
    completeness: ownershipCompleteness(owner, a.class),
    controls,
    flagged: groupFlaggedPosts(flagRows, 15),
    profileFlags,
    history: changed.map((p) => ({ postId: p.id, url: p.url, publishedAt: p.published_at, deletedAt: p.deleted_at, versions: versions.all(p.id) as { version: number; text: string; seenAt: number }[] })),
    fetchRuns,
    posts,
  };
}
