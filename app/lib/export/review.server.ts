/**
 * /review/export.csv|.xlsx — the review queue as a file, with the queue's own filters (parsed by
 * parseQueueFilters, selected by the queue's own SQL; `page` is ignored: the file holds every
 * matching flag) and the same visibility: an entity user exports only their entity's flags.
 */
import { bahrainDay, isReviewDue, reviewDeadline } from "../../../core/calendar";
import type { SessionUser } from "../../../core/access";
import { queueItemsIterate, type QueueItemRow } from "../../../db/read/review";
import { openSnapshot } from "../../../db/snapshot";
import { parseQueueFilters, queueQuery } from "../dashboard/review.server";
import { ruleInfo } from "../dashboard/rules.server";
import { db } from "../db.server";
import type { Locale } from "../i18n";
import type { Cell } from "./csv";
import { isoBahrain } from "./format";
import { exportResponse, type Column, type ExportFormat } from "./table.server";

const COLUMNS: Column[] = [
  { header: { ar: "رقم الملاحظة", en: "Flag id" }, width: 10 },
  { header: { ar: "تاريخ الرصد", en: "Raised at" }, width: 22 },
  { header: { ar: "موعد المراجعة", en: "Review due" }, width: 22 },
  { header: { ar: "متأخرة", en: "Overdue" }, width: 9 },
  { header: { ar: "مصعّدة", en: "Escalated" }, width: 9 },
  { header: { ar: "الجهة", en: "Entity" }, width: 28 },
  { header: { ar: "رمز الجهة", en: "Entity slug" }, width: 14 },
  { header: { ar: "المنصة", en: "Platform" }, width: 10 },
  { header: { ar: "الحساب", en: "Account" }, width: 24 },
  { header: { ar: "فئة الحساب", en: "Account class" }, width: 12 },
  { header: { ar: "القاعدة", en: "Rule" }, width: 16 },
  { header: { ar: "الملاحظة", en: "Title" }, width: 30 },
  { header: { ar: "البند", en: "Clause" }, width: 10 },
  { header: { ar: "التصنيف", en: "Category" }, width: 14 },
  { header: { ar: "الخطورة", en: "Severity" }, width: 10 },
  { header: { ar: "الدرجة", en: "Score" }, width: 8 },
  { header: { ar: "المصدر", en: "Source" }, width: 8 },
  { header: { ar: "تاريخ النشر", en: "Published at" }, width: 22 },
  { header: { ar: "تاريخ الحذف", en: "Deleted at" }, width: 22 },
  { header: { ar: "الرابط", en: "URL" }, width: 30 },
  { header: { ar: "النص", en: "Text" }, width: 60 },
  { header: { ar: "الدليل", en: "Evidence" }, width: 30 },
];

function evidence(spans: string): string {
  try {
    const v: unknown = JSON.parse(spans);
    return Array.isArray(v) ? v.map((s: { text?: unknown }) => String(s?.text ?? "")).filter(Boolean).join(" | ") : "";
  } catch {
    return "";
  }
}

function toCells(r: QueueItemRow, overdue: boolean, deadline: number, locale: Locale): Cell[] {
  const info = ruleInfo(r.ruleId, r.clauseId, r.category, r.severity);
  const isPost = r.postId !== null;
  return [
    r.id,
    isoBahrain(r.createdAt),
    isoBahrain(deadline),
    overdue,
    !!r.escalated,
    locale === "ar" ? r.entityNameAr : r.entityNameEn,
    r.entitySlug,
    r.platform,
    r.handle,
    r.accountClass,
    r.ruleId,
    locale === "ar" ? info.title.ar : info.title.en,
    r.clauseId,
    r.category,
    r.severity,
    r.score,
    isPost ? "post" : "profile",
    isoBahrain(r.publishedAt),
    isoBahrain(r.deletedAt),
    r.url,
    isPost ? r.text : r.bio,
    evidence(r.spans),
  ];
}

export function reviewExport(request: Request, user: SessionUser, format: ExportFormat, locale: Locale, now = Date.now()): Response {
  const filters = parseQueueFilters(new URL(request.url));
  const q = queueQuery(db(), user, filters, now);
  const today = bahrainDay(now);
  const snapshot = openSnapshot(db());
  // Deadline and overdue depend only on the day a flag was raised: worked out once per day (the
  // calendar's working-day arithmetic is far dearer than the rest of a row).
  const byDay = new Map<string, { overdue: boolean; deadline: number }>();
  const dayInfo = (createdAt: number) => {
    const day = bahrainDay(createdAt);
    let v = byDay.get(day);
    if (!v) byDay.set(day, (v = { overdue: isReviewDue(day, today), deadline: reviewDeadline(createdAt) }));
    return v;
  };
  const rows = (function* () {
    for (const r of queueItemsIterate(snapshot.db, q)) {
      const { overdue, deadline } = dayInfo(r.createdAt);
      // Overdue needs the Bahrain working-day rule: the SQL selected the candidates, this decides.
      if (filters.age === "overdue" && !overdue) continue;
      yield toCells(r, overdue, deadline, locale);
    }
  })();
  return exportResponse({ filename: `review-queue-${today}`, sheet: locale === "ar" ? "قائمة المراجعة" : "Review queue", columns: COLUMNS, rows, close: snapshot.close }, format, locale);
}
