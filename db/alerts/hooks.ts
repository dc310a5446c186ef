/**
 * Webhooks (`webhooks`) and their deliveries' log: registration, removal and re-enabling with their
 * audit rows; the hooks an event goes to; each attempt's outcome; a hook failing for the give-up
 * window is disabled (audited) and its owner gets a notice email (a `mails` row).
 */
import type { Db } from "../client";
import { writeAudit } from "../audit";
import { prepared } from "../read/prepared";
import type { SessionUser } from "../../core/access";
import type { DeliveryStatus, EventType } from "../../core/enums";

export interface HookRow {
  id: number;
  entityId: number | null;
  url: string;
  description: string | null;
  secretSealed: string;
  createdBy: number;
  createdAt: number;
  failingSince: number | null;
  lastSuccessAt: number | null;
  disabledAt: number | null;
  disabledReason: string | null;
}

const HOOK_COLUMNS = `id, entity_id AS entityId, url, description, secret_sealed AS secretSealed, created_by AS createdBy, created_at AS createdAt,
  failing_since AS failingSince, last_success_at AS lastSuccessAt, disabled_at AS disabledAt, disabled_reason AS disabledReason`;

/** Hooks of one entity, or the global ones (null); deleted hooks are gone from every list. */
export function hooksOf(db: Db, entityId: number | null): HookRow[] {
  return prepared<[number | null, number | null], HookRow>(
    db,
    `SELECT ${HOOK_COLUMNS} FROM webhooks WHERE deleted_at IS NULL AND (entity_id = ? OR (? IS NULL AND entity_id IS NULL)) ORDER BY id`,
  ).all(entityId, entityId);
}

export function hookById(db: Db, id: number): HookRow | undefined {
  return prepared<[number], HookRow>(db, `SELECT ${HOOK_COLUMNS} FROM webhooks WHERE id = ? AND deleted_at IS NULL`).get(id);
}

/** Active hooks an event of this entity goes to: the entity's own and the global ones. */
export function hooksForEvent(db: Db, entityId: number | null): number[] {
  return prepared<[number | null], number>(
    db,
    `SELECT id FROM webhooks WHERE deleted_at IS NULL AND disabled_at IS NULL AND (entity_id IS NULL OR entity_id = ?) ORDER BY id`,
  )
    .pluck()
    .all(entityId);
}

export interface NewHook {
  entityId: number | null;
  url: string;
  description: string | null;
  secretSealed: string;
}

/** Registers a hook with its audit row (the URL, never the secret). */
export function createHook(db: Db, user: SessionUser, h: NewHook, now = Date.now()): number {
  return db.$client.transaction(() => {
    const id = prepared<[number | null, string, string | null, string, number, number], number>(
      db,
      `INSERT INTO webhooks (entity_id, url, description, secret_sealed, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id`,
    )
      .pluck()
      .get(h.entityId, h.url, h.description, h.secretSealed, user.id, now)!;
    writeAudit(db, { user, action: "webhook.create", targetType: "webhook", targetId: id, entityId: h.entityId, after: { url: h.url, description: h.description, scope: h.entityId === null ? "global" : "entity" } }, new Date(now));
    return id;
  })();
}

/** Removes a hook (kept for its delivery log, never sent to again); pending deliveries are skipped. */
export function deleteHook(db: Db, user: SessionUser, hook: HookRow, now = Date.now()): void {
  db.$client.transaction(() => {
    prepared<[number, number]>(db, `UPDATE webhooks SET deleted_at = ? WHERE id = ?`).run(now, hook.id);
    skipPending(db, hook.id, "webhook deleted");
    writeAudit(db, { user, action: "webhook.delete", targetType: "webhook", targetId: hook.id, entityId: hook.entityId, before: { url: hook.url, description: hook.description } }, new Date(now));
  })();
}

