/**
 * Sign-in with throttling, after OWASP's Authentication Cheat Sheet:
 * - per (email, address): MAX_PER_PAIR attempts inside WINDOW_MS lock that pair (429, even for the
 *   right password), so one address cannot guess one account's password;
 * - per address: MAX_PER_IP attempts lock the address for every email (password spraying);
 * - per email: after SLOW_AFTER failures from anywhere, every attempt on that account waits a
 *   progressive delay (slowDownMs) before its password is checked. The right password from an
 *   address that is not locked still signs in: a stranger cannot lock the owner out.
 * The attempt is reserved (counted) before argon2 runs, in one transaction, so concurrent attempts
 * cannot all pass the check. Lockouts are audited; csb_admin sees and clears them on /admin.
 */
import { randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import { db } from "./db.server";
import { hashPassword, verifyPassword } from "../../db/passwords";
import { toSessionUser, userByEmail } from "../../db/sessions";
import { recordSignIn, recordSignInFailure, reserveSignInAttempt, type ThrottleLimits } from "../../db/sign-in-attempts";
import type { SessionUser } from "./permissions.server";

export const WINDOW_MS = 15 * 60 * 1000;
export const MAX_PER_PAIR = 5;
export const MAX_PER_IP = 20;
export const SLOW_AFTER = 5;
const SLOW_BASE_MS = 500;
const SLOW_MAX_MS = 15_000;

export const THROTTLE: ThrottleLimits & { slowAfter: number } = { windowMs: WINDOW_MS, perPair: MAX_PER_PAIR, perAddress: MAX_PER_IP, slowAfter: SLOW_AFTER };

export type SignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled_pair" | "throttled_ip"; retryAfterSec: number };

// A real hash of a random password: unknown emails cost the same time as known ones.
let dummyHash: Promise<string> | undefined;
function dummy(): Promise<string> {
  return (dummyHash ??= hashPassword(randomBytes(16).toString("hex")));
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The wait before checking a password for an account with `failures` recent failures: 0, then 0.5 s doubling to 15 s. */
export function slowDownMs(failures: number): number {
  if (failures < SLOW_AFTER) return 0;
  return Math.min(SLOW_MAX_MS, SLOW_BASE_MS * 2 ** (failures - SLOW_AFTER));
}

export async function signIn(rawEmail: string, password: string, ip: string): Promise<SignInResult> {
  const email = normaliseEmail(rawEmail);
  const now = Date.now();
  const reserved = reserveSignInAttempt(db(), email, ip, THROTTLE, now);
  if (!reserved.ok) {
    return { ok: false, reason: reserved.scope === "pair" ? "throttled_pair" : "throttled_ip", retryAfterSec: Math.max(1, Math.ceil((reserved.retryAt - now) / 1000)) };
  }
  const wait = slowDownMs(reserved.accountFailures);
  if (wait > 0) await sleep(wait);

  const row = userByEmail(db(), email);
  const good = await verifyPassword(row?.passwordHash ?? (await dummy()), password);
  if (!row || !good || row.disabledAt) {
    recordSignInFailure(db(), reserved.id, { email, ip, user: row }, THROTTLE);
    return { ok: false, reason: "invalid" };
  }
  const user = toSessionUser(row);
  recordSignIn(db(), reserved.id, user, ip);
  return { ok: true, user };
}

// Control characters (C0, DEL, C1) and backslashes are refused anywhere in a path: browsers drop
// tab and newline and read a backslash as "/", so "/<TAB>/evil.example" would leave the site.
function hasUnsafePathChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f) || c === 0x5c) return true;
  }
  return false;
}
const LOCAL_ORIGIN = "http://x.invalid";

/**
 * Where to go after sign-in (or the language switch): only a path on this site. The value is read
 * with the browser's own URL rules against a placeholder origin, and kept only when it stays on that
 * origin; the answer is the parsed path (percent-encoded, so it is always a valid Location header).
 */
export function safeNext(next: unknown, fallback = "/"): string {
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || hasUnsafePathChar(next)) return fallback;
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
