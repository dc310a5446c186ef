import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { freshDb, seededDb } from "../helpers/db";
import { writeAudit } from "../../db/audit";
import { auditLog } from "../../db/schema";
import type { Db } from "../../db/client";

function tables(db: Db): string[] {
  return db.all<{ name: string }>(sql`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%' order by name`).map((r) => r.name);
}

function dump(db: Db): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables(db)) out[t] = db.all(sql.raw(`select * from "${t}" order by rowid`));
  return out;
}

describe("database", () => {
  it("migrations apply to an empty file", () => {
    const { db } = freshDb("migrate");
    expect(tables(db)).toEqual(expect.arrayContaining(["entities", "users", "sessions", "login_attempts", "accounts", "account_owners", "audit_log"]));
    const triggers = db.all<{ name: string }>(sql`select name from sqlite_master where type = 'trigger'`).map((r) => r.name);
    expect(triggers).toEqual(expect.arrayContaining(["audit_log_no_update", "audit_log_no_delete"]));
  });

  it("the seed is fully deterministic: two seeds give identical tables", async () => {
    const a = await seededDb("seed-a");
    const b = await seededDb("seed-b");
    const da = dump(a.db);
    const db2 = dump(b.db);
    expect(Object.keys(da)).toEqual(Object.keys(db2));
    for (const t of Object.keys(da)) expect(db2[t], t).toEqual(da[t]);
    expect(da.accounts.length).toBeGreaterThan(100);
  });

  it("the audit log is append-only: UPDATE and DELETE fail", () => {
    const { db } = freshDb("audit");
    writeAudit(db, { user: "system:test", action: "test.write", targetType: "thing", targetId: 1, before: null, after: { a: 1 } });
    expect(db.$client.prepare("select count(*) as n from audit_log").get()).toEqual({ n: 1 });
    expect(() => db.update(auditLog).set({ action: "tampered" }).run()).toThrow(/append-only/);
    expect(() => db.delete(auditLog).run()).toThrow(/append-only/);
    expect(db.select().from(auditLog).get()!.action).toBe("test.write");
  });
});
