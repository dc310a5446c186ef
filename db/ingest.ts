/**
 * Storage for ingestion (design §2): idempotent upserts keyed by (account, platform post id), one
 * transaction per page, versions on changed text, confirmed deletions, flags written once per
 * (subject, rule, policy version), and the account fields the processors read and write (cursor,
 * profile, status). Uses prepared statements on the raw better-sqlite3 handle because this is the
 * hot path (thousands of posts a second). fetch_runs bookkeeping is in fetch-runs.ts.
 */
import type Database from "better-sqlite3";
import type { NormalizedPost, Profile } from "../connectors/types";
import type { Db } from "./client";
import { writeAudit } from "./audit";
import { recordHandleChange, recordProfileChanges } from "./profile-changes";
import { recordProfileVersion } from "./profile-history";
import { emitEvent } from "./alerts/events";
import type { AccountClass, AccountStatus, Category, EvidenceSpan, Platform, Severity } from "../core/enums";

/** Raw platform payloads are evidence, not storage: keep at most this many UTF-8 bytes. */
export const RAW_CAP_BYTES = 16 * 1024;

export function capRaw(raw: unknown, cap = RAW_CAP_BYTES): string | null {
  if (raw === undefined || raw === null) return null;
  let s: string;
  try {
    s = typeof raw === "string" ? raw : JSON.stringify(raw);
  } catch {
    s = String(raw);
  }
  if (s === undefined) return null;
  if (Buffer.byteLength(s, "utf8") <= cap) return s;
  // Cut on a byte budget without splitting a character, and say it was cut.
  const buf = Buffer.from(s, "utf8").subarray(0, cap - 32);
  const cut = new TextDecoder("utf-8", { fatal: false }).decode(buf).replace(/\uFFFD+$/, "");
  return `${cut}…[truncated ${Buffer.byteLength(s, "utf8")} bytes]`;
}

export interface IngestAccount {
  id: number;
  entityId: number;
}

export type PostChange = "new" | "changed";

/** A post whose current text is new to us (first seen or edited): what the scorer must look at. */
export interface ChangedPost {
  postId: number;
  platformPostId: string;
  text: string;
  change: PostChange;
  version: number;
}

export interface PageResult {
  new: number;
  changed: number;
  unchanged: number;
  /** Restored: a post marked deleted that the platform serves again. */
  restored: number;
  changedPosts: ChangedPost[];
  latestPublishedAt: number | null;
}

interface Stmts {
  select: Database.Statement<[number, string], { id: number; text: string; version: number; deleted_at: number | null }>;
  insert: Database.Statement<unknown[], { id: number }>;
  insertVersion: Database.Statement<unknown[]>;
  update: Database.Statement<unknown[]>;
  touch: Database.Statement<unknown[]>;
  markDeleted: Database.Statement<unknown[]>;
  rename: Database.Statement<unknown[]>;
  insertFlag: Database.Statement<unknown[], { id: number }>;
  flagEvent: Database.Statement<[Record<string, unknown>]>;
}

const cache = new WeakMap<Database.Database, Stmts>();

