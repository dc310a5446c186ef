/**
 * Issue 13 item 8: bidi embedding/override/isolate controls (U+202A–U+202E, U+2066–U+2069) are
 * refused, with a field error, in every free-text field of the registry forms, in the review note
 * and in every CSV cell (core/bidi.ts, one validator for all). LRM/RLM stay allowed.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { call, post, signInAs, useDb } from "./app-helpers";
import { action as newAccountAction } from "../../app/routes/entities.$slug.accounts.new";
import { action as editAction } from "../../app/routes/accounts.$id.edit";
import { action as ownershipAction } from "../../app/routes/accounts.$id.ownership";
import { parseDecision } from "../../app/lib/dashboard/review.server";
import { AccountForm, OwnershipForm } from "../../app/lib/registry-forms";
import { bidiControlIn, hasBidiControl } from "../../core/bidi";
import { CSV_COLUMNS, importAccounts } from "../../db/import-accounts";
import { accountOwners, accounts, entities } from "../../db/schema";
import type { Db } from "../../db/client";

const CONTROLS = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069"];
const SPOOF = "report\u202Egnp.exe";

describe("the shared validator", () => {
  it("finds every embedding, override and isolate, and names it", () => {
    for (const c of CONTROLS) {
      expect(hasBidiControl(`اسم ${c}abc`)).toBe(true);
      expect(bidiControlIn(`x${c}`)).toBe(`U+${c.charCodeAt(0).toString(16).toUpperCase()}`);
    }
    // Marks that only give a neutral character a direction are fine (Arabic with Latin uses them).
    for (const ok of ["أحمد\u200F (Ahmed)", "\u200Eabc", "\u061Cنص", "plain"]) expect(hasBidiControl(ok)).toBe(false);
  });

  it("every free-text field of the account and ownership forms refuses them", () => {
    for (const field of ["holderName", "holderTitle", "managedBy", "handoverPlan"]) {
      const r = AccountForm.safeParse({ platform: "x", handle: "someone", class: "executive", holderName: "خالد", [field]: SPOOF });
      expect(r.success, field).toBe(false);
      if (!r.success) expect(r.error.issues.find((i) => i.path[0] === field)?.message, field).toBe("errors.bidi");
    }
    for (const field of ["custodianName", "backupName", "recoveryContact", "note"]) {
      const r = OwnershipForm.safeParse({ credentialCustody: "unknown", twoFactor: "unknown", [field]: SPOOF });
      expect(r.success, field).toBe(false);
      if (!r.success) expect(r.error.issues[0].message, field).toBe("errors.bidi");
    }
  });

  it("the review note refuses them with a 400 naming the problem", async () => {
    const form = new FormData();
    form.set("decision", "dismiss");
    form.append("flag", "1");
    form.set("note", `not a violation ${SPOOF}`);
    let thrown: unknown;
    try {
      parseDecision(form);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
    expect(await (thrown as Response).text()).toMatch(/text-direction control character/);
  });
});

describe("forms and CSV refuse bidi controls, and nothing is stored", () => {
  let db: Db;
  let director: string;
  let accountId: number;
  beforeAll(async () => {
    ({ db } = await seededDb("bidi"));
    useDb(db);
    director = await signInAs("director@interior.demo.local", undefined, "10.13.8.1");
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    accountId = db.select().from(accounts).where(eq(accounts.entityId, interior.id)).get()!.id;
  });

  it("new account: holder name with U+202E → field error, no account", async () => {
    const before = db.$count(accounts);
    const r = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "x", handle: "bidi_try", class: "executive", holderName: SPOOF }, director), { slug: "interior" });
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toEqual({ holderName: "errors.bidi" });
    expect(await before).toBe(await db.$count(accounts));
  });

  it("edit account and ownership: field errors, nothing changed", async () => {
    const before = db.select().from(accounts).where(eq(accounts.id, accountId)).get();
    const e = await call(editAction, post(`/accounts/${accountId}/edit`, { platform: before!.platform, handle: before!.handle, class: "official", handoverPlan: `\u2067${SPOOF}\u2069` }, director), { id: String(accountId) });
    expect(e.status).toBe(400);
    expect((await e.json()).errors).toEqual({ handoverPlan: "errors.bidi" });
    expect(db.select().from(accounts).where(eq(accounts.id, accountId)).get()).toEqual(before);

    const owners = db.select().from(accountOwners).where(eq(accountOwners.accountId, accountId)).all();
    const o = await call(ownershipAction, post(`/accounts/${accountId}/ownership`, { intent: "save", custodianName: `سارة\u202B`, credentialCustody: "unknown", twoFactor: "unknown" }, director), { id: String(accountId) });
    expect(o.status).toBe(400);
    expect((await o.json()).errors).toEqual({ custodianName: "errors.bidi" });
    expect(db.select().from(accountOwners).where(eq(accountOwners.accountId, accountId)).all()).toEqual(owners);
  });

  it("CSV: a control in any cell fails its row with the column and code point; nothing imported", async () => {
    const header = CSV_COLUMNS.join(",");
    const base = ["interior", "x", "bidi_csv_0", "executive", "خالد", "", "", "", "", "", "", "", "", ""];
    const textColumns = ["holder_name", "holder_title", "custodian_name", "backup_name", "recovery_contact", "entity", "handle"];
    const lines = textColumns.map((column, i) => {
      const row = [...base];
      row[2] = `bidi_csv_${i}`;
      const at = CSV_COLUMNS.indexOf(column as (typeof CSV_COLUMNS)[number]);
      row[at] = `${row[at]}\u202E${column}`;
      return row.join(",");
    });
    const before = db.$count(accounts);
    const r = await importAccounts(db, [header, ...lines].join("\n"), { actor: "system:test" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}:${e.code}:${e.column}:${e.params?.codepoint}`)).toEqual(textColumns.map((c, i) => `${i + 2}:bidi:${c}:U+202E`));
    // The message names the column and the code point, never echoes the reordering text.
    expect(r.errors[0].message).toMatch(/^holder_name: contains the text-direction control character U\+202E/);
    expect(r.errors.every((e) => !hasBidiControl(e.message))).toBe(true);
    expect(await db.$count(accounts)).toBe(await before);
  });
});
