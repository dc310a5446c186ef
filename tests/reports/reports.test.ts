/**
 * Weekly PDF reports end to end: real SQLite with the demo history, real Chromium, poppler to read
 * the output back. Pages are also rendered to PNG under tests/artifacts/ for a human look.
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { bahrainDay } from "../../core/calendar";
import { roundScore, scorePeriod, type DayFigures } from "../../core/compliance/formula";
import { generateReport, generateWeeklyBatch, readVerified, renderReport, sha256 } from "../../reports/archive";
import { activeRenders, browserLaunches, browserPid, closeBrowser } from "../../reports/browser";
import { entityBySlug, rollupFigures } from "../../reports/data";
import { ReportInputError } from "../../reports/week";
import { NOW, WEEK, historyDb } from "./fixture";
import { arDigits, hasWords, pdfPages, pdffonts, pdftotextRaw, toPngs } from "./pdf";

// Not under .data/test: other engineers' test runs wipe that folder at start-up.
const DIR = `.data/reports-tests/${process.pid}`;
let db: Db;
let busiest: { id: number; slug: string; nameAr: string; nameEn: string };

beforeAll(async () => {
  ({ db } = await historyDb("reports"));
  // The entity with the most flagged posts that week: exercises every section of the template.
  const row = db.$client
    .prepare(
      `SELECT f.entity_id AS id FROM flags f JOIN posts p ON p.id = f.post_id
        WHERE f.status != 'dismissed' AND p.published_at >= ? AND p.published_at < ?
        GROUP BY f.entity_id ORDER BY count(*) DESC, f.entity_id LIMIT 1`,
    )
    .get(Date.UTC(2026, 10, 7, 21), Date.UTC(2026, 10, 14, 21)) as { id: number };
  busiest = db.$client.prepare(`SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities WHERE id = ?`).get(row.id) as typeof busiest;
});

afterAll(async () => {
  await closeBrowser();
  rmSync(DIR, { recursive: true, force: true });
});

function dashboardScore(entityId: number) {
  const rows: DayFigures[] = rollupFigures(db, [entityId], WEEK, "2026-11-14").get(entityId) ?? [];
  return scorePeriod(rows, bahrainDay(NOW));
}

describe("entity report (Arabic)", () => {
  let file: string;
  let row: Awaited<ReturnType<typeof generateReport>>;

  beforeAll(async () => {
    row = await generateReport(db, { scope: "entity", entityId: busiest.id, weekStart: WEEK, locale: "ar", by: "test", dir: DIR, now: NOW });
    file = row.filePath;
    toPngs(file, `tests/artifacts/report-${busiest.slug}-ar`);
  });

  it("names the entity, has the Arabic headings and the dashboard's figures for the week", () => {
    const text = pdftotextRaw(file);
    expect(hasWords(text, busiest.nameAr)).toBe(true);
    for (const h of ["مؤشرات الامتثال", "ضوابط الحوكمة غير المستوفاة", "حسابات القياديين", "أخطر المنشورات المرصودة", "ما العمل التالي"])
      expect(hasWords(text, h), h).toBe(true);
    const s = dashboardScore(busiest.id);
    expect(s.overall).not.toBeNull();
    for (const v of [s.overall, s.content, s.governance, s.responsiveness]) if (v !== null) expect(text).toContain(arDigits(roundScore(v)!));
    expect(text).toContain(arDigits(s.totals.posts));
    expect(text).toContain(`${WEEK} — 2026-11-14`);
  });

  it("embeds only the bundled fonts", () => {
    const fonts = pdffonts(file);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.emb).toBe("yes");
      expect(f.name).toMatch(/^[A-Z]{6}\+(IBMPlexSansArabic|NotoNaskhArabic)-/);
    }
    // Flagged excerpts are set in Naskh: both families are present.
    expect(fonts.some((f) => f.name.includes("NotoNaskhArabic"))).toBe(true);
  });

  it("records pages, size and a sha256 that matches the file", () => {
    expect(pdfPages(file)).toBe(row.pages);
    expect(row.pages).toBeGreaterThanOrEqual(2);
    const buf = readFileSync(file);
    expect(row.bytes).toBe(buf.length);
    expect(row.sha256).toBe(sha256(buf));
    expect(readVerified(row).length).toBe(buf.length);
    expect(row.version).toBe(1);
    expect(file).toContain(`entity-${busiest.slug}-${WEEK}-ar-v1.pdf`);
  });

  it("a re-generation is a new version; the old file is untouched", async () => {
    const before = readFileSync(file);
    const again = await generateReport(db, { scope: "entity", entityId: busiest.id, weekStart: WEEK, locale: "ar", by: "test", dir: DIR, now: NOW + 60_000 });
    expect(again.version).toBe(2);
    expect(again.filePath).not.toBe(file);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(existsSync(again.filePath)).toBe(true);
  });
});

describe("other reports", () => {
  it("English on request", async () => {
    const { pdf, data } = await renderReport(db, { scope: "entity", entityId: busiest.id, weekStart: WEEK, locale: "en", now: NOW });
    const f = `${DIR}/en.pdf`;
    (await import("node:fs")).mkdirSync(DIR, { recursive: true });
    (await import("node:fs")).writeFileSync(f, pdf);
    const text = pdftotextRaw(f).replace(/\s+/g, " ");
    expect(text).toContain(busiest.nameEn);
    expect(text).toContain("Compliance scores");
    expect(text).toContain("Failing governance controls");
    expect(text).toContain(String(roundScore(data.scope === "entity" ? data.score.overall : null)));
    toPngs(f, `tests/artifacts/report-${busiest.slug}-en`);
  });

  it("CSB-wide report: league table, heatmap, movers, attention", async () => {
    const row = await generateReport(db, { scope: "csb", weekStart: WEEK, locale: "ar", by: "test", dir: DIR, now: NOW });
    expect(row.entityId).toBeNull();
    const text = pdftotextRaw(row.filePath);
    for (const h of ["ترتيب الجهات", "الفئات", "تراجع", "جهات تحتاج إلى متابعة"]) expect(hasWords(text, h), h).toBe(true);
    expect(hasWords(text, busiest.nameAr)).toBe(true);
    for (const f of pdffonts(row.filePath)) expect(f.name).toMatch(/IBMPlexSansArabic|NotoNaskhArabic/);
    expect(pdfPages(row.filePath)).toBe(row.pages);
    toPngs(row.filePath, "tests/artifacts/report-csb-ar");
  });

  it("a week with no data says so", async () => {
    const row = await generateReport(db, { scope: "entity", entityId: busiest.id, weekStart: "2025-01-05", locale: "ar", by: "test", dir: DIR, now: NOW });
    const text = pdftotextRaw(row.filePath);
    expect(hasWords(text, "لا توجد بيانات لهذا الأسبوع")).toBe(true);
    const en = await renderReport(db, { scope: "csb", weekStart: "2025-01-05", locale: "en", now: NOW });
    expect(en.data.hasData).toBe(false);
  });
});

describe("bad input", () => {
  it("malformed week, a non-Sunday and an unknown entity are clear errors", async () => {
    const base = { scope: "entity" as const, entityId: busiest.id, locale: "ar" as const, by: "test", dir: DIR, now: NOW };
    await expect(generateReport(db, { ...base, weekStart: "2026/11/08" })).rejects.toThrow(/malformed: expected YYYY-MM-DD/);
    await expect(generateReport(db, { ...base, weekStart: "2026-02-30" })).rejects.toThrow(/not a real calendar date/);
    await expect(generateReport(db, { ...base, weekStart: "2026-11-11" })).rejects.toThrow(/is a Wednesday.*use 2026-11-08/);
    await expect(generateReport(db, { ...base, entityId: 999_999, weekStart: WEEK })).rejects.toBeInstanceOf(ReportInputError);
    expect(() => entityBySlug(db, "no-such-entity")).toThrow(/unknown entity "no-such-entity"/);
  });
});

describe("weekly batch", () => {
  it("survives a browser crash mid-batch: the report in flight is retried, the others complete", async () => {
    const ids = (db.$client.prepare(`SELECT id FROM entities ORDER BY id LIMIT 5`).all() as { id: number }[]).map((r) => r.id);
    const launchesBefore = browserLaunches();
    let killed = false;
    const batch = generateWeeklyBatch(db, WEEK, { entityIds: ids, dir: DIR, now: NOW, by: "test" });
    // Wait for the first report to be under way, then kill Chromium (the process we launched).
    while (!killed) {
      await new Promise((r) => setTimeout(r, 20));
      const pid = browserPid();
      if (pid && activeRenders() > 0) {
        process.kill(pid, "SIGKILL");
        killed = true;
      }
    }
    const out = await batch;
    expect(out).toHaveLength(ids.length + 1);
    expect(out.filter((o) => !o.ok)).toEqual([]);
    expect(out.some((o) => o.attempts === 2)).toBe(true);
    expect(out[out.length - 1].scope).toBe("csb");
    expect(browserLaunches()).toBeGreaterThan(launchesBefore);
    const rows = db.$client.prepare(`SELECT count(*) AS n FROM reports WHERE week_start = ? AND generated_by = 'test'`).get(WEEK) as { n: number };
    expect(rows.n).toBeGreaterThanOrEqual(ids.length + 1);
  }, 240_000); // six PDFs and a browser relaunch: minutes on a loaded 2-core machine
});
