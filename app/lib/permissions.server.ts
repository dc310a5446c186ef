/**
 * The one permission module: every loader and action asks here who the user is and what they may
 * see or change. Pure rules (can*, entityScope) are separate from the request helpers (require*)
 * so they are unit-tested without HTTP.
 *
 * Rules: CSB roles see every entity; entity roles see only their own. csb_admin edits every
 * registry; an entity_director edits their own entity's; csb_analyst and reviewers are read-only.
 * Anything not visible answers 404 with the same body as something that does not exist.
 */
import { redirect } from "@remix-run/node";
import { and, eq, isNull, sql } from "drizzle-orm";
import { entities, users, type Role } from "../../db/schema";
import { db } from "./db.server";
import { getSession } from "./session.server";

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

// ---- responses --------------------------------------------------------------------------------

/** The 404 every hidden or missing thing answers with (identical body: no existence oracle). */
export function notFound(): never {
  throw new Response("Not Found", { status: 404, statusText: "Not Found" });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403, statusText: "Forbidden" });
}

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
  const row = statements().user.get({ id: userId });
  return row ?? null;
}

// Prepared once per database handle (tests swap the handle with setDb): building the query with
// drizzle on every request showed up in profiles of the dashboard pages.
function prepare(d: ReturnType<typeof db>) {
  return {
    user: d
      .select({ id: users.id, email: users.email, name: users.name, role: users.role, entityId: users.entityId, locale: users.locale })
      .from(users)
      .where(and(eq(users.id, sql.placeholder("id")), isNull(users.disabledAt)))
      .prepare(),
    entityById: d.select().from(entities).where(eq(entities.id, sql.placeholder("id"))).prepare(),
    entityBySlug: d.select().from(entities).where(eq(entities.slug, sql.placeholder("slug"))).prepare(),
  };
}
const prepared = new WeakMap<object, ReturnType<typeof prepare>>();
function statements(): ReturnType<typeof prepare> {
  const d = db();
  let p = prepared.get(d);
  if (!p) prepared.set(d, (p = prepare(d)));
  return p;
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

type Entity = typeof entities.$inferSelect;

function findEntity(slugOrId: string | number): Entity | undefined {
  const asId = typeof slugOrId === "number" ? slugOrId : /^\d+$/.test(slugOrId) ? Number(slugOrId) : null;
  if (asId !== null) return statements().entityById.get({ id: asId });
  if (typeof slugOrId !== "string" || slugOrId.length > 200) return undefined;
  return statements().entityBySlug.get({ slug: slugOrId });
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
