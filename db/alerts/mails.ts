/**
 * Deliveries of an event and the emails that carry them. An event's deliveries are written once
 * (unique per event, channel and target) in one immediate transaction that also marks the event
 * processed; alert deliveries join the recipient's open alert email or start one (grouping, see
 * docs/alerts.md); the sender claims an email, reads what it carries, and marks it sent.
 */
import type { Db } from "../client";
import { prepared, placeholders } from "../read/prepared";
import type { MailKind, MailStatus } from "../../core/enums";

/** Reads then writes under the write lock from the start, so a concurrent writer cannot interleave. */
function immediate<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}

export interface Grouping {
  /** The first alert of a quiet spell waits this long, so alerts raised together share one email. */
  gatherMs: number;
  /** After an alert email, the next one waits until this long after it: one trailing email per window. */
  windowMs: number;
}

export interface DeliveryPlan {
  /** Users who get this event by email at once (grouped). */
  alertTo: readonly number[];
  /** Users who get this report.ready by email. */
  reportTo: readonly number[];
  hookIds: readonly number[];
}

/** When a new alert email for this user goes: after the gather delay, or at the end of the window. */
function alertSendAt(db: Db, userId: number, now: number, g: Grouping): number {
  const last = prepared<[number], number | null>(db, `SELECT max(send_at) FROM mails WHERE user_id = ? AND kind = 'alert'`).pluck().get(userId) ?? null;
  return last !== null && now < last + g.windowMs ? last + g.windowMs : now + g.gatherMs;
}

