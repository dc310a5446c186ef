/**
 * Who may see and change what: the pure rules behind the app's one permission module
 * (app/lib/permissions.server.ts), also used by db/ (imports, audit) and reports/.
 *
 * CSB roles see every entity; entity roles see only their own. csb_admin edits every registry; an
 * entity_director edits their own entity's; csb_analyst and reviewers are read-only.
 */
import type { Role } from "./enums";

export type { Role };

export interface SessionUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  entityId: number | null;
  locale: "ar" | "en";
}

const CSB_ROLES: readonly Role[] = ["csb_admin", "csb_analyst"];

export function isCsb(user: SessionUser): boolean {
  return CSB_ROLES.includes(user.role);
}

// ---- pure rules -------------------------------------------------------------------------------

export function canSeeEntity(user: SessionUser, entityId: number): boolean {
  return isCsb(user) || (user.entityId !== null && user.entityId === entityId);
}

export function canEditEntity(user: SessionUser, entityId: number): boolean {
  if (user.role === "csb_admin") return true;
  return user.role === "entity_director" && user.entityId === entityId;
}

export function canReview(user: SessionUser, entityId: number): boolean {
  if (isCsb(user)) return true;
  return (user.role === "entity_reviewer" || user.role === "entity_director") && user.entityId === entityId;
}

/** null = every entity (CSB); otherwise the only entity id the user may see. */
export function entityScope(user: SessionUser): number | null {
  return isCsb(user) ? null : (user.entityId ?? -1);
}

/** The records export of an account (legal and records requests): the entity's director and CSB roles. */
export function canExportRecords(user: SessionUser, entityId: number): boolean {
  return isCsb(user) || (user.role === "entity_director" && user.entityId === entityId);
}