/** Turns a disabled hook back on; its failure streak starts afresh. */
export function enableHook(db: Db, user: SessionUser, hook: HookRow, now = Date.now()): void {
  db.$client.transaction(() => {
    prepared<[number]>(db, `UPDATE webhooks SET disabled_at = NULL, disabled_reason = NULL, failing_since = NULL WHERE id = ?`).run(hook.id);
    writeAudit(db, { user, action: "webhook.enable", targetType: "webhook", targetId: hook.id, entityId: hook.entityId, before: { disabledAt: hook.disabledAt, reason: hook.disabledReason }, after: { enabled: true } }, new Date(now));
  })();
}

function skipPending(db: Db, hookId: number, why: string): void {
  prepared<[string, number]>(db, `UPDATE deliveries SET status = 'skipped', error = ? WHERE hook_id = ? AND status = 'pending'`).run(why, hookId);
}

// ---- deliveries -----------------------------------------------------------------------------------

/** What the sender needs for one attempt. */
export interface HookDelivery {
  id: number;
  uid: string;
  eventId: number;
  eventType: EventType;
  status: DeliveryStatus;
  attempts: number;
  firstAttemptAt: number | null;
  body: string | null;
  hook: HookRow;
}

export function hookDelivery(db: Db, deliveryId: number): HookDelivery | undefined {
  const row = prepared<[number], Omit<HookDelivery, "hook"> & { hookId: number }>(
    db,
    `SELECT d.id, d.uid, d.event_id AS eventId, e.type AS eventType, d.status, d.attempts, d.first_attempt_at AS firstAttemptAt, d.body, d.hook_id AS hookId
       FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.id = ? AND d.channel = 'webhook'`,
  ).get(deliveryId);
  if (!row) return undefined;
  const hook = prepared<[number], HookRow>(db, `SELECT ${HOOK_COLUMNS} FROM webhooks WHERE id = ?`).get(row.hookId);
  if (!hook) return undefined;
  const { hookId: _hookId, ...rest } = row;
  return { ...rest, hook };
}

/** Keeps the body of the first attempt: every retry sends the same bytes. */
export function saveHookBody(db: Db, deliveryId: number, body: string): void {
  prepared<[string, number]>(db, `UPDATE deliveries SET body = ? WHERE id = ? AND body IS NULL`).run(body, deliveryId);
}

export function skipDelivery(db: Db, deliveryId: number, why: string): void {
  prepared<[string, number]>(db, `UPDATE deliveries SET status = 'skipped', error = ? WHERE id = ? AND status = 'pending'`).run(why, deliveryId);
}

export interface AttemptOutcome {
  ok: boolean;
  /** HTTP status, or null when there was no answer (timeout, refused, connection error). */
  code: number | null;
  durationMs: number;
  error: string | null;
  now: number;
}

/** A successful attempt: the delivery is sent, the hook's failure streak ends. */
export function recordHookSuccess(db: Db, d: HookDelivery, o: AttemptOutcome): void {
  db.$client.transaction(() => {
    prepared<[number, number, number, number, number, number]>(
      db,
      `UPDATE deliveries SET status = 'sent', attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?,
         response_code = ?, duration_ms = ?, error = NULL, sent_at = ? WHERE id = ?`,
    ).run(o.now, o.now, o.code ?? 0, o.durationMs, o.now, d.id);
    prepared<[number, number]>(db, `UPDATE webhooks SET failing_since = NULL, last_success_at = ? WHERE id = ?`).run(o.now, d.hook.id);
  })();
}

export interface FailureResult {
  /** The delivery itself gave up (its own give-up window passed). */
  gaveUp: boolean;
  /** The hook was disabled by this failure; the notice mail to its owner (null when the owner is gone). */
  disabled: { mailId: number | null } | null;
}

/**
 * A failed attempt: logged on the delivery; the hook's failure streak starts (or goes on); past
 * `giveUpMs` of failing the hook is disabled (audited), its pending deliveries skipped and its owner
 * sent a notice. A delivery older than `giveUpMs` gives up (status failed).
 */
