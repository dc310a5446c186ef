/**
 * Storage for ingestion (design §2): idempotent upserts keyed by (account, platform post id), one
 * transaction per page, versions on changed text, confirmed deletions, fetch_runs bookkeeping and
 * flags written once per (subject, rule, policy version). Uses prepared statements on the raw
 * better-sqlite3 handle because this is the hot path (thousands of posts a second).
 */
import type Database from "better-sqlite3";
import type { NormalizedPost } from "../connectors/types";
import type { Db } from "./client";
import type { Category, EvidenceSpan, Severity } from "../core/enums";

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
  insertFlag: Database.Statement<unknown[]>;
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
         ON CONFLICT (subject_key, rule_id, policy_version) DO NOTHING`,
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
export function recentLivePosts(db: Db, accountId: number, since: number): { id: number; platformPostId: string; text: string }[] {
  return db.$client
    .prepare(
      "SELECT id, platform_post_id AS platformPostId, text FROM posts WHERE account_id = ? AND published_at >= ? AND deleted_at IS NULL ORDER BY published_at",
    )
    .all(accountId, since) as { id: number; platformPostId: string; text: string }[];
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

/** Inserts flags once per (subject, rule, policy version); returns how many were new. */
export function insertFlags(db: Db, rows: readonly FlagRow[], now: number): number {
  const s = stmts(db);
  let n = 0;
  const run = () => {
    for (const f of rows) {
      n += s.insertFlag.run(
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
      ).changes;
    }
  };
  // Nested use (inside ingestPage's transaction) must not open a second transaction.
  if (db.$client.inTransaction) run();
  else db.$client.transaction(run)();
  return n;
}

export const postSubject = (postId: number) => `post:${postId}`;
export const profileSubject = (accountId: number) => `profile:${accountId}`;

// ---- fetch_runs ----------------------------------------------------------------------------

export type FetchKind = "posts" | "profile" | "recheck";
export type FetchOutcome = "running" | "ok" | "rate_limited" | "auth_failed" | "not_found" | "transient" | "bad_response" | "error";

/** How far back a new attempt looks for its job's earlier, interrupted attempts (index range). */
const INTERRUPTED_LOOKBACK_MS = 7 * 86_400_000;

export function startFetchRun(db: Db, r: { accountId: number; kind: FetchKind; jobId?: string | null; now: number }): number {
  // A job runs one attempt at a time, so an earlier attempt of the same job still "running" died
  // with its worker (SIGKILL, crash); close it so the health page does not show it running forever.
  if (r.jobId) {
    db.$client
      .prepare(
        `UPDATE fetch_runs SET finished_at = ?, outcome = 'error', error = 'interrupted: the worker stopped during this run; the job ran again'
          WHERE account_id = ? AND started_at >= ? AND kind = ? AND job_id = ? AND outcome = 'running'`,
      )
      .run(r.now, r.accountId, r.now - INTERRUPTED_LOOKBACK_MS, r.kind, r.jobId);
  }
  const row = db.$client
    .prepare("INSERT INTO fetch_runs (account_id, kind, job_id, started_at, outcome) VALUES (?, ?, ?, ?, 'running') RETURNING id")
    .get(r.accountId, r.kind, r.jobId ?? null, r.now) as { id: number };
  return row.id;
}

export interface RunCounts {
  postsNew: number;
  postsChanged: number;
  postsDeleted: number;
}

export function finishFetchRun(
  db: Db,
  id: number,
  r: { outcome: Exclude<FetchOutcome, "running">; counts?: Partial<RunCounts>; error?: string | null; now: number },
): void {
  db.$client
    .prepare(
      "UPDATE fetch_runs SET finished_at = ?, outcome = ?, posts_new = ?, posts_changed = ?, posts_deleted = ?, error = ? WHERE id = ?",
    )
    .run(
      r.now,
      r.outcome,
      r.counts?.postsNew ?? 0,
      r.counts?.postsChanged ?? 0,
      r.counts?.postsDeleted ?? 0,
      r.error ? r.error.slice(0, 2000) : null,
      id,
    );
}

/**
 * Records a run that failed before it could start (unknown account, unknown platform): still a
 * fetch_runs row so the health page shows it. Needs a real account id (foreign key).
 */
export function recordFailedRun(
  db: Db,
  r: { accountId: number; kind: FetchKind; jobId?: string | null; outcome: Exclude<FetchOutcome, "running" | "ok">; error: string; now: number },
): number {
  const id = startFetchRun(db, r);
  finishFetchRun(db, id, { outcome: r.outcome, error: r.error, now: r.now });
  return id;
}
