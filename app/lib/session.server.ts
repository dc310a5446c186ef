/**
 * DB-backed cookie sessions (table `sessions`). Only signed-in sessions are stored: the row needs a
 * user. The cookie carries just the signed session id; Secure is decided per request so the same
 * build works behind an HTTPS proxy and on plain-HTTP localhost.
 */
import { createCookie, createSessionStorage, type Session } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { sessionSecret } from "../../db/session-secret";
import { deleteSession, insertSession, sessionById, updateSession } from "../../db/sessions";
import { db } from "./db.server";

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** SESSION_SECRET, or outside production a generated one kept under data/ (db/session-secret.ts). */
export { sessionSecret };

let storage: ReturnType<typeof build> | undefined;
function build() {
  const cookie = createCookie("amanah_session", {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [sessionSecret()],
  });
  return createSessionStorage({
    cookie,
    async createData(data, expires) {
      const userId = Number(data.userId);
      if (!Number.isInteger(userId)) throw new Error("only signed-in sessions are stored");
      const id = randomBytes(24).toString("base64url");
      insertSession(db(), { id, userId, data, expiresAt: expires ?? new Date(Date.now() + SESSION_TTL_MS) });
      return id;
    },
    async readData(id) {
      const row = sessionById(db(), id);
      if (!row) return null;
      if (row.expiresAt.getTime() <= Date.now()) {
        deleteSession(db(), id);
        return null;
      }
      return row.data;
    },
    async updateData(id, data, expires) {
      updateSession(db(), id, data, expires ?? new Date(Date.now() + SESSION_TTL_MS));
    },
    async deleteData(id) {
      deleteSession(db(), id);
    },
  });
}
function sessionStorage() {
  return (storage ??= build());
}

/** True when the client reached us over HTTPS (directly or through a proxy that says so). */
export function isHttps(request: Request): boolean {
  const proto = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim();
  if (proto) return proto === "https";
  return new URL(request.url).protocol === "https:";
}

export function getSession(request: Request): Promise<Session> {
  return sessionStorage().getSession(request.headers.get("Cookie"));
}

/** Starts a brand-new session for the user (new id: rotation at sign-in) and ends any old one. */
export async function startUserSession(request: Request, userId: number): Promise<string> {
  const s = sessionStorage();
  const old = await s.getSession(request.headers.get("Cookie"));
  if (old.id) await s.destroySession(old);
  const fresh = await s.getSession();
  fresh.set("userId", userId);
  return s.commitSession(fresh, { secure: isHttps(request), maxAge: SESSION_TTL_MS / 1000 });
}

export async function endSession(request: Request): Promise<string> {
  const s = sessionStorage();
  const session = await s.getSession(request.headers.get("Cookie"));
  return s.destroySession(session, { secure: isHttps(request) });
}

/** Long-lived language preference (also for signed-out visitors). */
export const localeCookie = createCookie("amanah_locale", {
  httpOnly: true,
  sameSite: "lax",
  path: "/",
  maxAge: 60 * 60 * 24 * 365,
});
