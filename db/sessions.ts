/**
 * Users and signed-in sessions: what the sign-in, the cookie session store and the per-request user
 * lookup read and write (attempts and lockouts: sign-in-attempts.ts). A person's write carries its audit row in one transaction.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import type { SessionUser } from "../core/access";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { perHandle } from "./per-handle";
import { sessions, users } from "./schema";

export type User = typeof users.$inferSelect;
export type SessionRow = typeof sessions.$inferSelect;
export type NewSession = Pick<typeof sessions.$inferInsert, "id" | "userId" | "data" | "expiresAt">;

// Read on every request (session, then user): prepared once per handle.
const statements = perHandle((db: Db) => ({
  session: db.select().from(sessions).where(eq(sessions.id, sql.placeholder("id"))).prepare(),
  activeUser: db
    .select({ id: users.id, email: users.email, name: users.name, role: users.role, entityId: users.entityId, locale: users.locale })
    .from(users)
    .where(and(eq(users.id, sql.placeholder("id")), isNull(users.disabledAt)))
    .prepare(),
}));

// ---- users ------------------------------------------------------------------------------------

/** The signed-in identity of a user row. */
export function toSessionUser(row: User): SessionUser {
  return { id: row.id, email: row.email, name: row.name, role: row.role, entityId: row.entityId, locale: row.locale };
}

/** A user that may sign in (not disabled), as the session sees it. */
export function activeUser(db: Db, id: number): SessionUser | undefined {
  return statements(db).activeUser.get({ id });
}

export function userByEmail(db: Db, email: string): User | undefined {
  return db.select().from(users).where(eq(users.email, email)).get();
}

/** Saves the user's language, with its audit row. */
export function setUserLocale(db: Db, user: SessionUser, locale: SessionUser["locale"]): void {
  db.transaction((tx) => {
    tx.update(users).set({ locale }).where(eq(users.id, user.id)).run();
    writeAudit(tx, { user, action: "user.locale", targetType: "user", targetId: user.id, entityId: user.entityId, before: { locale: user.locale }, after: { locale } });
  });
}

// ---- sessions ---------------------------------------------------------------------------------

export function sessionById(db: Db, id: string): SessionRow | undefined {
  return statements(db).session.get({ id });
}

export function insertSession(db: Db, row: NewSession): void {
  db.insert(sessions).values(row).run();
}

export function updateSession(db: Db, id: string, data: SessionRow["data"], expiresAt: Date): void {
  db.update(sessions).set({ data, expiresAt }).where(eq(sessions.id, id)).run();
}

export function deleteSession(db: Db, id: string): void {
  db.delete(sessions).where(eq(sessions.id, id)).run();
}