export function recordHookFailure(db: Db, d: HookDelivery, o: AttemptOutcome, giveUpMs: number): FailureResult {
  return db.$client.transaction((): FailureResult => {
    const first = d.firstAttemptAt ?? o.now;
    const gaveUp = o.now - first >= giveUpMs;
    prepared<[string, number, number, number | null, number, string | null, number]>(
      db,
      `UPDATE deliveries SET status = ?, attempts = attempts + 1, first_attempt_at = COALESCE(first_attempt_at, ?), last_attempt_at = ?,
         response_code = ?, duration_ms = ?, error = ? WHERE id = ?`,
    ).run(gaveUp ? "failed" : "pending", o.now, o.now, o.code, o.durationMs, o.error?.slice(0, 500) ?? null, d.id);
    prepared<[number, number]>(db, `UPDATE webhooks SET failing_since = COALESCE(failing_since, ?) WHERE id = ?`).run(o.now, d.hook.id);
    const hook = hookById(db, d.hook.id);
    if (!hook || hook.disabledAt !== null || hook.failingSince === null || o.now - hook.failingSince < giveUpMs) return { gaveUp, disabled: null };
    const reason = `failing since ${new Date(hook.failingSince).toISOString()}: ${o.error ?? `HTTP ${o.code}`}`.slice(0, 500);
    prepared<[number, string, number]>(db, `UPDATE webhooks SET disabled_at = ?, disabled_reason = ? WHERE id = ?`).run(o.now, reason, hook.id);
    skipPending(db, hook.id, "webhook disabled");
    writeAudit(db, { user: "system:workers", action: "webhook.disable", targetType: "webhook", targetId: hook.id, entityId: hook.entityId, before: { failingSince: hook.failingSince }, after: { disabledAt: o.now, reason } }, new Date(o.now));
    const owner = prepared<[number], number>(db, `SELECT id FROM users WHERE id = ? AND disabled_at IS NULL`).pluck().get(hook.createdBy);
    const mailId =
      owner === undefined
        ? null
        : (prepared<[number, string, number, number, string], number>(
            db,
            `INSERT INTO mails (user_id, kind, dedupe_key, status, send_at, created_at, data) VALUES (?, 'hook_disabled', ?, 'open', ?, ?, ?)
             ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
          )
            .pluck()
            .get(owner, `hook-disabled:${hook.id}:${o.now}`, o.now, o.now, JSON.stringify({ hookId: hook.id })) ?? null);
    return { gaveUp, disabled: { mailId } };
  })();
}

export interface DeliveryLogRow {
  id: number;
  uid: string;
  eventType: EventType;
  occurredAt: number;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  error: string | null;
  lastAttemptAt: number | null;
}

/** A hook's latest deliveries, newest first (the log on /settings/webhooks). */
export function deliveryLog(db: Db, hookId: number, limit = 50): DeliveryLogRow[] {
  return prepared<[number, number], DeliveryLogRow>(
    db,
    `SELECT d.id, d.uid, e.type AS eventType, e.occurred_at AS occurredAt, d.status, d.attempts, d.response_code AS responseCode,
            d.duration_ms AS durationMs, d.error, d.last_attempt_at AS lastAttemptAt
       FROM deliveries d JOIN events e ON e.id = d.event_id WHERE d.hook_id = ? ORDER BY d.id DESC LIMIT ?`,
  ).all(hookId, limit);
}

/** Pending webhook deliveries created before `before` (their job may be lost with Redis). */
export function pendingHookDeliveries(db: Db, before: number, limit: number): number[] {
  return prepared<[number, number], number>(
    db,
    `SELECT id FROM deliveries WHERE status = 'pending' AND channel = 'webhook' AND created_at < ? ORDER BY id LIMIT ?`,
  )
    .pluck()
    .all(before, limit);
}

/** A hook as stored, deleted or not (the notice of a disabled hook names it either way). */
export function hookRecord(db: Db, id: number): HookRow | undefined {
  return prepared<[number], HookRow>(db, `SELECT ${HOOK_COLUMNS} FROM webhooks WHERE id = ?`).get(id);
}
