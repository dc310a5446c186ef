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

/** Where to go after sign-in: only same-site paths (no open redirect). */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  if (next.length > 2000) return fallback;
  return next;
}

/** Client address: from the express load context when served, else the socket-less test default. */
export function clientIp(context: unknown): string {
  const ip = (context as { clientIp?: unknown } | undefined)?.clientIp;
  return typeof ip === "string" && ip ? ip : "local";
}