function stmts(db: Db): Stmts {
  const c = db.$client;
  let s = cache.get(c);
  if (!s) {
    s = {
      select: c.prepare("SELECT id, text, version, deleted_at FROM posts WHERE account_id = ? AND platform_post_id = ?"),
      insert: c.prepare(
        `INSERT INTO posts (account_id, platform_post_id, url, text, lang, published_at, first_seen_at, last_seen_at, edited_at, version, raw)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?) RETURNING id`,
      ),
      insertVersion: c.prepare(
        "INSERT INTO post_versions (post_id, version, text, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (post_id, version) DO NOTHING",
      ),
      update: c.prepare(
        "UPDATE posts SET text = ?, version = ?, edited_at = ?, last_seen_at = ?, url = COALESCE(?, url), lang = COALESCE(?, lang), raw = ?, deleted_at = NULL WHERE id = ?",
      ),
      touch: c.prepare("UPDATE posts SET last_seen_at = ?, deleted_at = NULL WHERE id = ?"),
      rename: c.prepare("UPDATE posts SET platform_post_id = ? WHERE id = ?"),
      markDeleted: c.prepare(
        "UPDATE posts SET deleted_at = ? WHERE account_id = ? AND platform_post_id = ? AND deleted_at IS NULL",
      ),
      insertFlag: c.prepare(
        `INSERT INTO flags (subject_key, post_id, account_id, entity_id, rule_id, clause_id, category, severity, score, spans, policy_version, status, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'open', ?)
         ON CONFLICT (subject_key, rule_id, policy_version) DO NOTHING RETURNING id`,
      ),
      // The outbox row of a new flag, in the flag's transaction. A rescore under a new policy
      // version restating a finding already flagged (same subject and rule) is not news: no event.
      // (The id is cast: a bound JS number is a REAL, which would make the key "flag.created:1.0".)
      flagEvent: c.prepare(
        `INSERT INTO events (key, type, entity_id, flag_id, account_id, severity, occurred_at)
         SELECT 'flag.created:' || CAST(@flag AS INTEGER), 'flag.created', @entity, @flag, @account, @severity, @now
          WHERE NOT EXISTS (SELECT 1 FROM flags WHERE subject_key = @subject AND rule_id = @rule AND id != @flag)
         ON CONFLICT (key) DO NOTHING`,
      ),
    };
    cache.set(c, s);
  }
  return s;
}

function toMs(d: Date | number | null | undefined): number | null {
  if (d === null || d === undefined) return null;
  const n = typeof d === "number" ? d : d.getTime();
  return Number.isFinite(n) ? n : null;
}

/**
 * Upserts one page of posts in one transaction. Idempotent: replaying a page changes nothing but
 * last_seen_at. Duplicate ids inside the page are collapsed (the last occurrence wins); duplicates
 * across pages find the row written by the earlier page and count as unchanged. `onChanged` runs
 * inside the same transaction so that flags for the page commit atomically with its posts.
 */
export function ingestPage(
  db: Db,
  account: IngestAccount,
  posts: readonly NormalizedPost[],
  opts: {
    now: number;
    onChanged?: (changed: ChangedPost[]) => void;
    /**
     * Earlier ids of the same post (X gives an edit a new id, listing the chain). A stored row under
     * an earlier id is the same post: it takes the new id and the new text becomes its next version.
     */
    priorIdsOf?: (post: NormalizedPost) => string[];
  },
): PageResult {
  const s = stmts(db);
  const byId = new Map<string, NormalizedPost>();
  for (const p of posts) byId.set(String(p.platformPostId), p);

  const result: PageResult = { new: 0, changed: 0, unchanged: 0, restored: 0, changedPosts: [], latestPublishedAt: null };
  db.$client.transaction(() => {
    for (const [pid, p] of byId) {
      const text = typeof p.text === "string" ? p.text : "";
      const published = toMs(p.publishedAt) ?? opts.now;
      if (result.latestPublishedAt === null || published > result.latestPublishedAt) result.latestPublishedAt = published;
      const raw = capRaw(p.raw);
      let existing = s.select.get(account.id, pid);
      if (!existing && opts.priorIdsOf) {
        for (const prior of opts.priorIdsOf(p)) {
          const old = prior !== pid ? s.select.get(account.id, prior) : undefined;
          if (old) {
            s.rename.run(pid, old.id);
            existing = old;
            break;
          }
        }
      }
      if (!existing) {
        const row = s.insert.get(account.id, pid, p.url ?? null, text, p.lang ?? null, published, opts.now, opts.now, toMs(p.editedAt), raw)!;
        s.insertVersion.run(row.id, 1, text, opts.now);
        result.new++;
        result.changedPosts.push({ postId: row.id, platformPostId: pid, text, change: "new", version: 1 });
      } else if (existing.text !== text) {
        const version = existing.version + 1;
        s.insertVersion.run(existing.id, version, text, opts.now);
        s.update.run(text, version, toMs(p.editedAt) ?? opts.now, opts.now, p.url ?? null, p.lang ?? null, raw, existing.id);
        result.changed++;
        if (existing.deleted_at !== null) result.restored++;
        result.changedPosts.push({ postId: existing.id, platformPostId: pid, text, change: "changed", version });
      } else {
        s.touch.run(opts.now, existing.id);
        if (existing.deleted_at !== null) result.restored++;
        result.unchanged++;
      }
    }
    if (opts.onChanged && result.changedPosts.length) opts.onChanged(result.changedPosts);
  })();
  return result;
}

