/**
 * Flags as the screens read them, and review decisions: a decision changes the flags' status,
 * writes a reviews row and an audit row per flag and recomputes the rollups it touches, in one
 * transaction (all or nothing).
 */
import type { Db } from "./client";
import type { Category, FlagStatus, Platform, ReviewDecision, Severity } from "../core/enums";
import type { SessionUser } from "../core/access";
import { writeAudit } from "./audit";
import { recomputeForFlags } from "./rollups";
import { placeholders, prepared } from "./read/prepared";

/** A flags row (SQLite: `escalated` 0/1, `spans` JSON text, instants epoch ms). */
export interface FlagRow {
  id: number;
  postId: number | null;
  accountId: number;
  entityId: number;
  ruleId: string;
  clauseId: string;
  category: Category;
  severity: Severity;
  status: FlagStatus;
  escalated: number;
  score: number;
  spans: string;
  createdAt: number;
}

/** The columns of FlagRow, from `flags f`. */
export const FLAG_COLUMNS = `f.id, f.post_id AS postId, f.account_id AS accountId, f.entity_id AS entityId, f.rule_id AS ruleId,
  f.clause_id AS clauseId, f.category, f.severity, f.status, f.escalated, f.score, f.spans, f.created_at AS createdAt`;

/** A post flag with its post (`posts p`) and the post's account: an evidence card. */
export interface FlaggedPostRow extends FlagRow {
  postId: number;
  text: string;
  url: string | null;
  publishedAt: number;
  deletedAt: number | null;
  platform: Platform;
  handle: string;
}

/** The post columns of FlaggedPostRow, from `posts p`. */
export const POST_COLUMNS = `p.text, p.url, p.published_at AS publishedAt, p.deleted_at AS deletedAt`;

/** What a decision checks before it writes. */
export type FlagState = Pick<FlagRow, "id" | "entityId" | "status" | "escalated">;

export function flagStates(db: Db, ids: readonly number[]): FlagState[] {
  return prepared<number[], FlagState>(db, `SELECT id, entity_id AS entityId, status, escalated FROM flags WHERE id IN (${placeholders(ids.length)})`).all(...ids);
}

/** A flag was decided by someone else between the check and the write: nothing was written. */
export class FlagChanged extends Error {
  constructor(public readonly flagId: number) {
    super(`flag ${flagId}: changed meanwhile`);
  }
}

export interface DecisionRecord {
  user: SessionUser;
  decision: ReviewDecision;
  note: string | null;
  /** The open flags to decide, as read by `flagStates` (checked by the caller). */
  flags: readonly FlagState[];
  now: number;
}

/** Applies the decision in one transaction; throws FlagChanged (and writes nothing) if a flag moved. */
export function recordDecision(db: Db, r: DecisionRecord): { rollupRows: number } {
  let rollupRows = 0;
  db.transaction((tx) => {
    const at = new Date(r.now);
    const setStatus = prepared<[FlagStatus, number, number]>(db, `UPDATE flags SET status = ?, reviewed_at = ? WHERE id = ? AND status = 'open'`);
    const setEscalated = prepared<[number]>(db, `UPDATE flags SET escalated = 1 WHERE id = ? AND status = 'open'`);
    const insReview = prepared<[number, number, ReviewDecision, string | null, number]>(db, `INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?, ?, ?, ?, ?)`);
    for (const f of r.flags) {
      const before = { status: f.status, escalated: !!f.escalated };
      let after: { status: FlagStatus; escalated: boolean };
      if (r.decision === "escalate") {
        if (setEscalated.run(f.id).changes !== 1) throw new FlagChanged(f.id);
        after = { status: "open", escalated: true };
      } else {
        const status = r.decision === "confirm" ? "confirmed" : "dismissed";
        if (setStatus.run(status, r.now, f.id).changes !== 1) throw new FlagChanged(f.id);
        after = { status, escalated: !!f.escalated };
      }
      insReview.run(f.id, r.user.id, r.decision, r.note, r.now);
      writeAudit(tx, { user: r.user, action: `flag.${r.decision}`, targetType: "flag", targetId: f.id, entityId: f.entityId, before, after: { ...after, note: r.note } }, at);
    }
    rollupRows = recomputeForFlags(db, r.flags.map((f) => f.id), r.now);
  });
  return { rollupRows };
}
