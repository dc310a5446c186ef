/**
 * Notification preferences (`notification_prefs`, `notification_entities`): read as the settings
 * page and the recipient rules need them, written with their audit row in one transaction.
 */
import type { Db } from "../client";
import { writeAudit } from "../audit";
import { prepared } from "../read/prepared";
import { defaultPrefs, unsubscribed, type NotificationPrefs, type Recipient, type UnsubscribeKind } from "../../core/alerts/prefs";
import type { SessionUser } from "../../core/access";
import type { Role } from "../../core/enums";

interface PrefsRow {
  immediate: number | null;
  digest: number | null;
  weeklyReport: number | null;
  allEntities: number | null;
  chosen: string | null;
}

const PREFS_COLUMNS = `p.immediate, p.digest, p.weekly_report AS weeklyReport, p.all_entities AS allEntities,
  (SELECT group_concat(ne.entity_id) FROM notification_entities ne WHERE ne.user_id = u.id) AS chosen`;

function toPrefs(role: Role, r: PrefsRow): NotificationPrefs {
  if (r.immediate === null) return defaultPrefs(role);
  return {
    immediate: r.immediate === 1,
    digest: r.digest === 1,
    weeklyReport: r.weeklyReport === 1,
    allEntities: r.allEntities === 1,
    entityIds: r.chosen ? r.chosen.split(",").map(Number).sort((a, b) => a - b) : [],
  };
}

/** A user's preferences as they stand (the defaults of their role when never saved). */
export function prefsOf(db: Db, user: Pick<SessionUser, "id" | "role">): NotificationPrefs {
  const row = prepared<[number], PrefsRow>(db, `SELECT ${PREFS_COLUMNS} FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id WHERE u.id = ?`).get(user.id);
  return row ? toPrefs(user.role, row) : defaultPrefs(user.role);
}

type RecipientRow = PrefsRow & SessionUser;

/**
 * Active users who may see an entity's events (its own people and the CSB roles), with their
 * preferences; null: the CSB-wide ones (CSB roles only). The rules of core/alerts/prefs.ts decide.
 */
export function candidateRecipients(db: Db, entityId: number | null): Recipient[] {
  return prepared<[number | null], RecipientRow>(
    db,
    `SELECT u.id, u.email, u.name, u.role, u.entity_id AS entityId, u.locale, ${PREFS_COLUMNS}
       FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id
      WHERE u.disabled_at IS NULL AND (u.entity_id = ? OR u.role IN ('csb_admin', 'csb_analyst'))
      ORDER BY u.id`,
  )
    .all(entityId)
    .map(({ immediate, digest, weeklyReport, allEntities, chosen, ...u }) => ({ ...u, prefs: toPrefs(u.role, { immediate, digest, weeklyReport, allEntities, chosen }) }));
}

/** One active user with their preferences (the mail sender re-checks who it writes to). */
export function recipientById(db: Db, userId: number): Recipient | undefined {
  const row = prepared<[number], RecipientRow>(
    db,
    `SELECT u.id, u.email, u.name, u.role, u.entity_id AS entityId, u.locale, ${PREFS_COLUMNS}
       FROM users u LEFT JOIN notification_prefs p ON p.user_id = u.id WHERE u.id = ? AND u.disabled_at IS NULL`,
  ).get(userId);
  if (!row) return undefined;
  const { immediate, digest, weeklyReport, allEntities, chosen, ...u } = row;
  return { ...u, prefs: toPrefs(u.role, { immediate, digest, weeklyReport, allEntities, chosen }) };
}

/** Users whose digest is on (defaults never include it). */
export function digestRecipients(db: Db): number[] {
  return prepared<[], number>(db, `SELECT p.user_id FROM notification_prefs p JOIN users u ON u.id = p.user_id WHERE p.digest = 1 AND u.disabled_at IS NULL ORDER BY p.user_id`)
    .pluck()
    .all();
}

function writePrefs(db: Db, userId: number, p: NotificationPrefs, now: number): void {
  prepared<[number, number, number, number, number, number]>(
    db,
    `INSERT INTO notification_prefs (user_id, immediate, digest, weekly_report, all_entities, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (user_id) DO UPDATE SET immediate = excluded.immediate, digest = excluded.digest, weekly_report = excluded.weekly_report,
       all_entities = excluded.all_entities, updated_at = excluded.updated_at`,
  ).run(userId, +p.immediate, +p.digest, +p.weeklyReport, +p.allEntities, now);
  prepared<[number]>(db, `DELETE FROM notification_entities WHERE user_id = ?`).run(userId);
  const add = prepared<[number, number]>(db, `INSERT INTO notification_entities (user_id, entity_id) VALUES (?, ?)`);
  for (const id of new Set(p.entityIds)) add.run(userId, id);
}

/** Saves a user's own preferences with an audit row (before and after), in one transaction. */
export function savePrefs(db: Db, user: SessionUser, next: NotificationPrefs, now = Date.now()): void {
  db.$client.transaction(() => {
    const before = prefsOf(db, user);
    writePrefs(db, user.id, next, now);
    writeAudit(db, { user, action: "notifications.update", targetType: "user", targetId: user.id, entityId: user.entityId, before, after: prefsOf(db, user) }, new Date(now));
  })();
}

/** What a signed unsubscribe link does: turns the preference off, audited as the link (no session). */
export function applyUnsubscribe(db: Db, userId: number, kind: UnsubscribeKind, now = Date.now()): { email: string } | null {
  return db.$client.transaction(() => {
    const user = prepared<[number], SessionUser>(db, `SELECT id, email, name, role, entity_id AS entityId, locale FROM users WHERE id = ?`).get(userId);
    if (!user) return null;
    const before = prefsOf(db, user);
    const after = unsubscribed(before, kind);
    writePrefs(db, user.id, after, now);
    writeAudit(
      db,
      // The person, by the signed link in their email (no session): the action says how.
      { user, action: "notifications.unsubscribe", targetType: "user", targetId: user.id, entityId: user.entityId, before, after: { ...after, kind } },
      new Date(now),
    );
    return { email: user.email };
  })();
}

/**
 * Demo log-ins start with everything on (CSB roles: every entity), so alerts show from the first
 * minutes. Only for those who never saved preferences: a restarted demo keeps what people chose.
 */
export function enableAllNotifications(db: Db, emails: readonly string[], now = Date.now()): number {
  const add = prepared<[number, string]>(
    db,
    `INSERT INTO notification_prefs (user_id, immediate, digest, weekly_report, all_entities, updated_at)
     SELECT id, 1, 1, 1, 1, ? FROM users WHERE email = ? ON CONFLICT (user_id) DO NOTHING`,
  );
  return db.$client.transaction(() => emails.reduce((n, email) => n + add.run(now, email).changes, 0))();
}
