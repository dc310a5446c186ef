/**
 * Events in full, as emails and webhook bodies show them: the event with its entity, flag, post,
 * account and report. One query for a list of ids; the digest's counts and top items by period.
 */
import type { Db } from "../client";
import { prepared } from "../read/prepared";
import type { AccountClass, AccountStatus, Category, EventType, FlagStatus, Platform, Severity } from "../../core/enums";

export interface EventDetail {
  id: number;
  uid: string;
  type: EventType;
  entityId: number | null;
  severity: Severity | null;
  data: string;
  occurredAt: number;
  entitySlug: string | null;
  entityNameAr: string | null;
  entityNameEn: string | null;
  flagId: number | null;
  ruleId: string | null;
  clauseId: string | null;
  category: Category | null;
  flagSeverity: Severity | null;
  score: number | null;
  flagStatus: FlagStatus | null;
  spans: string | null;
  flagCreatedAt: number | null;
  postId: number | null;
  postText: string | null;
  postUrl: string | null;
  publishedAt: number | null;
  accountId: number | null;
  platform: Platform | null;
  handle: string | null;
  accountClass: AccountClass | null;
  accountStatus: AccountStatus | null;
  reportId: number | null;
  reportScope: "entity" | "csb" | null;
  weekStart: string | null;
  reportLocale: string | null;
}

const DETAIL_SELECT = `SELECT e.id, e.uid, e.type, e.entity_id AS entityId, e.severity, e.data, e.occurred_at AS occurredAt,
    en.slug AS entitySlug, en.name_ar AS entityNameAr, en.name_en AS entityNameEn,
    f.id AS flagId, f.rule_id AS ruleId, f.clause_id AS clauseId, f.category, f.severity AS flagSeverity, f.score, f.status AS flagStatus,
    f.spans, f.created_at AS flagCreatedAt,
    p.id AS postId, p.text AS postText, p.url AS postUrl, p.published_at AS publishedAt,
    a.id AS accountId, a.platform, a.handle, a.class AS accountClass, a.status AS accountStatus,
    r.id AS reportId, r.scope AS reportScope, r.week_start AS weekStart, r.locale AS reportLocale
  FROM events e
  LEFT JOIN entities en ON en.id = e.entity_id
  LEFT JOIN flags f ON f.id = e.flag_id
  LEFT JOIN posts p ON p.id = f.post_id
  LEFT JOIN accounts a ON a.id = e.account_id
  LEFT JOIN reports r ON r.id = e.report_id`;

/** The events with these ids, oldest first. */
export function eventDetails(db: Db, ids: readonly number[]): EventDetail[] {
  if (!ids.length) return [];
  return prepared<[], EventDetail>(db, `${DETAIL_SELECT} WHERE e.id IN (${ids.map(Number).join(",")}) ORDER BY e.id`).all();
}

export function eventDetail(db: Db, id: number): EventDetail | undefined {
  return prepared<[number], EventDetail>(db, `${DETAIL_SELECT} WHERE e.id = ?`).get(id);
}

/** Entity filter of a digest: the entities a user follows, or null for all of them. */
const entityFilter = (entityIds: readonly number[] | null) => (entityIds === null ? "" : `AND e.entity_id IN (${entityIds.map(Number).join(",") || "NULL"})`);

export interface DigestCount {
  entityId: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  type: EventType;
  severity: Severity | null;
  n: number;
}

/** Events of [from, to) per entity, type and severity (report.ready aside). */
export function digestCounts(db: Db, from: number, to: number, entityIds: readonly number[] | null): DigestCount[] {
  return prepared<[number, number], DigestCount>(
    db,
    `SELECT e.entity_id AS entityId, en.slug, en.name_ar AS nameAr, en.name_en AS nameEn, e.type, e.severity, count(*) AS n
       FROM events e JOIN entities en ON en.id = e.entity_id
      WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.type != 'report.ready' ${entityFilter(entityIds)}
      GROUP BY e.entity_id, e.type, e.severity ORDER BY en.slug`,
  ).all(from, to);
}

/** The most serious events of [from, to), in full: critical first, then high, newest first. */
export function digestTopEvents(db: Db, from: number, to: number, entityIds: readonly number[] | null, limit: number): EventDetail[] {
  return prepared<[number, number, number], EventDetail>(
    db,
    `${DETAIL_SELECT}
      WHERE e.occurred_at >= ? AND e.occurred_at < ? AND e.type != 'report.ready' AND e.severity IN ('critical', 'high') ${entityFilter(entityIds)}
      ORDER BY CASE e.severity WHEN 'critical' THEN 0 ELSE 1 END, e.occurred_at DESC, e.id DESC LIMIT ?`,
  ).all(from, to, limit);
}

/** What the recipient rules need of an event. */
export function eventFacts(db: Db, id: number): { type: EventType; entityId: number | null; severity: Severity | null } | undefined {
  return prepared<[number], { type: EventType; entityId: number | null; severity: Severity | null }>(
    db,
    `SELECT type, entity_id AS entityId, severity FROM events WHERE id = ?`,
  ).get(id);
}
