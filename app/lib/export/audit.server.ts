/**
 * /admin/audit/export.csv — the audit log as CSV (csb_admin), filtered by entity (slug), user
 * (the actor's email, or a system actor such as `system:workers`) and a range of Bahrain days
 * (`from`, `to`, both inclusive). Streamed from a read snapshot through the shared CSV writer.
 */
import { bahrainDay, dayEnd, dayStart, isDay } from "../../../core/calendar";
import { auditIterate, type AuditFilter } from "../../../db/audit";
import { entityBySlug } from "../../../db/accounts";
import { openSnapshot } from "../../../db/snapshot";
import { badRequest } from "../http.server";
import { db } from "../db.server";
import type { Locale } from "../i18n";
import { isoBahrain } from "./format";
import { exportResponse, type Column } from "./table.server";

const COLUMNS: Column[] = [
  { header: { ar: "الرقم", en: "Id" } },
  { header: { ar: "الوقت", en: "At" } },
  { header: { ar: "المنفّذ", en: "Actor" } },
  { header: { ar: "الإجراء", en: "Action" } },
  { header: { ar: "نوع الهدف", en: "Target type" } },
  { header: { ar: "الهدف", en: "Target id" } },
  { header: { ar: "الجهة", en: "Entity" } },
  { header: { ar: "قبل", en: "Before" } },
  { header: { ar: "بعد", en: "After" } },
];

const KNOWN = ["entity", "user", "from", "to"];

export function parseAuditFilter(url: URL): AuditFilter {
  const unknown = [...url.searchParams.keys()].filter((k) => !KNOWN.includes(k));
  if (unknown.length) badRequest(`unknown parameter(s): ${unknown.slice(0, 5).join(", ")}; allowed: ${KNOWN.join(", ")}`);
  const get = (k: string) => {
    const v = url.searchParams.get(k);
    return v === null || v.trim() === "" ? null : v.trim();
  };
  const f: AuditFilter = {};
  const slug = get("entity");
  if (slug !== null) {
    const entity = /^[a-z0-9-]{1,80}$/.test(slug) ? entityBySlug(db(), slug) : undefined;
    if (!entity) badRequest(`entity: no entity ${JSON.stringify(slug.slice(0, 80))}`);
    f.entityId = entity.id;
  }
  const user = get("user");
  if (user !== null) {
    if (user.length > 200) badRequest("user: at most 200 characters");
    f.actor = user;
  }
  for (const k of ["from", "to"] as const) {
    const v = get(k);
    if (v === null) continue;
    if (!isDay(v)) badRequest(`${k}: expected a date YYYY-MM-DD, got ${JSON.stringify(String(v).slice(0, 40))}`);
    if (k === "from") f.from = dayStart(v);
    else f.to = dayEnd(v);
  }
  if (f.from !== undefined && f.to !== undefined && f.from >= f.to) badRequest("from is after to");
  return f;
}

export function auditExport(url: URL, locale: Locale, now = Date.now()): Response {
  const filter = parseAuditFilter(url);
  const snapshot = openSnapshot(db());
  const rows = (function* () {
    for (const r of auditIterate(snapshot.db, filter)) yield [r.id, isoBahrain(r.at), r.actor, r.action, r.targetType, r.targetId, r.entitySlug, r.before, r.after];
  })();
  return exportResponse({ filename: `audit-log-${bahrainDay(now)}`, sheet: "Audit", columns: COLUMNS, rows, close: snapshot.close }, "csv", locale);
}