/** Marks posts deleted (call only after a by-id lookup confirmed they are gone). Returns how many changed. */
export function markPostsDeleted(db: Db, accountId: number, platformPostIds: readonly string[], at: number): number {
  const s = stmts(db);
  let n = 0;
  db.$client.transaction(() => {
    for (const id of platformPostIds) n += s.markDeleted.run(at, accountId, id).changes;
  })();
  return n;
}

/** Live posts of an account published since `since` (the re-check window). */
export interface LivePost {
  id: number;
  platformPostId: string;
  text: string;
}

export function recentLivePosts(db: Db, accountId: number, since: number): LivePost[] {
  return db.$client
    .prepare<[number, number], LivePost>(
      "SELECT id, platform_post_id AS platformPostId, text FROM posts WHERE account_id = ? AND published_at >= ? AND deleted_at IS NULL ORDER BY published_at",
    )
    .all(accountId, since);
}

export interface FlagRow {
  subjectKey: string;
  postId: number | null;
  accountId: number;
  entityId: number;
  ruleId: string;
  clauseId: string;
  category: Category;
  severity: Severity;
  score: number;
  spans: EvidenceSpan[];
  policyVersion: string;
}

/**
 * Inserts flags once per (subject, rule, policy version), each new one with its `flag.created`
 * outbox event (db/alerts/events.ts) in the same transaction; returns how many were new.
 */
export function insertFlags(db: Db, rows: readonly FlagRow[], now: number): number {
  const s = stmts(db);
  let n = 0;
  const run = () => {
    for (const f of rows) {
      const inserted = s.insertFlag.get(
        f.subjectKey,
        f.postId,
        f.accountId,
        f.entityId,
        f.ruleId,
        f.clauseId,
        f.category,
        f.severity,
        f.score,
        JSON.stringify(f.spans),
        f.policyVersion,
        now,
      );
      if (!inserted) continue;
      n++;
      s.flagEvent.run({ flag: inserted.id, entity: f.entityId, account: f.accountId, severity: f.severity, now, subject: f.subjectKey, rule: f.ruleId });
    }
  };
  // Nested use (inside ingestPage's transaction) must not open a second transaction.
  if (db.$client.inTransaction) run();
  else db.$client.transaction(run)();
  return n;
}

export const postSubject = (postId: number) => `post:${postId}`;
export const profileSubject = (accountId: number) => `profile:${accountId}`;

// ---- accounts, as the processors read and write them ------------------------------------------

/** An account as a processor needs it: one query, with its entity's official email domains. */
export interface WorkAccount {
  id: number;
  entityId: number;
  platform: Platform;
  handle: string;
  platformId: string | null;
  class: AccountClass;
  status: AccountStatus;
  cursor: string | null;
  lastPostAt: number | null;
  bio: string | null;
  entityDomains: string[];
}

interface WorkAccountRow extends Omit<WorkAccount, "entityDomains"> {
  domains: string;
}

export function loadWorkAccount(db: Db, id: number): WorkAccount | null {
  const row = db.$client
    .prepare<[number], WorkAccountRow>(
      `SELECT a.id, a.entity_id AS entityId, a.platform, a.handle, a.platform_id AS platformId, a.class, a.status,
              a.cursor, a.last_post_at AS lastPostAt, a.bio, e.email_domains AS domains
       FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE a.id = ?`,
    )
    .get(id);
  if (!row) return null;
  const { domains, ...rest } = row;
  let entityDomains: string[] = [];
  try {
    entityDomains = JSON.parse(domains) as string[];
  } catch {
    /* malformed domains: score without them */
  }
  return { ...rest, entityDomains };
}

export function setAccountStatus(db: Db, id: number, status: AccountStatus, now: number): void {
  db.$client.prepare<[AccountStatus, number, number]>("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?").run(status, now, id);
}

/** After a fetch: where the next one starts, and the newest post seen. */
export function saveFetchCursor(db: Db, accountId: number, r: { cursor: string | null; lastPostAt: number | null; now: number }): void {
  db.$client
    .prepare<[string | null, number | null, number, number]>("UPDATE accounts SET cursor = ?, last_post_at = ?, updated_at = ? WHERE id = ?")
    .run(r.cursor, r.lastPostAt, r.now, accountId);
}

