/**
 * /compare/export.csv|.xlsx — the CSB comparison's league table for the page's period and order,
 * with the per-category rates of the heatmap. Computed by the page's own compareData (one row per
 * entity), written through the shared streaming writer.
 */
import { CATEGORIES } from "../../../core/enums";
import { compareData, parseCompareParams } from "../dashboard/compare.server";
import { db } from "../db.server";
import type { Locale } from "../i18n";
import type { Cell } from "./csv";
import { exportResponse, type Column, type ExportFormat } from "./table.server";

const CATEGORY_NAMES: Record<string, { ar: string; en: string }> = {
  offensive: { ar: "إساءة", en: "Offensive" },
  hate: { ar: "كراهية", en: "Hate" },
  obscene: { ar: "بذاءة", en: "Obscene" },
  "personal-data": { ar: "بيانات شخصية", en: "Personal data" },
  confidential: { ar: "معلومات سرية", en: "Confidential" },
  disclaimer: { ar: "إخلاء المسؤولية", en: "Disclaimer" },
  "work-email": { ar: "بريد العمل", en: "Work email" },
  governance: { ar: "الحوكمة", en: "Governance" },
};

const COLUMNS: Column[] = [
  { header: { ar: "الترتيب", en: "Rank" }, width: 7 },
  { header: { ar: "الجهة", en: "Entity" }, width: 34 },
  { header: { ar: "رمز الجهة", en: "Entity slug" }, width: 14 },
  { header: { ar: "الدرجة الكلية", en: "Overall" }, width: 10 },
  { header: { ar: "المحتوى", en: "Content" }, width: 10 },
  { header: { ar: "الحوكمة", en: "Governance" }, width: 10 },
  { header: { ar: "الاستجابة", en: "Responsiveness" }, width: 12 },
  { header: { ar: "التغير عن الفترة السابقة", en: "Change vs previous period" }, width: 12 },
  { header: { ar: "المنشورات", en: "Posts" }, width: 10 },
  { header: { ar: "الملاحظات", en: "Flags" }, width: 10 },
  { header: { ar: "ملاحظات لكل ١٠٠ منشور", en: "Flags per 100 posts" }, width: 12 },
  { header: { ar: "ملاحظات مفتوحة", en: "Open flags" }, width: 10 },
  { header: { ar: "وسيط زمن المراجعة (ساعات)", en: "Median review time (hours)" }, width: 12 },
  { header: { ar: "ضوابط غير مستوفاة", en: "Controls failing" }, width: 10 },
  ...CATEGORIES.map((c) => ({ header: { ar: `${CATEGORY_NAMES[c]?.ar ?? c} لكل ١٠٠ منشور`, en: `${CATEGORY_NAMES[c]?.en ?? c} per 100 posts` }, width: 12 })),
];

const r1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
const r2 = (v: number | null): number | null => (v === null ? null : Math.round(v * 100) / 100);

export function compareExport(request: Request, format: ExportFormat, locale: Locale, now = Date.now()): Response {
  const { period, sort, dir } = parseCompareParams(new URL(request.url));
  const d = compareData(db(), now, period, sort, dir);
  const rows = (function* (): Generator<Cell[]> {
    let rank = 0;
    for (const r of d.rows) {
      yield [
        ++rank,
        locale === "ar" ? r.nameAr : r.nameEn,
        r.slug,
        r1(r.overall),
        r1(r.content),
        r1(r.governance),
        r1(r.responsiveness),
        r1(r.overallDelta),
        r.posts,
        r.flags,
        r2(r.per100),
        r.openFlags,
        r1(r.medianReviewHours),
        r.controlsFailing,
        ...CATEGORIES.map((c) => r2(r.byCategoryPer100[c] ?? null)),
      ];
    }
  })();
  return exportResponse({ filename: `comparison-${period}-${d.from}-${d.to}`, sheet: locale === "ar" ? "المقارنة" : "Comparison", columns: COLUMNS, rows }, format, locale);
}
