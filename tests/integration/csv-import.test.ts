import { beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { CSV_COLUMNS, importAccounts, validateAccountsCsv } from "../../db/import-accounts";
import { accountOwners, accounts, auditLog } from "../../db/schema";
import type { Db } from "../../db/client";

const HEADER = CSV_COLUMNS.join(",");
const GOOD = [
  HEADER,
  `interior,x,@New_Official,official,,,"أحمد المناعي",ahmed@interior.gov.bh,"مريم السيد",maryam@interior.gov.bh,password_manager,hardware_key,social@interior.gov.bh,2026-10-01`,
  `interior,instagram,new.official,official,,,"علي, الجودر",ali@interior.gov.bh,,,sealed_envelope,authenticator_app,,`,
  `foreign-affairs,x,mofa_min_new,executive,"خالد الدوسري","وزير / Minister",خالد,khalid@gmail.com,,,,,khalid@gmail.com,2026-09-15`,
].join("\n");

function counts(db: Db) {
  return {
    accounts: db.$count(accounts),
    owners: db.$count(accountOwners),
    audit: db.$count(auditLog),
  };
}

describe("CSV import", () => {
  let db: Db;
  beforeAll(async () => {
    ({ db } = await seededDb("csv"));
  });

  it("imports a good file in one go, with ownership and audit rows", async () => {
    const before = await Promise.all(Object.values(counts(db)));
    const r = await importAccounts(db, "\uFEFF" + GOOD, { actor: "system:test" });
    expect(r).toMatchObject({ ok: true, created: 3, updated: 0, unchanged: 0, total: 3 });
    const after = await Promise.all(Object.values(counts(db)));
    expect(after.map((n, i) => n - before[i])).toEqual([3, 3, 3]);
    const a = db.select().from(accounts).where(eq(accounts.handle, "new_official")).get()!;
    expect(a.platform).toBe("x");
    const owner = db.select().from(accountOwners).where(eq(accountOwners.accountId, a.id)).get()!;
    expect(owner.custodianName).toBe("أحمد المناعي");
    expect(owner.twoFactor).toBe("hardware_key");
    // Quoted Arabic with a comma survives.
    const ig = db.select().from(accounts).where(eq(accounts.handle, "new.official")).get()!;
    expect(db.select().from(accountOwners).where(eq(accountOwners.accountId, ig.id)).get()!.custodianName).toBe("علي, الجودر");
  });

  it("re-importing the same file changes nothing", async () => {
    const before = await Promise.all(Object.values(counts(db)));
    const r = await importAccounts(db, GOOD, { actor: "system:test" });
    expect(r).toMatchObject({ ok: true, created: 0, updated: 0, unchanged: 3 });
    expect(await Promise.all(Object.values(counts(db)))).toEqual(before);
  });

  it("a changed row closes the old ownership record and adds a new one", async () => {
    const changed = GOOD.replace("hardware_key", "authenticator_app");
    const r = await importAccounts(db, changed, { actor: "system:test" });
    expect(r).toMatchObject({ ok: true, created: 0, updated: 1, unchanged: 2 });
    const a = db.select().from(accounts).where(eq(accounts.handle, "new_official")).get()!;
    const rows = db.select().from(accountOwners).where(eq(accountOwners.accountId, a.id)).all();
    expect(rows).toHaveLength(2);
    expect(rows.filter((o) => o.validTo === null)).toHaveLength(1);
    expect(rows.find((o) => o.validTo === null)!.twoFactor).toBe("authenticator_app");
  });

  it("one bad row imports nothing and every bad row is listed with its line", async () => {
    const before = await Promise.all(Object.values(counts(db)));
    const file = [
      HEADER,
      `interior,x,fresh_one,official,,,,,,,,,,`,
      `interior,x,bad email,official,,,a,not-an-email,,,,,,`,
      `nowhere,x,fresh_two,official,,,,,,,,,,`,
      `interior,myspace,fresh_three,official,,,,,,,,,,`,
      `interior,x,fresh_one,official,,,,,,,,,,`,
      `interior,x,fresh_four,boss,,,,,,,,,,2026-13-01`,
    ].join("\n");
    const r = await importAccounts(db, file, { actor: "system:test" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byLine = r.errors.map((e) => `${e.line}:${e.code}`);
    expect(byLine).toEqual(expect.arrayContaining(["3:handle", "3:email", "4:unknown_entity", "5:platform", "6:duplicate", "7:class", "7:date"]));
    expect(r.errors.every((e) => e.message.length > 0)).toBe(true);
    expect(await Promise.all(Object.values(counts(db)))).toEqual(before);
  });

  it("rejects wrong or missing columns by header", async () => {
    const r = await validateAccountsCsv(db, "entity,platform,handle,klass\ninterior,x,a,official");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.map((e) => e.code)).toEqual(["missing_columns", "unknown_columns"]);
      expect(r.errors[0].line).toBe(1);
    }
  });

  it("rejects an empty file and a header-only file", async () => {
    for (const input of ["", "\uFEFF", "  \n", HEADER + "\n"]) {
      const r = await validateAccountsCsv(db, input);
      expect(r.ok ? "ok" : r.errors[0].code).toBe("empty");
    }
  });

  it("rejects a 10 MB file before parsing", async () => {
    const big = HEADER + "\n" + `interior,x,a,official,,,,,,,,,,\n`.repeat(Math.ceil((10 * 1024 * 1024) / 30));
    expect(Buffer.byteLength(big)).toBeGreaterThan(10 * 1024 * 1024);
    const r = await importAccounts(db, Buffer.from(big), { actor: "system:test" });
    expect(r.ok ? "ok" : r.errors[0].code).toBe("too_large");
  });

  it("rows with a wrong field count and unparseable CSV are reported", async () => {
    const r = await validateAccountsCsv(db, `${HEADER}\ninterior,x,a\n`);
    expect(r.ok ? "ok" : r.errors[0]).toMatchObject({ line: 2, code: "column_count" });
    const q = await validateAccountsCsv(db, `${HEADER}\n"unterminated,x`);
    expect(q.ok ? "ok" : q.errors[0].code).toBe("parse");
  });

  it("an entity-scoped import refuses rows of another entity and handles owned elsewhere", async () => {
    const file = [HEADER, `foreign-affairs,x,scoped_one,official,,,,,,,,,,`, `,x,dm_inter,official,,,,,,,,,,`].join("\n");
    const r = await validateAccountsCsv(db, file, { entitySlug: "labour" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code)).toEqual(["other_entity", "taken"]);
    // Without the entity column the scope fills it in.
    const cols = CSV_COLUMNS.filter((c) => c !== "entity").join(",");
    const ok = await validateAccountsCsv(db, `${cols}\nx,labour_scoped,official,,,,,,,,,,`, { entitySlug: "labour" });
    expect(ok.ok).toBe(true);
  });

  it("dry run validates and counts without writing", async () => {
    const before = await Promise.all(Object.values(counts(db)));
    const r = await importAccounts(db, `${HEADER}\ninterior,x,dry_run_only,official,,,,,,,,,,`, { actor: "system:test", dryRun: true });
    expect(r).toMatchObject({ ok: true, created: 1, dryRun: true });
    expect(await Promise.all(Object.values(counts(db)))).toEqual(before);
  });

  it("the CLI imports a file and prints counts (progress on stderr)", async () => {
    // A private temp dir: .data/test can be wiped by a concurrent vitest run's global setup.
    const dir = mkdtempSync(join(tmpdir(), "amanah-cli-"));
    const path = join(dir, "cli.db");
    const csv = join(dir, "accounts.csv");
    writeFileSync(csv, GOOD);
    const env = { ...process.env, DATABASE_URL: path };
    // Seed the CLI's own database first so the entities exist.
    execFileSync("npx", ["tsx", "db/seed.ts"], { env, stdio: "pipe" });
    const out = execFileSync("npx", ["tsx", "scripts/cli.ts", "import-accounts", csv], { env, stdio: "pipe" }).toString();
    expect(JSON.parse(out.trim().split("\n").pop()!)).toMatchObject({ created: 3, updated: 0, unchanged: 0 });
    const again = execFileSync("npx", ["tsx", "scripts/cli.ts", "import-accounts", csv], { env, stdio: "pipe" }).toString();
    expect(JSON.parse(again.trim().split("\n").pop()!)).toMatchObject({ created: 0, unchanged: 3 });
    writeFileSync(csv, `${HEADER}\nnowhere,x,a,official,,,,,,,,,,`);
    let failed = false;
    try {
      execFileSync("npx", ["tsx", "scripts/cli.ts", "import-accounts", csv], { env, stdio: "pipe" });
    } catch (e) {
      failed = true;
      expect(String((e as { stderr: Buffer }).stderr)).toMatch(/line 2: unknown entity "nowhere"/);
    }
    expect(failed).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it("audit rows carry the actor", async () => {
    const rows = db.select().from(auditLog).where(sql`${auditLog.action} like 'account.import.%'`).all();
    expect(rows.length).toBeGreaterThanOrEqual(4);
    expect(rows.every((r) => r.actor === "system:test")).toBe(true);
  });
});
