/**
 * The one permission module: every loader and action asks here who the user is and what they may
 * see or change. The pure rules (can*, entityScope) live in core/access.ts and are re-exported here;
 * this module adds the request helpers (require*). Anything not visible answers 404 with the same body as something that does not exist.
 */
import { redirect } from "@remix-run/node";
import { entityById, entityBySlug, type Entity } from "../../db/accounts";
import { activeUser } from "../../db/sessions";
import { canEditEntity, canReview, canSeeEntity, type Role, type SessionUser } from "../../core/access";
import { db } from "./db.server";
import { forbidden, notFound } from "./http.server";
import { getSession } from "./session.server";

export { canEditEntity, canExportRecords, canReview, canSeeEntity, entityScope, isCsb, type Role, type SessionUser } from "../../core/access";

// ---- request helpers --------------------------------------------------------------------------

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

export function getUser(request: Request): Promise<SessionUser | null> {
  let p = cache.get(request);
  if (!p) {
    p = loadUser(request);
    cache.set(request, p);
  }
  return p;
}

async function loadUser(request: Request): Promise<SessionUser | null> {
  const session = await getSession(request);
  const userId = Number(session.get("userId"));
  if (!Number.isInteger(userId) || userId <= 0) return null;
  return activeUser(db(), userId) ?? null;
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return user;
}

export async function requireRole(request: Request, roles: Role[]): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!roles.includes(user.role)) notFound();
  return user;
}

export function requireCsb(request: Request): Promise<SessionUser> {
  return requireRole(request, ["csb_admin", "csb_analyst"]);
}

export function requireAdmin(request: Request): Promise<SessionUser> {
  return requireRole(request, ["csb_admin"]);
}

function findEntity(slugOrId: string | number): Entity | undefined {
  const asId = typeof slugOrId === "number" ? slugOrId : /^\d+$/.test(slugOrId) ? Number(slugOrId) : null;
  if (asId !== null) return entityById(db(), asId);
  if (typeof slugOrId !== "string" || slugOrId.length > 200) return undefined;
  return entityBySlug(db(), slugOrId);
}

export async function requireEntityAccess(
  request: Request,
  slugOrId: string | number,
): Promise<{ user: SessionUser; entity: Entity }> {
  const user = await requireUser(request);
  const entity = findEntity(slugOrId);
  if (!entity || !canSeeEntity(user, entity.id)) notFound();
  return { user, entity };
}

export async function requireEntityEditor(
  request: Request,
  slugOrId: string | number,
): Promise<{ user: SessionUser; entity: Entity }> {
  const { user, entity } = await requireEntityAccess(request, slugOrId);
  if (!canEditEntity(user, entity.id)) forbidden();
  return { user, entity };
}

export async function requireReviewer(request: Request, entityId: number): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!canSeeEntity(user, entityId)) notFound();
  if (!canReview(user, entityId)) forbidden();
  return user;
}
