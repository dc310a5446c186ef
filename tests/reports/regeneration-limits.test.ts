/**
 * Issue 13 item 10: report regeneration is rate-limited per entity (a clear 429 with the retry
 * time, audited; the check is reserved before the PDF is rendered) and the archive is bounded
 * (the newest KEEP_VERSIONS versions of a report are kept; older rows and files are deleted),
 * without cutting short a download of a version that is deleted meanwhile.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditLog, entities, reports, users } from "../../db/schema";
import { setDb } from "../../app/lib/db.server";
import { startUserSession } from "../../app/lib/session.server";
import { KEEP_VERSIONS, generateReport, sha256 } from "../../reports/archive";
import { closeBrowser } from "../../reports/browser";
import { insertReport } from "../../db/reports";
import { REPORT_GENERATIONS_PER_HOUR, reserveReportGeneration } from "../../db/report-limits";
import { action as listAction } from "../../app/routes/reports._index";
import { loader as pdfLoader } from "../../app/routes/reports.$id.pdf";
import type { SessionUser } from "../../core/access";
import { NOW, WEEK, historyDb } from "./fixture";

const DIR = `.data/reports-tests/limits-${process.pid}`;
let db: Db;
let own: { id: number; slug: string };
let other: { id: number; slug: string };
let director: SessionUser & { email: string };
let cookie: string;

beforeAll(async () => {
  ({ db } = await historyDb("report-limits"));
  setDb(db);
  process.env.REPORTS_DIR = DIR;
  [own, other] = db.select({ id: entities.id, slug: entities.slug }).from(entities).orderBy(entities.id).limit(2).all();
  const u = db.select().from(users).where(eq(users.email, `director@${own.slug}.demo.local`)).get()!;
  director = { id: u.id, email: u.email, role: u.role, entityId: u.entityId, locale: u.locale } as SessionUser & { email: string };
  cookie = (await startUserSession(new Request("http://localhost/login"), u.id)).split(";")[0];
});

afterAll(async () => {
  setDb(null);
  await closeBrowser();
  rmSync(DIR, { recursive: true, force: true });
});

/** The locale cookie as POST /locale sets it (an unsigned Remix cookie: base64 of the JSON value). */
const uiLocale = (l: "ar" | "en") => `amanah_locale=${encodeURIComponent(Buffer.from(JSON.stringify(l)).toString("base64"))}`;

const generate = (slug: string, ui: "ar" | "en" = "ar") =>
  listAction({
    request: new Request("http://localhost/reports", { method: "POST", headers: { Cookie: `${cookie}; ${uiLocale(ui)}` }, body: new URLSearchParams({ entity: slug, week: WEEK, lang: "en" }) }),
    params: {},
    context: {},
  }) as Promise<Response>;

