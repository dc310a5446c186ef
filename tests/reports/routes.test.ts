/**
 * Report routes called as Remix loaders/actions with a real session cookie: the archive list, the
 * PDF download (404 across entities, by id or by URL), the preview, and "generate now" rights.
 */
import { appendFileSync, chmodSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { entities, users } from "../../db/schema";
import { setDb } from "../../app/lib/db.server";
import { startUserSession } from "../../app/lib/session.server";
import { generateReport } from "../../reports/archive";
import { closeBrowser } from "../../reports/browser";
import { action as listAction, loader as listLoader } from "../../app/routes/reports._index";
import { loader as pdfLoader } from "../../app/routes/reports.$id.pdf";
import { loader as previewLoader } from "../../app/routes/reports.preview";
import { NOW, WEEK, historyDb } from "./fixture";

const DIR = `.data/reports-tests/routes-${process.pid}`;
let db: Db;
const cookies = new Map<string, string>();
let own: { id: number; slug: string };
let other: { id: number; slug: string };
let ownReport: number;
let otherReport: number;
let csbReport: number;

async function cookieFor(email: string): Promise<string> {
  const hit = cookies.get(email);
  if (hit) return hit;
  const u = db.select().from(users).where(eq(users.email, email)).get()!;
  const setCookie = await startUserSession(new Request("http://localhost/login"), u.id);
  const c = setCookie.split(";")[0];
  cookies.set(email, c);
  return c;
}

async function req(email: string, path: string, init?: RequestInit): Promise<Request> {
  return new Request(`http://localhost${path}`, { ...init, headers: { Cookie: await cookieFor(email), ...(init?.headers ?? {}) } });
}

async function status(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    return r instanceof Response ? r.status : 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}

beforeAll(async () => {
  ({ db } = await historyDb("report-routes"));
  setDb(db);
  process.env.REPORTS_DIR = DIR;
  const [a, b] = db.select({ id: entities.id, slug: entities.slug }).from(entities).orderBy(entities.id).limit(2).all();
  own = a;
  other = b;
  ownReport = (await generateReport(db, { scope: "entity", entityId: own.id, weekStart: WEEK, by: "test", dir: DIR, now: NOW })).id;
  otherReport = (await generateReport(db, { scope: "entity", entityId: other.id, weekStart: WEEK, by: "test", dir: DIR, now: NOW })).id;
  csbReport = (await generateReport(db, { scope: "csb", weekStart: WEEK, by: "test", dir: DIR, now: NOW })).id;
});

afterAll(async () => {
  setDb(null);
  await closeBrowser();
  rmSync(DIR, { recursive: true, force: true });
});

const director = () => `director@${own.slug}.demo.local`;
const call = (loader: typeof pdfLoader, request: Request, params: Record<string, string> = {}) =>
  loader({ request, params, context: {} });

describe("download", () => {
  it("serves the director's own report as a verified PDF", async () => {
    const r = (await call(pdfLoader, await req(director(), `/reports/${ownReport}/pdf`), { id: String(ownReport) })) as Response;
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toBe("application/pdf");
    expect(r.headers.get("Content-Disposition")).toMatch(/attachment; filename=".*\.pdf"/);
    const body = Buffer.from(await r.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("404s another entity's report and the CSB-wide one for a director, like a missing id", async () => {
    for (const id of [otherReport, csbReport, 999_999]) {
      expect(await status(call(pdfLoader, await req(director(), `/reports/${id}/pdf`), { id: String(id) }))).toBe(404);
    }
    expect(await status(call(pdfLoader, await req(director(), `/reports/abc/pdf`), { id: "abc" }))).toBe(404);
  });

  it("CSB users download any report", async () => {
    for (const id of [ownReport, otherReport, csbReport])
      expect(await status(call(pdfLoader, await req("csb-analyst@demo.local", `/reports/${id}/pdf`), { id: String(id) }))).toBe(200);
  });
});

describe("list, preview and generate", () => {
  it("a director lists only their entity's reports", async () => {
    const r = (await call(listLoader as never, await req(director(), "/reports"))) as Response;
    const d = (await r.json()) as { reports: { id: number }[] };
    expect(d.reports.map((x) => x.id)).toEqual([ownReport]);
    const all = (await (await call(listLoader as never, await req("csb-admin@demo.local", "/reports"))).json()) as { reports: { id: number }[] };
    expect(all.reports.map((x) => x.id).sort()).toEqual([ownReport, otherReport, csbReport].sort());
  });

  it("preview: same template as a page; other entity by URL is 404; bad week is 400", async () => {
    const r = (await call(previewLoader as never, await req(director(), `/reports/preview?entity=${own.slug}&week=${WEEK}&lang=ar`))) as Response;
    const d = (await r.json()) as { html: string };
    expect(d.html).toContain('dir="rtl"');
    expect(d.html).toContain("مؤشرات الامتثال");
    expect(await status(call(previewLoader as never, await req(director(), `/reports/preview?entity=${other.slug}&week=${WEEK}`)))).toBe(404);
    expect(await status(call(previewLoader as never, await req(director(), `/reports/preview?entity=csb&week=${WEEK}`)))).toBe(404);
    expect(await status(call(previewLoader as never, await req(director(), `/reports/preview?entity=${own.slug}&week=2026-11-10`)))).toBe(400);
  });

  it("generate now: a director for their own entity only; reviewers not at all", async () => {
    const form = (entity: string) => ({ method: "POST", body: new URLSearchParams({ entity, week: WEEK, lang: "ar" }) });
    const ok = (await listAction({ request: await req(director(), "/reports", form(own.slug)), params: {}, context: {} })) as Response;
    expect(((await ok.json()) as { ok: boolean; version: number }).version).toBe(2);
    expect(await status(listAction({ request: await req(director(), "/reports", form(other.slug)), params: {}, context: {} }))).toBe(403);
    expect(await status(listAction({ request: await req(director(), "/reports", form("csb")), params: {}, context: {} }))).toBe(403);
    expect(await status(listAction({ request: await req(`reviewer@${own.slug}.demo.local`, "/reports", form(own.slug)), params: {}, context: {} }))).toBe(403);
    const bad = await listAction({ request: await req("csb-admin@demo.local", "/reports", { method: "POST", body: new URLSearchParams({ entity: "csb", week: "2026-11-09" }) }), params: {}, context: {} });
    expect((bad as Response).status).toBe(400);
  });
});

describe("integrity", () => {
  // Last in the file: it adds a report the list tests above would otherwise see.
  it("a stored file that no longer matches its sha256 answers 500 with a plain message, not the file", async () => {
    const row = await generateReport(db, { scope: "entity", entityId: own.id, weekStart: WEEK, locale: "en", by: "test", dir: DIR, now: NOW });
    chmodSync(row.filePath, 0o644);
    appendFileSync(row.filePath, "tampered");
    let thrown: unknown;
    try {
      await call(pdfLoader, await req(director(), `/reports/${row.id}/pdf`), { id: String(row.id) });
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(Response);
    const r = thrown as Response;
    expect(r.status).toBe(500);
    expect(r.headers.get("Content-Type")).toMatch(/^text\/plain/);
    expect(await r.text()).toBe("Report file failed its integrity check");
  });
});