/**
 * Writes a freshly read profile to the account (a history row when it changed, and a
 * profile_changes row per changed field for the takeover signals), with the bio's flags, in one
 * transaction.
 */
export function saveProfile(db: Db, accountId: number, p: Profile, r: { bioFlags: readonly FlagRow[]; now: number }): void {
  const update = db.$client.prepare<[string | null, string | null, string | null, string | null, string | null, number | null, number | null, number | null, string, number, number, number]>(
    `UPDATE accounts SET platform_id = COALESCE(?, platform_id), display_name = ?, bio = ?, profile_url = COALESCE(?, profile_url),
       avatar_url = ?, verified = ?, followers = ?, profile_created_at = COALESCE(?, profile_created_at), contact_links = ?,
       profile_fetched_at = ?, updated_at = ? WHERE id = ?`,
  );
  db.$client.transaction(() => {
    recordProfileChanges(db, accountId, { displayName: p.displayName, bio: p.bio, contactLinks: p.contactLinks ?? [] }, r.now);
    update.run(
      p.platformId || null,
      p.displayName,
      p.bio,
      p.profileUrl,
      p.avatarUrl,
      p.verified === null ? null : p.verified ? 1 : 0,
      p.followers,
      p.createdAt ? p.createdAt.getTime() : null,
      JSON.stringify(p.contactLinks ?? []),
      r.now,
      r.now,
      accountId,
    );
    recordProfileVersion(db, accountId, r.now);
    insertFlags(db, r.bioFlags, r.now);
  })();
}

/**
 * A handle the platform confirmed gone: the account becomes not_found with an audit_log row and an
 * `account.vanished` (or, when the platform says it was renamed, `account.renamed`) outbox event
 * (once), and `flags` (the governance flag of a vanished official handle) are written, in one
 * transaction.
 */
export function markAccountVanished(
  db: Db,
  account: WorkAccount,
  r: { reason: string; currentHandle?: string | null; flags: readonly FlagRow[]; now: number },
): void {
  db.$client.transaction(() => {
    if (r.currentHandle && r.currentHandle.toLowerCase() !== account.handle.toLowerCase()) {
      const last = db.$client
        .prepare<[number], { after: string | null }>("SELECT after FROM profile_changes WHERE account_id = ? AND field = 'handle' ORDER BY at DESC, id DESC LIMIT 1")
        .get(account.id);
      // Once per rename: later lookups that meet the same new handle add nothing.
      if (last?.after?.toLowerCase() !== r.currentHandle.toLowerCase()) recordHandleChange(db, account.id, account.handle, r.currentHandle, r.now);
    }
    if (account.status !== "not_found") {
      setAccountStatus(db, account.id, "not_found", r.now);
      const type = r.reason === "renamed" ? "account.renamed" : "account.vanished";
      emitEvent(db, {
        key: `${type}:${account.id}:${r.now}`,
        type,
        entityId: account.entityId,
        accountId: account.id,
        // A vanished official handle can be taken by someone else: the highest severity.
        severity: account.class === "official" ? "critical" : "high",
        data: { reason: r.reason, currentHandle: r.currentHandle ?? null, platform: account.platform, handle: account.handle, previousStatus: account.status },
        occurredAt: r.now,
      });
      writeAudit(
        db,
        {
          user: "system:workers",
          action: "account.not_found",
          targetType: "account",
          targetId: account.id,
          entityId: account.entityId,
          before: { status: account.status },
          after: { status: "not_found", reason: r.reason, platform: account.platform, handle: account.handle },
        },
        new Date(r.now),
      );
    }
    insertFlags(db, r.flags, r.now);
  })();
}

/** Every stored post as `platform \0 handle \0 platform post id` (for comparing with a platform's ground truth). */
export function storedPostKeys(db: Db): Set<string> {
  const rows = db.$client
    .prepare<[], { k: string }>(`SELECT a.platform || char(0) || a.handle || char(0) || p.platform_post_id AS k FROM posts p JOIN accounts a ON a.id = p.account_id`)
    .all();
  return new Set(rows.map((r) => r.k));
}
