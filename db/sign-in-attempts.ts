/**
 * Sign-in attempts (`login_attempts`): the throttle's reservations and failures, the lockouts they
 * add up to, and csb_admin's view and clearing of them. Every decision that counts rows and adds one
 * runs in one IMMEDIATE transaction, so concurrent attempts (also from other processes of a
 * cluster) are counted one after another and cannot all slip under a limit.
 */
import { and, asc, count, eq, gte, sql } from "drizzle-orm";
import type { SessionUser } from "../core/access";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { loginAttempts } from "./schema";
import { prepared } from "./read/prepared";

export interface ThrottleLimits {
  windowMs: number;
  /** Attempts (pending or failed) for one email from one address before that pair is locked. */
  perPair: number;
  /** Attempts from one address, any email, before the address is locked. */
  perAddress: number;
}

export type LockScope = "pair" | "address";

export type Reservation =
  | { ok: true; id: number; accountFailures: number }
  | { ok: false; scope: LockScope; retryAt: number };

/** When the oldest rows have left the window far enough for `n` rows to fall under `limit`. */
function retryAt(times: Date[], limit: number, windowMs: number): number {
  const expiring = times[times.length - limit] ?? times[0];
  return (expiring?.getTime() ?? Date.now()) + windowMs;
}

/**
 * Reserves one attempt for (email, ip) unless that pair or that address is locked. The answer
 * carries how many failures the email has had (from every address) in the window, for the
 * per-account slow-down.
 */
export function reserveSignInAttempt(db: Db, email: string, ip: string, limits: ThrottleLimits, now = Date.now()): Reservation {
  const since = new Date(now - limits.windowMs);
  return db.transaction(
    (tx) => {
      const pair = tx
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip), gte(loginAttempts.at, since)))
        .orderBy(asc(loginAttempts.at))
        .all()
        .map((r) => r.at);
      if (pair.length >= limits.perPair) return { ok: false, scope: "pair", retryAt: retryAt(pair, limits.perPair, limits.windowMs) } as const;
      const address = tx
        .select({ at: loginAttempts.at })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.ip, ip), gte(loginAttempts.at, since)))
        .orderBy(asc(loginAttempts.at))
        .all()
        .map((r) => r.at);
      if (address.length >= limits.perAddress) return { ok: false, scope: "address", retryAt: retryAt(address, limits.perAddress, limits.windowMs) } as const;
      const failed = tx
        .select({ n: count() })
        .from(loginAttempts)
        .where(and(eq(loginAttempts.email, email), eq(loginAttempts.outcome, "failed"), gte(loginAttempts.at, since)))
        .get();
      const { id } = tx.insert(loginAttempts).values({ email, ip, at: new Date(now), outcome: "pending" }).returning({ id: loginAttempts.id }).get();
      return { ok: true, id, accountFailures: failed?.n ?? 0 } as const;
    },
    { behavior: "immediate" },
  );
}

/**
 * The reserved attempt failed: it becomes a failure, with its audit row; when it is the one that
 * locks the pair or the address, the lockout is audited too.
 */
export function recordSignInFailure(
  db: Db,
  reservation: number,
  attempt: { email: string; ip: string; user?: { id: number; entityId: number | null } },
  limits: ThrottleLimits,
  now = Date.now(),
): void {
  const { email, ip, user } = attempt;
  const since = new Date(now - limits.windowMs);
  db.transaction(
    (tx) => {
      tx.update(loginAttempts).set({ outcome: "failed" }).where(eq(loginAttempts.id, reservation)).run();
      writeAudit(tx, { user: email, action: "auth.sign_in_failed", targetType: "user", targetId: user?.id ?? null, entityId: user?.entityId ?? null, after: { ip } }, new Date(now));
      const failures = (where: ReturnType<typeof and>) =>
        tx
          .select({ n: count() })
          .from(loginAttempts)
          .where(and(where, eq(loginAttempts.outcome, "failed"), gte(loginAttempts.at, since)))
          .get()?.n ?? 0;
      const until = new Date(now + limits.windowMs).toISOString();
      if (failures(and(eq(loginAttempts.email, email), eq(loginAttempts.ip, ip))) === limits.perPair) {
        writeAudit(tx, { user: "system:sign-in", action: "auth.lockout", targetType: "sign_in", targetId: `${email} ${ip}`, entityId: user?.entityId ?? null, after: { scope: "pair", email, ip, until } }, new Date(now));
      }
      if (failures(eq(loginAttempts.ip, ip)) === limits.perAddress) {
        writeAudit(tx, { user: "system:sign-in", action: "auth.lockout", targetType: "sign_in", targetId: ip, after: { scope: "address", ip, until } }, new Date(now));
      }
    },
    { behavior: "immediate" },
  );
}

