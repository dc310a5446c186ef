/**
 * Sign-in with throttling. Failed attempts are rows in `login_attempts`; more than
 * MAX_PER_EMAIL failures for one email, or MAX_PER_IP from one address, inside WINDOW_MS answer 429
 * before the password is even checked (so a locked account can't be brute-forced).
 */
import { randomBytes } from "node:crypto";
import { db } from "./db.server";
import { hashPassword, verifyPassword } from "../../db/passwords";
import { recordSignIn, recordSignInFailure, signInFailures, toSessionUser, userByEmail } from "../../db/sessions";
import type { SessionUser } from "./permissions.server";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_EMAIL = 5;
export const MAX_PER_IP = 20;

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled_email" | "throttled_ip" };

// A real hash of a random password: unknown emails cost the same time as known ones.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function failureCounts(email: string, ip: string, now = Date.now()): { email: number; ip: number } {
  return signInFailures(db(), email, ip, new Date(now - WINDOW_MS));
}

export async function signIn(rawEmail: string, password: string, ip: string): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const counts = failureCounts(email, ip);
  if (counts.email >= MAX_PER_EMAIL) return { ok: false, reason: "throttled_email" };
  if (counts.ip >= MAX_PER_IP) return { ok: false, reason: "throttled_ip" };

  const row = userByEmail(db(), email);
  const good = await verifyPassword(row?.passwordHash ?? (await dummy()), password);
  if (!row || !good || row.disabledAt) {
    recordSignInFailure(db(), email, ip, row);
    return { ok: false, reason: "invalid" };
  }
  const user = toSessionUser(row);
  recordSignIn(db(), user, ip);
  return { ok: true, user };
}

// Control characters (C0, DEL, C1) and backslashes are refused anywhere in a path: browsers drop
// tab and newline and read a backslash as "/", so "/<TAB>/evil.example" would leave the site.
const UNSAFE_PATH_CHAR = /[\u0000-\u001f\u007f-\u009f\\]/;
const LOCAL_ORIGIN = "http://x.invalid";

/**
 * Where to go after sign-in (or the language switch): only a path on this site. The value is read
 * with the browser's own URL rules against a placeholder origin, and kept only when it stays on that
 * origin; the answer is the parsed path (percent-encoded, so it is always a valid Location header).
 */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || UNSAFE_PATH_CHAR.test(next)) return fallback;
  let url: URL;
  try {
    url = new URL(next, LOCAL_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== LOCAL_ORIGIN) return fallback;
  return url.pathname + url.search + url.hash;
}

/** Client address: from the express load context when served, else the socket-less test default. */
export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "local";
}
