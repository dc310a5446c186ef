/**
 * Issue 13 item 2: a stranger cannot lock an account's owner out. Failures lock the (account,
 * address) pair and, past a higher count, the address; the account itself is only slowed down, so
 * the right password from an address that has not failed still signs in. Lockouts are audited and
 * csb_admin sees and clears them on /admin.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { call, post, get, signInAs, useDb } from "./app-helpers";
import { action as loginAction } from "../../app/routes/login";
import { action as adminAction, loader as adminLoader } from "../../app/routes/admin";
import { MAX_PER_IP, MAX_PER_PAIR, SLOW_AFTER, WINDOW_MS, slowDownMs } from "../../app/lib/auth.server";
import { auditLog, loginAttempts } from "../../db/schema";
import type { Db } from "../../db/client";

const GOOD = "amanah-demo-2026";

async function attempt(email: string, password: string, ip: string): Promise<{ status: number; ms: number; body: any }> {
  const t0 = Date.now();
  const res = await call(loginAction, post("/login", { email, password }), {}, { clientIp: ip });
  const body = res.status === 302 ? null : await res.json();
  return { status: res.status, ms: Date.now() - t0, body };
}

describe("sign-in throttling (OWASP: per pair, per address, slow-down per account)", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await seededDb("sign-in-throttle"));
    useDb(db);
  });

  it("the slow-down is progressive and bounded", () => {
    expect(slowDownMs(0)).toBe(0);
    expect(slowDownMs(SLOW_AFTER - 1)).toBe(0);
    expect(slowDownMs(SLOW_AFTER)).toBeGreaterThan(0);
    for (let n = SLOW_AFTER; n < SLOW_AFTER + 10; n++) expect(slowDownMs(n + 1)).toBeGreaterThanOrEqual(slowDownMs(n));
    expect(slowDownMs(1000)).toBeLessThanOrEqual(15_000);
  });

  it("five wrong passwords from one address do not lock the CSB admin out from another", async () => {
    const email = "csb-admin@demo.local";
    for (let i = 0; i < MAX_PER_PAIR; i++) expect((await attempt(email, `guess-${i}`, "203.0.113.66")).status).toBe(401);
    // The attacker's address is locked for this account, whatever it sends.
    const again = await attempt(email, GOOD, "203.0.113.66");
    expect(again.status).toBe(429);
    expect(again.body.error).toBe("throttledPair");

    // The owner, from their own address: signed in, after the account's slow-down.
    const owner = await attempt(email, GOOD, "198.51.100.7");
    expect(owner.status).toBe(302);
    expect(owner.ms).toBeGreaterThanOrEqual(slowDownMs(MAX_PER_PAIR) - 50);

    // The owner signing in does not unlock the attacker's address.
    expect((await attempt(email, GOOD, "203.0.113.66")).status).toBe(429);
  });

  it("again and again: each new window's lockout leaves the owner's address working", async () => {
    const email = "director@interior.demo.local";
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < MAX_PER_PAIR; i++) expect((await attempt(email, `x-${round}-${i}`, "192.0.2.1")).status).toBe(401);
      expect((await attempt(email, GOOD, "192.0.2.1")).status).toBe(429);
      expect((await attempt(email, GOOD, "198.51.100.8")).status).toBe(302);
      // The window passes: this account's attempts so far are older than it.
      db.update(loginAttempts).set({ at: sql`${loginAttempts.at} - ${WINDOW_MS + 60_000}` }).where(eq(loginAttempts.email, email)).run();
    }
  });

  it("records each lockout in the audit log, once, naming the account and the address", () => {
    const rows = db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, "auth.lockout"), eq(auditLog.targetId, "csb-admin@demo.local 203.0.113.66")))
      .all();
    expect(rows).toHaveLength(1);
    expect(rows[0].after).toMatchObject({ scope: "pair", email: "csb-admin@demo.local", ip: "203.0.113.66" });
  });

  it("an unknown email is throttled exactly like a known one (no account oracle)", async () => {
    const email = "nobody-here@demo.local";
    for (let i = 0; i < MAX_PER_PAIR; i++) expect((await attempt(email, `x-${i}`, "192.0.2.50")).status).toBe(401);
    expect((await attempt(email, "x", "192.0.2.50")).body.error).toBe("throttledPair");
  });

  it(`an address with ${MAX_PER_IP} attempts is locked for every account, and that is audited`, async () => {
    for (let i = 0; i < MAX_PER_IP; i++) await attempt(`spray-${i}@demo.local`, "x", "192.0.2.99");
    const r = await attempt("csb-analyst@demo.local", GOOD, "192.0.2.99");
    expect(r.status).toBe(429);
    expect(r.body.error).toBe("throttledIp");
    const audit = db.select().from(auditLog).where(and(eq(auditLog.action, "auth.lockout"), eq(auditLog.targetId, "192.0.2.99"))).all();
    expect(audit).toHaveLength(1);
    expect(audit[0].after).toMatchObject({ scope: "address", ip: "192.0.2.99" });
  });

  it("csb_admin sees the lockouts on /admin and clears one (audited); others get 404", async () => {
    const admin = await signInAs("csb-admin@demo.local", GOOD, "10.13.2.1");
    const data = await (await call(adminLoader, get("/admin", admin))).json();
    const kinds = data.lockouts.map((l: any) => `${l.scope} ${l.email ?? "-"} ${l.ip ?? "-"}`);
    expect(kinds).toContain("pair csb-admin@demo.local 203.0.113.66");
    expect(kinds).toContain("address - 192.0.2.99");
    expect(kinds).toContain("account csb-admin@demo.local -");

    const clear = await call(adminAction, post("/admin", { scope: "pair", email: "csb-admin@demo.local", ip: "203.0.113.66" }, admin));
    expect(clear.status).toBe(200);
    expect(await clear.json()).toEqual({ cleared: MAX_PER_PAIR });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "auth.lockout_cleared")).all();
    expect(audit.at(-1)).toMatchObject({ actor: "csb-admin@demo.local", after: { scope: "pair", email: "csb-admin@demo.local", ip: "203.0.113.66", removed: MAX_PER_PAIR } });
    // The address may try again: a wrong password is a plain 401 now.
    expect((await attempt("csb-admin@demo.local", "still-wrong", "203.0.113.66")).status).toBe(401);

    const after = await (await call(adminLoader, get("/admin", admin))).json();
    expect(after.lockouts.some((l: any) => l.scope === "pair" && l.email === "csb-admin@demo.local")).toBe(false);

    expect((await call(adminAction, post("/admin", { scope: "pair" }, admin))).status).toBe(400);
    const analyst = await signInAs("csb-analyst@demo.local", GOOD, "10.13.2.2");
    expect((await call(adminAction, post("/admin", { scope: "address", ip: "192.0.2.99" }, analyst))).status).toBe(404);
  });
});
