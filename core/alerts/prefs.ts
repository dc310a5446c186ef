/**
 * Who hears about what (pure). Everything a person may receive is first something they may see on
 * the pages (core/access.ts: an entity role only its own entity, CSB roles every entity), then what
 * they chose at /settings/notifications: alerts at once for urgent events, a daily digest, the
 * weekly report; CSB roles choose all entities or some.
 */
import { canSeeEntity, isCsb, type SessionUser } from "../access";
import type { EventType, Role, Severity } from "../enums";

export interface NotificationPrefs {
  /** Urgent events (critical/high flags, vanished or renamed accounts, failing fetches) at once. */
  immediate: boolean;
  /** The daily digest, 08:00 Asia/Bahrain, Sunday–Thursday. */
  digest: boolean;
  /** An email when the weekly report is ready. */
  weeklyReport: boolean;
  /** CSB roles: every entity (true) or only `entityIds`. Entity roles: ignored (their own entity). */
  allEntities: boolean;
  entityIds: number[];
}

/** What someone who never opened the settings gets: directors and reviewers hear about their entity at once. */
export function defaultPrefs(role: Role): NotificationPrefs {
  const entityRole = role === "entity_director" || role === "entity_reviewer";
  return { immediate: entityRole, digest: false, weeklyReport: false, allEntities: true, entityIds: [] };
}

/** The preference a one-click unsubscribe link turns off ("all": every email). */
export const UNSUBSCRIBE_KINDS = ["immediate", "digest", "weeklyReport", "all"] as const;
export type UnsubscribeKind = (typeof UNSUBSCRIBE_KINDS)[number];

export function unsubscribed(prefs: NotificationPrefs, kind: UnsubscribeKind): NotificationPrefs {
  if (kind === "all") return { ...prefs, immediate: false, digest: false, weeklyReport: false };
  return { ...prefs, [kind]: false };
}

/** An event as the recipient rules need it. */
export interface EventFacts {
  type: EventType;
  /** Null only for the CSB-wide weekly report. */
  entityId: number | null;
  severity: Severity | null;
}

const URGENT_SEVERITIES: readonly (Severity | null)[] = ["critical", "high"];

/** Goes out at once (grouped) to those who chose "immediately"; the rest waits for the digest. */
export function isUrgent(e: Pick<EventFacts, "type" | "severity">): boolean {
  switch (e.type) {
    case "flag.created":
    case "flag.overdue":
      return URGENT_SEVERITIES.includes(e.severity);
    case "account.vanished":
    case "account.renamed":
    case "fetch.failing":
    case "impersonation.suspected":
    case "account.takeover_suspected":
      return true;
    case "report.ready":
      return false;
  }
}

export interface Recipient extends SessionUser {
  prefs: NotificationPrefs;
}

/** CSB roles follow their chosen entities; an entity role's only entity is its own. */
export function followsEntity(user: Recipient, entityId: number): boolean {
  if (!canSeeEntity(user, entityId)) return false;
  return !isCsb(user) || user.prefs.allEntities || user.prefs.entityIds.includes(entityId);
}

/** May and wants this event by email at once (a report.ready is never "at once": see wantsReport). */
export function wantsImmediately(user: Recipient, e: EventFacts): boolean {
  return e.entityId !== null && user.prefs.immediate && isUrgent(e) && followsEntity(user, e.entityId);
}

/**
 * The weekly report's email: the entity's own report to its people; the CSB-wide report to CSB
 * roles; an entity's report also to CSB roles who chose that entity (not to those following all of
 * them, who would get sixty emails every Sunday).
 */
export function wantsReport(user: Recipient, e: EventFacts): boolean {
  if (e.type !== "report.ready" || !user.prefs.weeklyReport) return false;
  if (e.entityId === null) return isCsb(user);
  if (!isCsb(user)) return user.entityId === e.entityId;
  return !user.prefs.allEntities && user.prefs.entityIds.includes(e.entityId);
}

/** Whether an event is in a user's digest (the digest lists every event of the entities they follow). */
export function inDigest(user: Recipient, e: EventFacts): boolean {
  return e.type !== "report.ready" && e.entityId !== null && followsEntity(user, e.entityId);
}
