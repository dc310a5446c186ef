/** Ingestion health (every account's last fetch) and the database's own liveness check. */
import type { Db } from "../client";
import type { AccountClass, AccountStatus, FETCH_OUTCOMES, Platform } from "../../core/enums";
import { prepared } from "./prepared";

export interface FetchHealthRow {
  id: number;
  entityAr: string;
  entityEn: string;
  platform: Platform;
  handle: string;
  class: AccountClass;
  status: AccountStatus;
  lastStartedAt: number | null;
  lastOutcome: (typeof FETCH_OUTCOMES)[number] | null;
  lastError: string | null;
  lastOkAt: number | null;
}

/**
 * Non-archived accounts (of one entity, or all with null) with their latest fetch run and last
 * successful posts fetch; vanished official accounts first, then failing ones.
 */
export function fetchHealth(db: Db, scope: number | null): FetchHealthRow[] {
  return prepared<[number | null, number | null], FetchHealthRow>(
    db,
    `SELECT a.id, e.name_ar AS entityAr, e.name_en AS entityEn, a.platform, a.handle, a.class, a.status,
            r.started_at AS lastStartedAt, r.outcome AS lastOutcome, r.error AS lastError,
            (SELECT max(finished_at) FROM fetch_runs o WHERE o.account_id = a.id AND o.kind = 'posts' AND o.outcome = 'ok') AS lastOkAt
     FROM accounts a JOIN entities e ON e.id = a.entity_id
     LEFT JOIN fetch_runs r ON r.id = (SELECT id FROM fetch_runs f WHERE f.account_id = a.id ORDER BY f.started_at DESC, f.id DESC LIMIT 1)
     WHERE a.status != 'archived' AND (? IS NULL OR a.entity_id = ?)
     ORDER BY (a.class = 'official' AND a.status = 'not_found') DESC, (r.outcome IS NULL OR r.outcome != 'ok') DESC, e.slug, a.platform, a.handle`,
  ).all(scope, scope);
}

/** True when the database answers a trivial query. */
export function databaseAnswers(db: Db): boolean {
  return prepared<[], number>(db, `SELECT 1`).pluck().get() === 1;
}
