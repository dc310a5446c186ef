import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { call, get, post, signInAs, useDb } from "./app-helpers";
import { loader as entitiesIndex } from "../../app/routes/entities._index";
import { loader as entityLayout } from "../../app/routes/entities.$slug";
import { loader as entityAccounts } from "../../app/routes/entities.$slug.accounts._index";
import { action as newAccountAction, loader as newAccountLoader } from "../../app/routes/entities.$slug.accounts.new";
import { loader as accountLayout } from "../../app/routes/accounts.$id";
import { action as ownershipAction, loader as ownershipLoader } from "../../app/routes/accounts.$id.ownership";
import { action as editAction } from "../../app/routes/accounts.$id.edit";
import { action as entityImportAction } from "../../app/routes/entities.$slug.import";
import { loader as csbImportLoader } from "../../app/routes/import";
import { loader as verifyLoader } from "../../app/routes/verify";
import { requireEntityAccess, requireReviewer } from "../../app/lib/permissions.server";
import { accountOwners, accounts, auditLog, entities } from "../../db/schema";
import { CSV_COLUMNS } from "../../db/import-accounts";
import type { Db } from "../../db/client";

describe("registry routes and permissions (loaders/actions called directly)", () => {
  let db: Db;
  let director: string; // interior
  let reviewer: string; // interior
  let analyst: string;
  let admin: string;
  let interiorAccountId: number;
  let otherAccountId: number;

  beforeAll(async () => {
    ({ db } = await seededDb("routes"));
    useDb(db);
    director = await signInAs("director@interior.demo.local", undefined, "10.1.0.1");
    reviewer = await signInAs("reviewer@interior.demo.local", undefined, "10.1.0.2");
    analyst = await signInAs("csb-analyst@demo.local", undefined, "10.1.0.3");
    admin = await signInAs("csb-admin@demo.local", undefined, "10.1.0.4");
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    interiorAccountId = db.select().from(accounts).where(and(eq(accounts.entityId, interior.id), eq(accounts.class, "official"))).get()!.id;
    const fa = db.select().from(entities).where(eq(entities.slug, "foreign-affairs")).get()!;
    otherAccountId = db.select().from(accounts).where(eq(accounts.entityId, fa.id)).get()!.id;
  });

  const auditCount = () => db.$count(auditLog);

  it("an entity user is sent from /entities to their own entity; CSB sees all", async () => {
    const r = await call(entitiesIndex, get("/entities", director));
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/entities/interior");
    const all = await (await call(entitiesIndex, get("/entities", analyst))).json();
    expect(all.entities.length).toBe(await db.$count(entities));
    const interior = all.entities.find((e: { slug: string }) => e.slug === "interior");
    const interiorId = db.select().from(entities).where(eq(entities.slug, "interior")).get()!.id;
    expect(interior.accounts).toBe(await db.$count(accounts, eq(accounts.entityId, interiorId)));
    expect(interior.official).toBeGreaterThan(1);
  });

  it("another entity's page, accounts and account answer the same 404 as a missing one", async () => {
    const other = await call(entityLayout, get("/entities/foreign-affairs", director), { slug: "foreign-affairs" });
    const missing = await call(entityLayout, get("/entities/no-such", director), { slug: "no-such" });
    expect(other.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(await other.text()).toBe(await missing.text());
    expect((await call(entityAccounts, get("/entities/foreign-affairs/accounts", director), { slug: "foreign-affairs" })).status).toBe(404);
    const acct = await call(accountLayout, get(`/accounts/${otherAccountId}`, director), { id: String(otherAccountId) });
    const noAcct = await call(accountLayout, get("/accounts/99999999", director), { id: "99999999" });
    expect(acct.status).toBe(404);
    expect(noAcct.status).toBe(404);
    expect(await acct.text()).toBe(await noAcct.text());
    expect((await call(accountLayout, get("/accounts/abc", director), { id: "abc" })).status).toBe(404);
    // Numeric ids are not a way round it either.
    const fa = db.select().from(entities).where(eq(entities.slug, "foreign-affairs")).get()!;
    expect((await call(entityLayout, get(`/entities/${fa.id}`, director), { slug: String(fa.id) })).status).toBe(404);
  });

  it("own entity and its accounts load, with the synthetic flag and completeness", async () => {
    const r = await call(entityAccounts, get("/entities/interior/accounts?class=official&platform=x", director), { slug: "interior" });
    expect(r.status).toBe(200);
    const data = await r.json();
    expect(data.canEdit).toBe(true);
    expect(data.rows.length).toBeGreaterThan(0);
    expect(data.rows.every((row: { class: string; platform: string; synthetic: boolean }) => row.class === "official" && row.platform === "x" && row.synthetic)).toBe(true);
    expect(data.rows[0].completeness.total).toBeGreaterThan(0);
  });

  it("CSB analyst sees every entity read-only; reviewer reads own entity only", async () => {
    expect((await call(entityLayout, get("/entities/foreign-affairs", analyst), { slug: "foreign-affairs" })).status).toBe(200);
    expect((await call(newAccountLoader, get("/entities/foreign-affairs/accounts/new", analyst), { slug: "foreign-affairs" })).status).toBe(403);
    expect((await call(newAccountLoader, get("/entities/interior/accounts/new", reviewer), { slug: "interior" })).status).toBe(403);
    expect((await call(newAccountLoader, get("/entities/foreign-affairs/accounts/new", director), { slug: "foreign-affairs" })).status).toBe(404);
    expect((await call(csbImportLoader, get("/import", director))).status).toBe(404);
    expect((await call(csbImportLoader, get("/import", admin))).status).toBe(200);
  });

  it("requireEntityAccess / requireReviewer follow the rules", async () => {
    const fa = db.select().from(entities).where(eq(entities.slug, "foreign-affairs")).get()!;
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    await expect(requireEntityAccess(get("/", admin), fa.id)).resolves.toMatchObject({ entity: { slug: "foreign-affairs" } });
    await expect(requireReviewer(get("/", reviewer), interior.id)).resolves.toMatchObject({ role: "entity_reviewer" });
    await expect(requireReviewer(get("/", reviewer), fa.id)).rejects.toMatchObject({ status: 404 });
    await expect(requireReviewer(get("/", analyst), fa.id)).resolves.toMatchObject({ role: "csb_analyst" });
  });

  it("a forged account post with bad fields → 400 with field errors and nothing written", async () => {
    const before = [await db.$count(accounts), await auditCount()];
    const r = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "myspace", handle: "x", class: "official" }, director), { slug: "interior" });
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toEqual({ platform: "errors.platform" });
    const r2 = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "x", handle: "has spaces!", class: "official" }, director), { slug: "interior" });
    expect(r2.status).toBe(400);
    expect((await r2.json()).errors).toEqual({ handle: "errors.handle" });
    const r3 = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "x", handle: "dm_inter", class: "official" }, director), { slug: "interior" });
    expect((await r3.json()).errors).toEqual({ handle: "errors.duplicate" });
    const r4 = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "x", handle: "someone", class: "employee" }, director), { slug: "interior" });
    expect((await r4.json()).errors).toEqual({ holderName: "errors.holderRequired" });
    expect([await db.$count(accounts), await auditCount()]).toEqual(before);
  });

  it("a forged post into another entity is a 404 and writes nothing", async () => {
    const before = [await db.$count(accounts), await auditCount()];
    const r = await call(newAccountAction, post("/entities/foreign-affairs/accounts/new", { platform: "x", handle: "sneaky", class: "official" }, director), { slug: "foreign-affairs" });
    expect(r.status).toBe(404);
    const e = await call(editAction, post(`/accounts/${otherAccountId}/edit`, { platform: "x", handle: "sneaky", class: "official" }, director), { id: String(otherAccountId) });
    expect(e.status).toBe(404);
    const o = await call(ownershipAction, post(`/accounts/${otherAccountId}/ownership`, { intent: "attest" }, director), { id: String(otherAccountId) });
    expect(o.status).toBe(404);
    const ro = await call(ownershipAction, post(`/accounts/${interiorAccountId}/ownership`, { intent: "attest" }, reviewer), { id: String(interiorAccountId) });
    expect(ro.status).toBe(403);
    expect([await db.$count(accounts), await auditCount()]).toEqual(before);
  });

  it("creating an account writes the account, an ownership row and audit rows", async () => {
    const before = await auditCount();
    const r = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "x", handle: "@Interior_News", class: "official", registryStatus: "registered" }, director), { slug: "interior" });
    expect(r.status).toBe(302);
    const created = db.select().from(accounts).where(eq(accounts.handle, "interior_news")).get()!;
    expect(r.headers.get("Location")).toBe(`/accounts/${created.id}/ownership`);
    expect(db.select().from(accountOwners).where(eq(accountOwners.accountId, created.id)).all()).toHaveLength(1);
    expect(await auditCount()).toBe(before + 2);
  });

  it("editing an account is audited with before and after", async () => {
    const before = await auditCount();
    const r = await call(editAction, post(`/accounts/${interiorAccountId}/edit`, { platform: "x", handle: "dm_inter", class: "official", registryStatus: "registered", managedBy: "المكتب الإعلامي" }, director), { id: String(interiorAccountId) });
    expect(r.status).toBe(302);
    expect(await auditCount()).toBe(before + 1);
    const row = db.select().from(auditLog).where(eq(auditLog.action, "account.update")).get()!;
    expect((row.after as { managedBy: string }).managedBy).toBe("المكتب الإعلامي");
    expect(row.actor).toBe("director@interior.demo.local");
  });

  it("an ownership change closes the current row and adds one (never overwrites); attest adds another", async () => {
    const rowsBefore = db.select().from(accountOwners).where(eq(accountOwners.accountId, interiorAccountId)).all();
    const current = rowsBefore.find((o) => o.validTo === null)!;
    const bad = await call(ownershipAction, post(`/accounts/${interiorAccountId}/ownership`, { intent: "save", custodianEmail: "nope", credentialCustody: "in_a_drawer", twoFactor: "none" }, director), { id: String(interiorAccountId) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual({ custodianEmail: "errors.email", credentialCustody: "errors.choice" });
    expect(db.select().from(accountOwners).where(eq(accountOwners.accountId, interiorAccountId)).all()).toEqual(rowsBefore);

    const form = {
      intent: "save",
      custodianName: "سارة الكوهجي",
      custodianEmail: "Sara@Interior.gov.bh",
      backupName: current.backupName ?? "",
      backupEmail: current.backupEmail ?? "",
      credentialCustody: "password_manager",
      twoFactor: "hardware_key",
      recoveryContact: current.recoveryContact ?? "",
    };
    const ok = await call(ownershipAction, post(`/accounts/${interiorAccountId}/ownership`, form, director), { id: String(interiorAccountId) });
    expect(ok.status).toBe(302);
    const rows = db.select().from(accountOwners).where(eq(accountOwners.accountId, interiorAccountId)).all();
    expect(rows).toHaveLength(rowsBefore.length + 1);
    const old = rows.find((o) => o.id === current.id)!;
    expect(old.validTo).not.toBeNull();
    expect(old.custodianName).toBe(current.custodianName); // untouched
    const now = db.select().from(accountOwners).where(and(eq(accountOwners.accountId, interiorAccountId), isNull(accountOwners.validTo))).get()!;
    expect(now.custodianEmail).toBe("sara@interior.gov.bh");

    const again = await call(ownershipAction, post(`/accounts/${interiorAccountId}/ownership`, form, director), { id: String(interiorAccountId) });
    expect(again.headers.get("Location")).toMatch(/saved=unchanged/);

    const attest = await call(ownershipAction, post(`/accounts/${interiorAccountId}/ownership`, { intent: "attest" }, admin), { id: String(interiorAccountId) });
    expect(attest.status).toBe(302);
    const history = await (await call(ownershipLoader, get(`/accounts/${interiorAccountId}/ownership`, director), { id: String(interiorAccountId) })).json();
    expect(history.history).toHaveLength(rowsBefore.length + 2);
    expect(history.history[0].changedByEmail).toBe("csb-admin@demo.local");
    expect(history.history[0].owner.attestedAt).not.toBeNull();
    expect(history.history[1].changedByEmail).toBe("director@interior.demo.local");
    expect(history.owner.id).toBe(history.history[0].owner.id);
  });

  it("CSV upload: a director imports into their own entity; rows for others are refused", async () => {
    const header = CSV_COLUMNS.join(",");
    const upload = (csv: string, cookie: string, slug: string) => {
      const fd = new FormData();
      fd.set("file", new File([csv], "accounts.csv", { type: "text/csv" }));
      return call(entityImportAction, post(`/entities/${slug}/import`, fd, cookie), { slug });
    };
    const bad = await upload(`${header}\nforeign-affairs,x,fa_sneak,official,,,,,,,,,,`, director, "interior");
    expect(bad.status).toBe(400);
    expect((await bad.json()).result.errors[0]).toMatchObject({ line: 2, code: "other_entity" });
    const ok = await upload(`${header}\ninterior,x,interior_upload,official,,,,,,,,,,`, director, "interior");
    expect(ok.status).toBe(200);
    expect((await ok.json()).result).toMatchObject({ ok: true, created: 1 });
    expect((await upload(`${header}\n`, analyst, "interior")).status).toBe(403);
  });

  it("/verify answers registered official accounts and refuses bad input with 400", async () => {
    const yes = await (await call(verifyLoader, get("/verify?url=https%3A%2F%2Fx.com%2Fdm_inter"))).json();
    expect(yes.answer).toMatchObject({ registered: true, account: { platform: "x", handle: "dm_inter", class: "official" }, entity: { slug: "interior" } });
    const json = await call(verifyLoader, get("/verify?url=%40dm_inter", undefined, { Accept: "application/json" }));
    expect(await json.json()).toMatchObject({ query: "@dm_inter", registered: true, entity: { nameEn: "Ministry of Interior" } });
    // Non-official (executive) accounts are not "registered official".
    const exec = db.select().from(accounts).where(eq(accounts.class, "executive")).get()!;
    const no = await (await call(verifyLoader, get(`/verify?url=${encodeURIComponent("https://x.com/" + exec.handle)}`, undefined, { Accept: "application/json" }))).json();
    expect(no).toEqual({ query: `https://x.com/${exec.handle}`, registered: false });
    // Archived accounts are not either.
    db.update(accounts).set({ registryStatus: "archived" }).where(eq(accounts.id, interiorAccountId)).run();
    const archived = await (await call(verifyLoader, get("/verify?url=x.com/dm_inter", undefined, { Accept: "application/json" }))).json();
    expect(archived.registered).toBe(false);
    for (const bad of ["javascript:alert(1)", "a".repeat(10_000), "https://example.com/", "%%%"]) {
      const r = await call(verifyLoader, get(`/verify?url=${encodeURIComponent(bad)}`, undefined, { Accept: "application/json" }));
      expect(r.status, bad.slice(0, 20)).toBe(400);
      expect((await r.json()).error).toBeTruthy();
    }
    expect((await call(verifyLoader, get("/verify", undefined, { Accept: "application/json" }))).status).toBe(400);
  });
});