describe("rate limit per entity", () => {
  it(`allows ${REPORT_GENERATIONS_PER_HOUR} requests an hour, then answers 429 with the retry time, audited, rendering nothing`, async () => {
    const first = new Date(Date.now() - 50 * 60 * 1000);
    for (let i = 0; i < REPORT_GENERATIONS_PER_HOUR; i++) {
      const r = reserveReportGeneration(db, { user: director, scope: "entity", entityId: own.id, weekStart: WEEK, locale: "ar" }, new Date(first.getTime() + i * 60_000));
      expect(r.ok, `request ${i + 1}`).toBe(true);
    }
    const before = await db.$count(reports);
    const r = await generate(own.slug);
    expect(r.status).toBe(429);
    const body = (await r.json()) as { ok: boolean; error: string };
    expect(body.ok).toBe(false);
    // The oldest request in the window was 50 minutes ago: retry in about 10 minutes.
    const retryAfter = Number(r.headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(9 * 60);
    expect(retryAfter).toBeLessThanOrEqual(10 * 60 + 1);
    expect(body.error, body.error).toMatch(/^بلغت هذه الجهة حد ١٠ تقارير في الساعة\. حاول مجددًا بعد [٠-٩]+ \S+ [٠-٩]{4}، [٠-٩]{2}:[٠-٩]{2}\.$/);
    const en = (await (await generate(own.slug, "en")).json()) as { error: string };
    expect(en.error).toMatch(new RegExp(`limit of ${REPORT_GENERATIONS_PER_HOUR} reports per hour\\. Try again after \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d`));
    expect(await db.$count(reports)).toBe(await before);
    const refused = db.select().from(auditLog).where(and(eq(auditLog.action, "report.generate.refused"), eq(auditLog.entityId, own.id))).all();
    expect(refused).toHaveLength(2);
    expect(refused[0].actor).toBe(director.email);
    // Another entity's limit is its own.
    expect(reserveReportGeneration(db, { user: director, scope: "entity", entityId: other.id, weekStart: WEEK, locale: "ar" }).ok).toBe(true);
    // The CSB-wide report counts separately too.
    expect(reserveReportGeneration(db, { user: director, scope: "csb", entityId: null, weekStart: WEEK, locale: "ar" }).ok).toBe(true);
    // An hour after the oldest request, one more is allowed.
    expect(reserveReportGeneration(db, { user: director, scope: "entity", entityId: own.id, weekStart: WEEK, locale: "ar" }, new Date(first.getTime() + 60 * 60 * 1000 + 1)).ok).toBe(true);
  });
});

describe("bounded archive", () => {
  it(`keeps the newest ${KEEP_VERSIONS} versions; older rows and files are deleted; a download in progress completes`, async () => {
    const key = { scope: "entity" as const, entityId: other.id, weekStart: WEEK, locale: "ar" as const };
    // Versions 1..KEEP_VERSIONS already stored.
    mkdirSync(join(DIR, WEEK), { recursive: true });
    const old = Array.from({ length: KEEP_VERSIONS }, (_, i) => {
      const file = join(DIR, WEEK, `old-v${i + 1}.pdf`);
      const bytes = Buffer.from(`%PDF-1.4 old version ${i + 1}`);
      writeFileSync(file, bytes);
      return insertReport(db, { ...key, version: i + 1, filePath: file, sha256: sha256(bytes), bytes: bytes.length, pages: 1, generatedAt: new Date(NOW), generatedBy: "test" });
    });
    // Version 1 is being downloaded (the director of `other` is not signed in here: csb_admin).
    const admin = db.select().from(users).where(eq(users.email, "csb-admin@demo.local")).get()!;
    const adminCookie = (await startUserSession(new Request("http://localhost/login"), admin.id)).split(";")[0];
    const download = (await pdfLoader({ request: new Request(`http://localhost/reports/${old[0].id}/pdf`, { headers: { Cookie: adminCookie } }), params: { id: String(old[0].id) }, context: {} })) as Response;
    expect(download.status).toBe(200);

    const fresh = await generateReport(db, { ...key, by: "test", dir: DIR, now: NOW });
    expect(fresh.version).toBe(KEEP_VERSIONS + 1);
    const kept = db.select().from(reports).where(and(eq(reports.entityId, other.id), eq(reports.weekStart, WEEK), eq(reports.locale, "ar"))).all();
    expect(kept.map((r) => r.version).sort((a, b) => a - b)).toEqual(Array.from({ length: KEEP_VERSIONS }, (_, i) => i + 2));
    expect(existsSync(old[0].filePath)).toBe(false);
    for (const r of kept) expect(existsSync(r.filePath), r.filePath).toBe(true);
    // The download started before the deletion still delivers the whole, verified file.
    const body = Buffer.from(await download.arrayBuffer());
    expect(sha256(body)).toBe(old[0].sha256);
    // Other locales and entities of the same week are untouched.
    expect(db.select().from(reports).where(and(eq(reports.entityId, own.id))).all().every((r) => existsSync(r.filePath))).toBe(true);
  });
});
