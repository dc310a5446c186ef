/**
 * The alerts benchmark's reads and fixtures (scripts/bench/alerts.ts): when each alert email delivery happened (the
 * event's time, when its email was opened, due and marked sent), an account per entity, a post.
 */
import type { Db } from "../client";
import { prepared } from "../read/prepared";

export interface AlertTiming {
  eventId: number;
  mailId: number;
  userId: number;
  occurredAt: number;
  mailCreatedAt: number;
  sendAt: number;
  sentAt: number | null;
}

export function alertTimings(db: Db): AlertTiming[] {
  return prepared<[], AlertTiming>(
    db,
    `SELECT e.id AS eventId, m.id AS mailId, m.user_id AS userId, e.occurred_at AS occurredAt, m.created_at AS mailCreatedAt,
            m.send_at AS sendAt, m.sent_at AS sentAt
       FROM deliveries d JOIN events e ON e.id = d.event_id JOIN mails m ON m.id = d.mail_id
      WHERE d.channel = 'email' AND m.kind = 'alert'`,
  ).all();
}

/** Alert emails not yet sent or skipped. */
export function unsentAlertMails(db: Db): number {
  return prepared<[], number>(db, `SELECT count(*) FROM mails WHERE kind = 'alert' AND status IN ('open', 'sending')`).pluck().get() ?? 0;
}

/** One active account per entity (the bench spreads its flags over every entity). */
export function activeAccountPerEntity(db: Db): { entityId: number; accountId: number }[] {
  return prepared<[], { entityId: number; accountId: number }>(
    db,
    `SELECT entity_id AS entityId, min(id) AS accountId FROM accounts WHERE status = 'active' GROUP BY entity_id ORDER BY entity_id`,
  ).all();
}

/** A post as ingestion would store it (the flag then comes from db/ingest.ts insertFlags). */
export function insertBenchPost(db: Db, accountId: number, platformPostId: string, text: string, now: number): number {
  return prepared<[number, string, string, number, number, number], number>(
    db,
    `INSERT INTO posts (account_id, platform_post_id, text, published_at, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .pluck()
    .get(accountId, platformPostId, text, now, now, now)!;
}