function newMail(db: Db, userId: number, kind: MailKind, sendAt: number, now: number, dedupeKey: string | null = null, data: Record<string, unknown> = {}): number | null {
  return (
    prepared<[number, string, string | null, number, number, string], number>(
      db,
      `INSERT INTO mails (user_id, kind, dedupe_key, status, send_at, created_at, data) VALUES (?, ?, ?, 'open', ?, ?, ?)
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
    )
      .pluck()
      .get(userId, kind, dedupeKey, sendAt, now, JSON.stringify(data)) ?? null
  );
}

function insertDelivery(db: Db, eventId: number, d: { channel: "email" | "webhook"; userId?: number; hookId?: number }, now: number): number | null {
  const target = d.userId !== undefined ? `user:${d.userId}` : `hook:${d.hookId}`;
  return (
    prepared<[number, string, string, number | null, number | null, number], number>(
      db,
      `INSERT INTO deliveries (event_id, channel, target, user_id, hook_id, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id, channel, target) DO NOTHING RETURNING id`,
    )
      .pluck()
      .get(eventId, d.channel, target, d.userId ?? null, d.hookId ?? null, now) ?? null
  );
}

/**
 * Writes an event's deliveries and marks it processed, once: a second call (a retried job) finds
 * the event processed and writes nothing. Alert deliveries join the user's open alert email, or
 * open one (sent after the gather delay, or at the end of the grouping window).
 */
export function recordDeliveries(db: Db, eventId: number, plan: DeliveryPlan, now: number, g: Grouping): void {
  immediate(db, () => {
    const done = prepared<[number], number | null>(db, `SELECT processed_at FROM events WHERE id = ?`).pluck().get(eventId);
    if (done !== null) return; // processed already (or no such event)
    const attach = prepared<[number, number]>(db, `UPDATE deliveries SET mail_id = ? WHERE id = ?`);
    for (const userId of plan.alertTo) {
      const id = insertDelivery(db, eventId, { channel: "email", userId }, now);
      if (id === null) continue;
      const open = prepared<[number], number>(db, `SELECT id FROM mails WHERE user_id = ? AND kind = 'alert' AND status = 'open' ORDER BY id DESC LIMIT 1`).pluck().get(userId);
      attach.run(open ?? newMail(db, userId, "alert", alertSendAt(db, userId, now, g), now)!, id);
    }
    for (const userId of plan.reportTo) {
      const id = insertDelivery(db, eventId, { channel: "email", userId }, now);
      if (id !== null) attach.run(newMail(db, userId, "report", now, now)!, id);
    }
    for (const hookId of plan.hookIds) insertDelivery(db, eventId, { channel: "webhook", hookId }, now);
    prepared<[number, number]>(db, `UPDATE events SET processed_at = ? WHERE id = ?`).run(now, eventId);
  });
}

export interface MailDue {
  id: number;
  sendAt: number;
}

/** What an event still has in flight: its unsent emails and pending webhook deliveries (to queue). */
export function eventWork(db: Db, eventId: number): { mails: MailDue[]; hookDeliveries: number[] } {
  const mails = prepared<[number], MailDue>(
    db,
    `SELECT DISTINCT m.id, m.send_at AS sendAt FROM deliveries d JOIN mails m ON m.id = d.mail_id
      WHERE d.event_id = ? AND m.status IN ('open', 'sending')`,
  ).all(eventId);
  const hookDeliveries = prepared<[number], number>(db, `SELECT id FROM deliveries WHERE event_id = ? AND channel = 'webhook' AND status = 'pending' ORDER BY id`)
    .pluck()
    .all(eventId);
  return { mails, hookDeliveries };
}

/** The digest email of a user for one slot, once (by its key); null when it exists already. */
export function openDigestMail(db: Db, userId: number, slot: { day: string; from: number; to: number }, now: number): number | null {
  return newMail(db, userId, "digest", now, now, `digest:${userId}:${slot.day}`, { from: slot.from, to: slot.to, day: slot.day });
}

// ---- the sender -------------------------------------------------------------------------------------

export interface MailRow {
  id: number;
  userId: number;
  kind: MailKind;
  status: MailStatus;
  sendAt: number;
  attempts: number;
  data: string;
  createdAt: number;
}

const MAIL_COLUMNS = `id, user_id AS userId, kind, status, send_at AS sendAt, attempts, data, created_at AS createdAt`;

export function mailById(db: Db, id: number): MailRow | undefined {
  return prepared<[number], MailRow>(db, `SELECT ${MAIL_COLUMNS} FROM mails WHERE id = ?`).get(id);
}

/**
 * Takes an email for sending: open (or left "sending" by a crashed attempt) becomes "sending", so no
 * alert joins it any more. Undefined when it was sent, skipped or failed already.
 */
export function claimMail(db: Db, id: number): MailRow | undefined {
  return prepared<[number], MailRow>(
    db,
    `UPDATE mails SET status = 'sending', attempts = attempts + 1 WHERE id = ? AND status IN ('open', 'sending') RETURNING ${MAIL_COLUMNS}`,
  ).get(id);
}

/** The event ids an email carries (its pending deliveries). */
export function mailEventIds(db: Db, mailId: number): { deliveryId: number; eventId: number }[] {
  return prepared<[number], { deliveryId: number; eventId: number }>(
    db,
    `SELECT id AS deliveryId, event_id AS eventId FROM deliveries WHERE mail_id = ? AND status = 'pending' ORDER BY event_id`,
  ).all(mailId);
}

export function skipMailDeliveries(db: Db, deliveryIds: readonly number[], why: string): void {
  if (!deliveryIds.length) return;
  prepared<unknown[]>(db, `UPDATE deliveries SET status = 'skipped', error = ? WHERE id IN (${placeholders(deliveryIds.length)}) AND status = 'pending'`).run(why, ...deliveryIds);
}

/** Accepted by the SMTP server: the email and every delivery it carried are sent. */
export function markMailSent(db: Db, id: number, now: number): void {
  db.$client.transaction(() => {
    prepared<[number, number]>(db, `UPDATE mails SET status = 'sent', sent_at = ?, error = NULL WHERE id = ?`).run(now, id);
    prepared<[number, number, number]>(
      db,
      `UPDATE deliveries SET status = 'sent', sent_at = ?, attempts = attempts + 1, last_attempt_at = ? WHERE mail_id = ? AND status = 'pending'`,
    ).run(now, now, id);
  })();
}

/** Nothing to say (all carried events skipped, an empty digest) or no way to say it (no SMTP). */
export function markMailSkipped(db: Db, id: number, why: string): void {
  db.$client.transaction(() => {
    prepared<[string, number]>(db, `UPDATE mails SET status = 'skipped', error = ? WHERE id = ?`).run(why, id);
    prepared<[string, number]>(db, `UPDATE deliveries SET status = 'skipped', error = ? WHERE mail_id = ? AND status = 'pending'`).run(why, id);
  })();
}

/** The last attempt failed: the email and what it carried are failed. */
export function markMailFailed(db: Db, id: number, error: string): void {
  db.$client.transaction(() => {
    prepared<[string, number]>(db, `UPDATE mails SET status = 'failed', error = ? WHERE id = ?`).run(error.slice(0, 500), id);
    prepared<[string, number]>(db, `UPDATE deliveries SET status = 'failed', error = ? WHERE mail_id = ? AND status = 'pending'`).run(error.slice(0, 500), id);
  })();
}

/** An attempt failed and will be retried: the error is kept for the operator. */
export function noteMailError(db: Db, id: number, error: string): void {
  prepared<[string, number]>(db, `UPDATE mails SET error = ? WHERE id = ?`).run(error.slice(0, 500), id);
}

/** Unsent emails due before `before` (their job may be lost with Redis). */
export function overdueMails(db: Db, before: number, limit: number): MailDue[] {
  return prepared<[number, number], MailDue>(db, `SELECT id, send_at AS sendAt FROM mails WHERE status IN ('open', 'sending') AND send_at < ? ORDER BY id LIMIT ?`).all(before, limit);
}
