import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { call, cookieFrom, get, post, signInAs, useDb } from "./app-helpers";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { action as logoutAction } from "../../app/routes/logout";
import { action as localeAction } from "../../app/routes/locale";
import { loader as entitiesLoader } from "../../app/routes/entities._index";
import { getUser } from "../../app/lib/permissions.server";
import { MAX_PER_PAIR, MAX_PER_IP } from "../../app/lib/auth.server";
import { auditLog, loginAttempts, sessions, users } from "../../db/schema";
import type { Db } from "../../db/client";

describe("sign-in, sessions and throttling", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await seededDb("auth"));
    useDb(db);
  });

  it("signs in with the right password, with a hardened cookie and an audit row", async () => {
    const res = await call(loginAction, post("/login", { email: "Director@Interior.demo.local", password: "amanah-demo-2026", next: "/entities" }), {}, { clientIp: "1.1.1.1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/entities");
    const set = res.headers.get("Set-Cookie")!;
    expect(set).toMatch(/HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).not.toMatch(/Secure/i);
    const me = await getUser(get("/", cookieFrom(res)));
    expect(me).toMatchObject({ email: "director@interior.demo.local", role: "entity_director" });
    expect(db.select().from(auditLog).where(eq(auditLog.action, "auth.sign_in")).all().length).toBeGreaterThan(0);
  });

  it("marks the cookie Secure behind an HTTPS proxy, and refuses open redirects", async () => {
    const res = await call(loginAction, post("/login", { email: "reviewer@interior.demo.local", password: "amanah-demo-2026", next: "//evil.example" }, undefined, { "X-Forwarded-Proto": "https" }));
    expect(res.headers.get("Set-Cookie")).toMatch(/Secure/);
    expect(res.headers.get("Location")).toBe("/");
  });

  it("rotates the session id at sign-in (the old session is gone)", async () => {
    const first = await signInAs("reviewer@labour.demo.local");
    const res = await call(loginAction, post("/login", { email: "reviewer@labour.demo.local", password: "amanah-demo-2026" }, first));
    const second = cookieFrom(res);
    expect(second).not.toBe(first);
    expect(await getUser(get("/", first))).toBeNull();
    expect(await getUser(get("/", second))).not.toBeNull();
  });

  it("wrong password → 401 with a message, and the failure is recorded", async () => {
    const res = await call(loginAction, post("/login", { email: "director@labour.demo.local", password: "wrong" }), {}, { clientIp: "2.2.2.2" });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "invalid" });
    expect(db.select().from(loginAttempts).where(eq(loginAttempts.email, "director@labour.demo.local")).all()).toHaveLength(1);
  });

  it("bad form fields → 400 with field errors", async () => {
    const res = await call(loginAction, post("/login", { email: "not an email", password: "" }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ fields: { email: "emailRequired", password: "passwordRequired" } });
  });

  it(`throttles after ${MAX_PER_PAIR} failures for one email from one address (even the right password from there then gets 429)`, async () => {
    const email = "director@foreign-affairs.demo.local";
    for (let i = 0; i < MAX_PER_PAIR; i++) {
      const r = await call(loginAction, post("/login", { email, password: `nope-${i}` }), {}, { clientIp: "3.3.3.3" });
      expect(r.status).toBe(401);
    }
    const locked = await call(loginAction, post("/login", { email, password: "amanah-demo-2026" }), {}, { clientIp: "3.3.3.3" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("Retry-After"))).toBeGreaterThan(890);
    expect(Number(locked.headers.get("Retry-After"))).toBeLessThanOrEqual(900);
    expect(await locked.json()).toEqual({ error: "throttledPair", minutes: 15 });
  });

  it(`throttles after ${MAX_PER_IP} failures from one address`, async () => {
    for (let i = 0; i < MAX_PER_IP; i++) {
      await call(loginAction, post("/login", { email: `nobody${i}@x.test`, password: "x" }), {}, { clientIp: "4.4.4.4" });
    }
    const r = await call(loginAction, post("/login", { email: "csb-analyst@demo.local", password: "amanah-demo-2026" }), {}, { clientIp: "4.4.4.4" });
    expect(r.status).toBe(429);
    expect(await r.json()).toMatchObject({ error: "throttledIp" });
    const other = await call(loginAction, post("/login", { email: "csb-analyst@demo.local", password: "amanah-demo-2026" }), {}, { clientIp: "5.5.5.5" });
    expect(other.status).toBe(302);
  });

  it("a disabled user cannot sign in", async () => {
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.email, "reviewer@foreign-affairs.demo.local")).run();
    const r = await call(loginAction, post("/login", { email: "reviewer@foreign-affairs.demo.local", password: "amanah-demo-2026" }), {}, { clientIp: "6.6.6.6" });
    expect(r.status).toBe(401);
  });

  it("sign-out (POST) deletes the session row", async () => {
    const cookie = await signInAs("csb-admin@demo.local", undefined, "7.7.7.7");
    const n = await db.$count(sessions);
    const res = await call(logoutAction, post("/logout", {}, cookie));
    expect(res.status).toBe(302);
    expect(await db.$count(sessions)).toBe(n - 1);
    expect(await getUser(get("/", cookie))).toBeNull();
  });

  it("protected pages redirect to /login?next=…; signed-in users skip the login page", async () => {
    const r = await call(entitiesLoader, get("/entities?x=1"));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/login?next=%2Fentities%3Fx%3D1");
    const cookie = await signInAs("csb-admin@demo.local", undefined, "8.8.8.8");
    expect((await call(loginLoader, get("/login?next=/entities", cookie))).headers.get("Location")).toBe("/entities");
  });

  it("the login page lists demo logins only in demo mode", async () => {
    const off = await (await call(loginLoader, get("/login"))).json();
    expect(off.demo).toBeNull();
    process.env.AMANAH_DEMO = "1";
    try {
      const on = await (await call(loginLoader, get("/login"))).json();
      expect(on.demo.password).toBe("amanah-demo-2026");
      expect(on.demo.examples.map((e: { email: string }) => e.email)).toContain("director@interior.demo.local");
    } finally {
      delete process.env.AMANAH_DEMO;
    }
  });

  it("the language switch sets a long-lived cookie and the user's locale", async () => {
    const cookie = await signInAs("director@labour.demo.local", undefined, "9.9.9.9");
    const res = await call(localeAction, post("/locale", { locale: "en", redirectTo: "/entities/labour" }, cookie));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/entities/labour");
    expect(res.headers.get("Set-Cookie")).toMatch(/amanah_locale=[^;]+; Max-Age=31536000/);
    expect(db.select().from(users).where(eq(users.email, "director@labour.demo.local")).get()!.locale).toBe("en");
    const bad = await call(localeAction, post("/locale", { locale: "fr" }, cookie));
    expect(bad.status).toBe(400);
  });
});
