/** The read API's own queries (GET /api/v1/flags, /api/v1/accounts); entities and scores reuse the dashboard's reads. */
import type { Db } from "../client";
import type { FlagStatus } from "../../core/enums";
import { prepared } from "./prepared";

export interface ApiFlagQuery {
  /** Only this entity's flags, or null for every entity (CSB). */
  entityId: number | null;
  /** Raised at or after this instant. */
  since: number | null;
  status: FlagStatus | null;
  /** Flags with a greater id than this (the cursor). */
  afterId: number;
  limit: number;
}

export interface ApiFlagRow {
  id: number;
  entitySlug: string;
  accountId: number;
  platform: string;
  handle: string;
  postId: number | null;
  ruleId: string;
  clauseId: string;
  category: string;
  severity: string;
  score: number;
  spans: string;
  policyVersion: string;
  status: FlagStatus;
  escalated: number;
  createdAt: number;
  reviewedAt: number | null;
  text: string | null;
  url: string | null;
  publishedAt: number | null;
  deletedAt: number | null;
}

/** One page of flags in id order (ids only grow, so a cursor on the id never skips or repeats a flag). */
export function apiFlagsPage(db: Db, q: ApiFlagQuery): ApiFlagRow[] {
  const where = ["f.id > ?"];
  const args: (number | string)[] = [q.afterId];
  if (q.entityId !== null) {
    where.push("f.entity_id = ?");
    args.push(q.entityId);
  }
  if (q.since !== null) {
    where.push("f.created_at >= ?");
    args.push(q.since);
  }
  if (q.status !== null) {
    where.push("f.status = ?");
    args.push(q.status);
  }
  return prepared<(number | string)[], ApiFlagRow>(
    db,
    `SELECT f.id, e.slug AS entitySlug, f.account_id AS accountId, a.platform, a.handle, f.post_id AS postId, f.rule_id AS ruleId, f.clause_id AS clauseId,
            f.category, f.severity, f.score, f.spans, f.policy_version AS policyVersion, f.status, f.escalated, f.created_at AS createdAt,
            f.reviewed_at AS reviewedAt, p.text, p.url, p.published_at AS publishedAt, p.deleted_at AS deletedAt
       FROM flags f JOIN entities e ON e.id = f.entity_id JOIN accounts a ON a.id = f.account_id LEFT JOIN posts p ON p.id = f.post_id
      WHERE ${where.join(" AND ")} ORDER BY f.id LIMIT ?`,
  ).all(...args, q.limit);
}
