/**
 * /entities/:slug/accounts/export.csv|.xlsx — the entity's accounts with their current ownership
 * record, with the accounts page's own class/platform filters. An entity has tens to hundreds of
 * accounts: read with the page's query, written through the shared streaming writer.
 */
import { ACCOUNT_CLASSES, PLATFORMS, type AccountClass, type Platform } from "../../../core/enums";
import { ownershipCompleteness } from "../../../core/governance";
import { bahrainDay } from "../../../core/calendar";
import type { Entity } from "../../../db/accounts";
import { badRequest } from "../http.server";
import type { Locale } from "../i18n";
import { entityAccounts } from "../registry.server";
import type { Cell } from "./csv";
import { isoBahrain } from "./format";
import { exportResponse, type Column, type ExportFormat } from "./table.server";

const COLUMNS: Column[] = [
  { header: { ar: "رقم الحساب", en: "Account id" }, width: 10 },
  { header: { ar: "المنصة", en: "Platform" }, width: 10 },
  { header: { ar: "المعرّف", en: "Handle" }, width: 26 },
  { header: { ar: "رابط الملف", en: "Profile URL" }, width: 34 },
  { header: { ar: "الفئة", en: "Class" }, width: 11 },
  { header: { ar: "صاحب الحساب", en: "Holder" }, width: 22 },
  { header: { ar: "المسمى", en: "Holder title" }, width: 22 },
  { header: { ar: "يديره", en: "Managed by" }, width: 18 },
  { header: { ar: "الحالة", en: "Status" }, width: 11 },
  { header: { ar: "حالة السجل", en: "Registry status" }, width: 12 },
  { header: { ar: "موثّق", en: "Verified" }, width: 9 },
  { header: { ar: "المتابعون", en: "Followers" }, width: 10 },
  { header: { ar: "أمين الحساب", en: "Custodian" }, width: 22 },
  { header: { ar: "بريد الأمين", en: "Custodian email" }, width: 26 },
  { header: { ar: "الأمين الاحتياطي", en: "Backup" }, width: 22 },
  { header: { ar: "بريد الاحتياطي", en: "Backup email" }, width: 26 },
  { header: { ar: "حفظ بيانات الدخول", en: "Credential custody" }, width: 16 },
  { header: { ar: "التحقق بخطوتين", en: "Two-factor" }, width: 16 },
  { header: { ar: "جهة الاسترداد", en: "Recovery contact" }, width: 26 },
  { header: { ar: "آخر إقرار", en: "Attested at" }, width: 22 },
  { header: { ar: "سجل الملكية منذ", en: "Ownership since" }, width: 22 },
  { header: { ar: "اكتمال بيانات الملكية (٪)", en: "Ownership complete (%)" }, width: 12 },
];

function oneOf<T extends string>(values: readonly T[], name: string, v: string | null): T | undefined {
  if (v === null || v === "") return undefined;
  if (!(values as readonly string[]).includes(v)) badRequest(`${name}: expected one of ${values.join(", ")}`);
  return v as T;
}

export function accountsExport(request: Request, entity: Entity, format: ExportFormat, locale: Locale): Response {
  const url = new URL(request.url);
  const unknown = [...url.searchParams.keys()].filter((k) => k !== "class" && k !== "platform");
  if (unknown.length) badRequest(`unknown parameter(s): ${unknown.slice(0, 5).join(", ")}`);
  const filter = {
    class: oneOf<AccountClass>(ACCOUNT_CLASSES, "class", url.searchParams.get("class")),
    platform: oneOf<Platform>(PLATFORMS, "platform", url.searchParams.get("platform")),
  };
  const list = entityAccounts(entity.id, filter);
  const rows = (function* (): Generator<Cell[]> {
    for (const { account: a, owner: o } of list) {
      const c = ownershipCompleteness(o, a.class);
      yield [
        a.id,
        a.platform,
        a.handle,
        a.profileUrl,
        a.class,
        a.holderName,
        a.holderTitle,
        a.managedBy,
        a.status,
        a.registryStatus,
        a.verified === null ? null : a.verified,
        a.followers,
        o?.custodianName,
        o?.custodianEmail,
        o?.backupName,
        o?.backupEmail,
        o?.credentialCustody,
        o?.twoFactor,
        o?.recoveryContact,
        isoBahrain(o?.attestedAt?.getTime()),
        isoBahrain(o?.validFrom.getTime()),
        // A percentage, not "3/8": spreadsheets read that as a date.
        c.total ? Math.round((100 * c.met) / c.total) : null,
      ];
    }
  })();
  return exportResponse({ filename: `accounts-${entity.slug}-${bahrainDay(Date.now())}`, sheet: locale === "ar" ? "الحسابات" : "Accounts", columns: COLUMNS, rows }, format, locale);
}