/**
 * A successful sign-in: its reservation and this address's failures for the email go (the real
 * owner signing in does not unlock other addresses, and the per-address count stays); audited.
 */
export function recordSignIn(db: Db, reservation: number, user: SessionUser, ip: string): void {
  db.transaction((tx) => {
    tx.delete(loginAttempts).where(eq(loginAttempts.id, reservation)).run();
    tx.delete(loginAttempts).where(and(eq(loginAttempts.email, user.email), eq(loginAttempts.ip, ip))).run();
    writeAudit(tx, { user, action: "auth.sign_in", targetType: "user", targetId: user.id, entityId: user.entityId, after: { ip } });
  });
}

// ---- csb_admin: current lockouts ----------------------------------------------------------------

export interface Lockout {
  scope: LockScope | "account";
  email: string | null;
  ip: string | null;
  failures: number;
  lastAt: number;
  /** When the lockout (or for "account" the slow-down) lifts if nothing else fails. */
  until: number;
}

interface LockRow {
  email: string | null;
  ip: string | null;
  failures: number;
  firstAt: number;
  lastAt: number;
}

/**
 * Locked (email, address) pairs and addresses, and emails being slowed down, newest first. `until`
 * is an upper bound (the window after the newest failure).
 */
export function currentLockouts(db: Db, limits: ThrottleLimits & { slowAfter: number }, now = Date.now()): Lockout[] {
  const since = now - limits.windowMs;
  const q = (select: string, group: string, limit: number) =>
    prepared<[number, number], LockRow>(
      db,
      `SELECT ${select}, count(*) AS failures, min(at) AS firstAt, max(at) AS lastAt
       FROM login_attempts WHERE outcome = 'failed' AND at >= ? GROUP BY ${group} HAVING count(*) >= ? ORDER BY lastAt DESC LIMIT 200`,
    ).all(since, limit);
  const out: Lockout[] = [
    ...q("email, ip", "email, ip", limits.perPair).map((r) => ({ scope: "pair" as const, ...r })),
    ...q("NULL AS email, ip", "ip", limits.perAddress).map((r) => ({ scope: "address" as const, ...r })),
    ...q("email, NULL AS ip", "email", limits.slowAfter).map((r) => ({ scope: "account" as const, ...r })),
  ].map(({ firstAt: _first, ...r }) => ({ ...r, until: r.lastAt + limits.windowMs }));
  return out.sort((a, b) => b.lastAt - a.lastAt);
}

/** Clears a lockout (its failure rows) and audits who did it; the number of rows removed. */
export function clearLockout(db: Db, admin: SessionUser, target: { scope: Lockout["scope"]; email?: string | null; ip?: string | null }): number {
  return db.transaction((tx) => {
    const where =
      target.scope === "pair" && target.email && target.ip
        ? and(eq(loginAttempts.email, target.email), eq(loginAttempts.ip, target.ip))
        : target.scope === "address" && target.ip
          ? eq(loginAttempts.ip, target.ip)
          : target.scope === "account" && target.email
            ? eq(loginAttempts.email, target.email)
            : sql`0`;
    const removed = tx.delete(loginAttempts).where(and(where, eq(loginAttempts.outcome, "failed"))).run().changes;
    writeAudit(tx, { user: admin, action: "auth.lockout_cleared", targetType: "sign_in", targetId: [target.email, target.ip].filter(Boolean).join(" "), after: { scope: target.scope, email: target.email ?? null, ip: target.ip ?? null, removed } });
    return removed;
  });
}
