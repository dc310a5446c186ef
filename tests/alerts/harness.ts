/**
 * Shared set-up of the alert tests: a seeded SQLite file, posts and flags written the way ingestion
 * writes them (db/ingest.ts, the outbox event in the same transaction), and workers started in
 * this process with the alert timings shortened.
 */
import type { Db } from "../../db/client";
import { insertFlags } from "../../db/ingest";
import type { Severity } from "../../core/enums";
import { RULE_BY_ID } from "../../core/scoring/policy";
import { startWorkers, type RunningWorkers } from "../../workers/main";
import { silentLogger, UnknownPlatformError } from "../../workers/deps";
import type { NotifyOptions } from "../../workers/notify/index";
import { fakeScorer } from "../workers/fakes";

export const PUBLIC_URL = "http://amanah.test";
export const UNSUB_SECRET = "test-unsubscribe-secret-0123456789abcdef";

export interface TestEntity {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  accountId: number;
}

interface UserRow {
  id: number;
  email: string;
  role: string;
  entityId: number | null;
}

/** The first `n` entities that have an active account, with one of their accounts. */
export function entitiesWithAccounts(db: Db, n: number): TestEntity[] {
  return db.$client
    .prepare<[number], TestEntity>(
      `SELECT e.id, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn, min(a.id) AS accountId
         FROM entities e JOIN accounts a ON a.entity_id = e.id AND a.status = 'active'
        GROUP BY e.id ORDER BY e.id LIMIT ?`,
    )
    .all(n);
}

export function userByEmail(db: Db, email: string): UserRow {
  const u = db.$client.prepare<[string], UserRow>(`SELECT id, email, role, entity_id AS entityId FROM users WHERE email = ?`).get(email);
  if (!u) throw new Error(`no user ${email}`);
  return u;
}

let postSeq = 0;

/** A post of an account (text stored verbatim, as ingestion does). */
export function addPost(db: Db, accountId: number, text: string, now = Date.now()): number {
  const id = `alert-test-${process.pid}-${++postSeq}`;
  return db.$client
    .prepare<[number, string, string, string, number, number, number], { id: number }>(
      `INSERT INTO posts (account_id, platform_post_id, url, text, published_at, first_seen_at, last_seen_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    )
    .get(accountId, id, `https://example.invalid/${id}`, text, now, now, now)!.id;
}

/** A flag on a post under a policy rule, with its outbox event (insertFlags, as the score job does). */
export function flagPost(db: Db, e: TestEntity, postId: number, ruleId: string, now = Date.now(), severity?: Severity): number {
  const rule = RULE_BY_ID.get(ruleId);
  if (!rule) throw new Error(`unknown rule ${ruleId}`);
  const n = insertFlags(
    db,
    [
      {
        subjectKey: `post:${postId}`,
        postId,
        accountId: e.accountId,
        entityId: e.id,
        ruleId,
        clauseId: rule.clause,
        category: rule.category,
        severity: severity ?? rule.severity,
        score: 0.9,
        spans: [],
        policyVersion: "test",
      },
    ],
    now,
  );
  if (n !== 1) throw new Error("flag not inserted");
  return db.$client.prepare<[string, string], number>(`SELECT id FROM flags WHERE subject_key = ? AND rule_id = ?`).pluck().get(`post:${postId}`, ruleId)!;
}

/** Workers in this process with only what alerts need (no fetching), shortened grouping. */
export function startAlertWorkers(db: Db, redisUrl: string, notify: Partial<NotifyOptions>): Promise<RunningWorkers> {
  return startWorkers({
    db,
    redisUrl,
    connectors: (p) => {
      throw new UnknownPlatformError(p);
    },
    scorer: fakeScorer,
    log: silentLogger,
    schedule: false,
    notify: {
      publicUrl: PUBLIC_URL,
      unsubscribeSecret: UNSUB_SECRET,
      grouping: { gatherMs: 300, windowMs: 4_000 },
      dispatchEveryMs: 100,
      ...notify,
    },
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
