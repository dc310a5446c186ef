/**
 * Exports opened back: CSV parsed (BOM, RFC 4180, Arabic, neutralised formulas), XLSX read with
 * exceljs (RTL sheet for Arabic users), permissions as the pages (another entity's export is a
 * 404), the audit export's filters, and the records zip checked against its manifest.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createHash } from "node:crypto";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { and, eq } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { addFlagFixture } from "./flag-fixture";
import { call, get, signInAs, useDb } from "./app-helpers";
import { loader as reviewCsv } from "../../app/routes/review.export[.]csv";
import { loader as reviewXlsx } from "../../app/routes/review.export[.]xlsx";
import { loader as accountsCsv } from "../../app/routes/entities.$slug.accounts.export[.]csv";
import { loader as accountsXlsx } from "../../app/routes/entities.$slug.accounts.export[.]xlsx";
import { loader as compareCsv } from "../../app/routes/compare.export[.]csv";
import { loader as compareXlsx } from "../../app/routes/compare.export[.]xlsx";
import { loader as auditCsv } from "../../app/routes/admin.audit.export[.]csv";
import { loader as recordsZip } from "../../app/routes/accounts.$id.records[.]zip";
import { csvCell, csvLine, neutralise } from "../../app/lib/export/csv";
import { accounts, auditLog, entities, users } from "../../db/schema";
import type { Db } from "../../db/client";
import { saveProfile } from "../../db/ingest";
import type { Profile } from "../../connectors/types";

/** RFC 4180 parser (quoted fields, doubled quotes, CRLF rows). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  if (field || row.length) throw new Error("CSV does not end with CRLF");
  return rows;
}

async function csvOf(res: Response): Promise<string[][]> {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="[A-Za-z0-9._-]+\.csv"$/);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes.slice(3)));
}

async function xlsxOf(res: Response): Promise<ExcelJS.Worksheet> {
  expect(res.status).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ArrayBuffer);
  return wb.worksheets[0];
}

/** A minimal zip reader: the central directory's entries, stored or deflated. */
function unzip(buf: Buffer): Map<string, Buffer> {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error("not a zip (no end of central directory)");
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory entry");
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString("utf8");
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + compressed);
    const data = method === 0 ? raw : inflateRawSync(raw);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, directory says ${size}`);
    out.set(name, data);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

const sha256 = (b: Buffer | string) => createHash("sha256").update(b).digest("hex");

describe("exports", () => {
  let db: Db;
  let director: string; // interior
  let directorEn: string; // foreign-affairs, English
  let reviewer: string; // interior
  let analyst: string;
  let admin: string;
  let interiorAccount: number;
  let otherAccount: number;

  beforeAll(async () => {
    ({ db } = await seededDb("exports"));
    useDb(db);
    addFlagFixture(db, ["interior", "foreign-affairs"]);
    director = await signInAs("director@interior.demo.local", undefined, "10.8.0.1");
    directorEn = await signInAs("director@foreign-affairs.demo.local", undefined, "10.8.0.2");
    reviewer = await signInAs("reviewer@interior.demo.local", undefined, "10.8.0.3");
    analyst = await signInAs("csb-analyst@demo.local", undefined, "10.8.0.4");
    admin = await signInAs("csb-admin@demo.local", undefined, "10.8.0.5");
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    interiorAccount = db.select().from(accounts).where(and(eq(accounts.entityId, interior.id), eq(accounts.class, "official"))).get()!.id;
    const fa = db.select().from(entities).where(eq(entities.slug, "foreign-affairs")).get()!;
    otherAccount = db.select().from(accounts).where(eq(accounts.entityId, fa.id)).get()!.id;
  });

  it("the CSV writer quotes per RFC 4180 and neutralises formula triggers", () => {
    for (const s of ["=1+1", "+973", "-2", "@x", "\tx", "\rx"]) expect(neutralise(s)).toBe(`'${s}`);
    expect(neutralise("نص عادي")).toBe("نص عادي");
    expect(csvCell('a "b", c')).toBe('"a ""b"", c"');
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(null)).toBe("");
    expect(csvLine(["=SUM(A1)", "x\ny", 1.5, true])).toBe(`'=SUM(A1),"x\ny",1.5,true\r\n`);
  });

  it("review queue CSV: the user's entity only, Arabic intact, formulas neutralised, the queue's filters", async () => {
    const rows = await csvOf(await call(reviewCsv, get("/review/export.csv", director)));
    const [header, ...body] = rows;
    expect(header[0]).toBe("رقم الملاحظة");
    const slugCol = header.indexOf("رمز الجهة");
    const textCol = header.indexOf("النص");
    expect(body.length).toBeGreaterThan(3);
    expect(new Set(body.map((r) => r[slugCol]))).toEqual(new Set(["interior"]));
    const texts = body.map((r) => r[textCol]);
    expect(texts).toContain("تصريح رسمي حول الخدمات الإلكترونية الجديدة");
    expect(texts).toContain(`'=HYPERLINK("http://evil.example","اضغط هنا")`);
    expect(texts).toContain("'-رأيي الشخصي: القرار خاطئ");
    expect(texts).toContain("'@صديقي رقم هويتي 850101234");
    for (const r of body) for (const cell of r) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    // The queue: the open flags (all of them, not a page).
    const openN = db.$client.prepare("SELECT count(*) AS n FROM flags f JOIN entities e ON e.id = f.entity_id WHERE e.slug = 'interior' AND f.status = 'open'").get() as { n: number };
    expect(body.length).toBe(openN.n);

    // The queue's own filters and their validation.
    const none = await csvOf(await call(reviewCsv, get("/review/export.csv?severity=low", director)));
    expect(none.length).toBe(1);
    const csb = await csvOf(await call(reviewCsv, get("/review/export.csv?entity=foreign-affairs", analyst)));
    expect(new Set(csb.slice(1).map((r) => r[slugCol]))).toEqual(new Set(["foreign-affairs"]));
    expect((await call(reviewCsv, get("/review/export.csv?status=bogus", director))).status).toBe(400);
    expect((await call(reviewCsv, get("/review/export.csv?severity=huge", director))).status).toBe(400);
  });

  it("review queue XLSX: right-to-left sheet with Arabic headers for Arabic users, left-to-right in English", async () => {
    const ws = await xlsxOf(await call(reviewXlsx, get("/review/export.xlsx", director)));
    expect(ws.views[0]?.rightToLeft).toBe(true);
    expect(ws.getRow(1).getCell(1).value).toBe("رقم الملاحظة");
    const values = ws.getColumn(21).values.slice(2).map(String);
    expect(values).toContain("تصريح رسمي حول الخدمات الإلكترونية الجديدة");
    // A text cell is a string, never a formula.
    ws.eachRow((row) => row.eachCell((c) => expect(c.type).not.toBe(ExcelJS.ValueType.Formula)));
    db.update(users).set({ locale: "en" }).where(eq(users.email, "director@foreign-affairs.demo.local")).run();
    const en = await xlsxOf(await call(reviewXlsx, get("/review/export.xlsx", directorEn)));
    expect(en.views[0]?.rightToLeft).toBe(false);
    expect(en.getRow(1).getCell(1).value).toBe("Flag id");
    expect(en.rowCount).toBeGreaterThan(1);
  });

  it("accounts export: as the accounts page (another entity is a 404)", async () => {
    const rows = await csvOf(await call(accountsCsv, get("/entities/interior/accounts/export.csv", director), { slug: "interior" }));
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    expect(rows.length - 1).toBe(await db.$count(accounts, eq(accounts.entityId, interior.id)));
    const ws = await xlsxOf(await call(accountsXlsx, get("/entities/interior/accounts/export.xlsx", director), { slug: "interior" }));
    expect(ws.rowCount).toBe(rows.length);
    expect((await call(accountsCsv, get("/entities/foreign-affairs/accounts/export.csv", director), { slug: "foreign-affairs" })).status).toBe(404);
    expect((await call(accountsXlsx, get("/entities/no-such/accounts/export.xlsx", director), { slug: "no-such" })).status).toBe(404);
  });

  it("comparison export: CSB roles only, every entity", async () => {
    const rows = await csvOf(await call(compareCsv, get("/compare/export.csv?period=4w", analyst)));
    expect(rows.length - 1).toBe(await db.$count(entities));
    const ws = await xlsxOf(await call(compareXlsx, get("/compare/export.xlsx", analyst)));
    expect(ws.rowCount).toBe(rows.length);
    expect((await call(compareCsv, get("/compare/export.csv", director))).status).toBe(404);
    expect((await call(compareXlsx, get("/compare/export.xlsx", director))).status).toBe(404);
    expect((await call(compareCsv, get("/compare/export.csv?period=forever", analyst))).status).toBe(400);
  });

  it("audit export: csb_admin only, filtered by entity, user and days", async () => {
    expect((await call(auditCsv, get("/admin/audit/export.csv", analyst))).status).toBe(404);
    expect((await call(auditCsv, get("/admin/audit/export.csv", director))).status).toBe(404);
    const all = await csvOf(await call(auditCsv, get("/admin/audit/export.csv", admin)));
    expect(all.length - 1).toBe(await db.$count(auditLog));
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    const byEntity = await csvOf(await call(auditCsv, get("/admin/audit/export.csv?entity=interior", admin)));
    expect(byEntity.length - 1).toBe(await db.$count(auditLog, eq(auditLog.entityId, interior.id)));
    const byUser = await csvOf(await call(auditCsv, get("/admin/audit/export.csv?user=csb-admin@demo.local", admin)));
    expect(byUser.length - 1).toBe(await db.$count(auditLog, eq(auditLog.actor, "csb-admin@demo.local")));
    const none = await csvOf(await call(auditCsv, get("/admin/audit/export.csv?from=2001-01-01&to=2001-01-02", admin)));
    expect(none.length).toBe(1);
    for (const q of ["entity=nope", "from=yesterday", "colour=red", "from=2026-02-02&to=2026-01-01"]) {
      expect((await call(auditCsv, get(`/admin/audit/export.csv?${q}`, admin))).status, q).toBe(400);
    }
  });

  it("records zip: every file matches the manifest, the header and the audit log carry the manifest's hash", async () => {
    const res = await call(recordsZip, get(`/accounts/${interiorAccount}/records.zip`, director), { id: String(interiorAccount) });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("application/zip");
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    const manifestBytes = files.get("manifest.json")!;
    expect(res.headers.get("X-Amanah-Manifest-SHA256")).toBe(sha256(manifestBytes));
    const manifest = JSON.parse(manifestBytes.toString("utf8")) as { files: { name: string; sha256: string; bytes: number }[]; range: unknown; account: { id: number } };
    expect(manifest.account.id).toBe(interiorAccount);
    expect(manifest.range).toEqual({ from: null, to: null });
    expect(manifest.files.map((f) => f.name).sort()).toEqual([...files.keys()].filter((n) => n !== "manifest.json").sort());
    for (const f of manifest.files) {
      expect(sha256(files.get(f.name)!), f.name).toBe(f.sha256);
      expect(files.get(f.name)!.length).toBe(f.bytes);
    }
    // Posts: every version; the deleted post's deletion time; Arabic text as stored.
    const posts = files.get("posts.jsonl")!.toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(posts.length).toBe(4); // 3 posts, one with two versions
    expect(posts.filter((p) => p.platformPostId === `p-${interiorAccount}-1`).map((p) => p.version)).toEqual([1, 2]);
    expect(posts.find((p) => p.deletedAt !== null)?.deletedAt).toMatch(/\+03:00$/);
    const flags = files.get("flags.jsonl")!.toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(flags.filter((f) => f.decision === "confirm").every((f) => f.reviewer === "csb-admin@demo.local" && f.note === "=ملاحظة المراجع")).toBe(true);
    const flagsCsv = parseCsv(files.get("flags.csv")!.toString("utf8").slice(1));
    expect(flagsCsv.slice(1).some((r) => r.includes("'=ملاحظة المراجع"))).toBe(true);
    expect(files.get("ownership.csv")!.subarray(0, 3).toString("hex")).toBe("efbbbf");
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "account.records_export")).all();
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit[0].after)).toContain(res.headers.get("X-Amanah-Manifest-SHA256")!);

    // A date range narrows the records and is stated in the manifest.
    const ranged = await call(recordsZip, get(`/accounts/${interiorAccount}/records.zip?from=2001-01-01&to=2001-01-31`, director), { id: String(interiorAccount) });
    const rf = unzip(Buffer.from(await ranged.arrayBuffer()));
    expect(JSON.parse(rf.get("manifest.json")!.toString("utf8")).range).toEqual({ from: "2001-01-01", to: "2001-01-31" });
    expect(rf.get("posts.jsonl")!.length).toBe(0);
    expect((await call(recordsZip, get(`/accounts/${interiorAccount}/records.zip?from=bad`, director), { id: String(interiorAccount) })).status).toBe(400);
  });

  it("records zip: the profile history holds a row per change (not per fetch)", async () => {
    const profile = (bio: string): Profile => ({ platformId: "pid-1", handle: "h", displayName: "حساب الوزارة", bio, verified: true, followers: 10, createdAt: null, avatarUrl: null, profileUrl: null, contactLinks: [] });
    const t0 = Date.parse("2026-11-03T06:00:00Z");
    saveProfile(db, interiorAccount, profile("النبذة الأولى"), { bioFlags: [], now: t0 });
    saveProfile(db, interiorAccount, { ...profile("النبذة الأولى"), followers: 99 }, { bioFlags: [], now: t0 + 1000 });
    saveProfile(db, interiorAccount, profile("=النبذة الثانية"), { bioFlags: [], now: t0 + 2000 });
    const res = await call(recordsZip, get(`/accounts/${interiorAccount}/records.zip?from=2026-11-03&to=2026-11-03`, director), { id: String(interiorAccount) });
    const files = unzip(Buffer.from(await res.arrayBuffer()));
    const rows = files.get("profile.jsonl")!.toString("utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(rows.map((r) => r.bio)).toEqual(["النبذة الأولى", "=النبذة الثانية"]);
    const csv = parseCsv(files.get("profile.csv")!.toString("utf8").slice(1));
    expect(csv.slice(1).map((r) => r[3])).toEqual(["النبذة الأولى", "'=النبذة الثانية"]);
  });

  it("records zip: the entity's director and CSB roles; a reviewer is refused, another entity is a 404", async () => {
    expect((await call(recordsZip, get(`/accounts/${interiorAccount}/records.zip`, reviewer), { id: String(interiorAccount) })).status).toBe(403);
    expect((await call(recordsZip, get(`/accounts/${otherAccount}/records.zip`, director), { id: String(otherAccount) })).status).toBe(404);
    expect((await call(recordsZip, get(`/accounts/999999/records.zip`, director), { id: "999999" })).status).toBe(404);
    const csb = await call(recordsZip, get(`/accounts/${otherAccount}/records.zip`, analyst), { id: String(otherAccount) });
    expect(csb.status).toBe(200);
    await csb.arrayBuffer();
  });
});
