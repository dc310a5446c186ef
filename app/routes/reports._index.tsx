/**
 * /reports — the archive: directors see their entity's reports, the CSB sees all. "Generate now"
 * for csb_admin (any report) and directors (their own entity).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { db } from "~/lib/db.server";
import { forbidden } from "~/lib/http.server";
import { isCsb, requireUser } from "~/lib/permissions.server";
import { writeAudit } from "../../db/audit";
import { reserveReportGeneration } from "../../db/report-limits";
import { getLocale, serverT } from "~/lib/i18n.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatDateTime, formatNumber, Ltr } from "~/lib/format";
import { canGenerate, generatableEntities, generateReport, lastCompleteWeek, listReports, localeSchema, parseWeek, ReportInputError } from "~/lib/reports.server";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "التقارير · Reports — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({
    reports: listReports(db(), user),
    entities: generatableEntities(db(), user),
    canCsb: user.role === "csb_admin",
    csb: isCsb(user),
    defaultWeek: lastCompleteWeek(),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const target = String(form.get("entity") ?? "");
  const scope = target === "csb" ? "csb" : "entity";
  const entity = scope === "entity" ? generatableEntities(db(), user).find((e) => e.slug === target) : undefined;
  if (!canGenerate(user, scope, entity?.id ?? null)) forbidden();
  const lang = localeSchema.safeParse(String(form.get("lang") ?? "ar"));
  try {
    const weekStart = parseWeek(String(form.get("week") ?? ""));
    const locale = lang.success ? lang.data : "ar";
    // Rate limit per entity, reserved (and audited) before the PDF is rendered: db/report-limits.ts.
    const slot = reserveReportGeneration(db(), { user, scope, entityId: entity?.id ?? null, weekStart, locale });
    if (!slot.ok) {
      const uiLocale = await getLocale(request, user);
      const error = serverT(uiLocale, "reports")("errors.rateLimited", { limit: formatNumber(slot.limit, uiLocale), time: formatDateTime(slot.retryAt.getTime(), uiLocale) });
      const retryAfter = String(Math.max(1, Math.ceil((slot.retryAt.getTime() - Date.now()) / 1000)));
      return json({ ok: false as const, error }, { status: 429, headers: { "Retry-After": retryAfter } });
    }
    const row = await generateReport(db(), { scope, entityId: entity?.id, weekStart, locale: lang.success ? lang.data : "ar", by: user.email });
    writeAudit(db(), { user, action: "report.generate", targetType: "report", targetId: row.id, entityId: row.entityId, after: { weekStart, scope, version: row.version } });
    return json({ ok: true as const, id: row.id, version: row.version });
  } catch (e) {
    if (e instanceof ReportInputError) return json({ ok: false as const, error: e.message }, { status: 400 });
    throw e;
  }
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Reports() {
  const d = useLoaderData<typeof loader>();
  const t = useT("reports");
  return (
    <main id="main" data-testid="reports">
      <PageHead title={t("title")} subtitle={t("subtitle")} />
      {(d.entities.length > 0 || d.canCsb) && <GenerateForm entities={d.entities} canCsb={d.canCsb} defaultWeek={d.defaultWeek} />}
      {d.reports.length === 0 ? <p>{t("empty")}</p> : <ReportTable reports={d.reports} />}
    </main>
  );
}

/** "Generate now": the entities the user may generate for (and the CSB-wide report for csb_admin). */
function GenerateForm({ entities, canCsb, defaultWeek }: Pick<LoaderData, "entities" | "canCsb" | "defaultWeek">) {
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const t = useT("reports");
  const locale = useLocale();
  return (
    <Form method="post" className="filters card">
      <h2>{t("generate.title")}</h2>
      <label className="field">
        <span>{t("generate.entity")}</span>
        <select name="entity">
          {canCsb && <option value="csb">{t("csbWide")}</option>}
          {entities.map((e) => (
            <option key={e.slug} value={e.slug}>
              {locale === "ar" ? e.nameAr : e.nameEn}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t("week")}</span>
        <input name="week" defaultValue={defaultWeek} pattern="\d{4}-\d{2}-\d{2}" dir="ltr" title={t("generate.weekHelp")} />
      </label>
      <label className="field">
        <span>{t("language")}</span>
        <select name="lang" defaultValue={locale}>
          <option value="ar">{t("lang.ar")}</option>
          <option value="en">{t("lang.en")}</option>
        </select>
      </label>
      <div className="form-actions">
        <button className="btn btn-primary" type="submit" disabled={nav.state !== "idle"}>
          {t("generate.submit")}
        </button>
      </div>
      {result && (result.ok ? <p role="status">{t("generate.done", { version: result.version })}</p> : <p role="alert">{result.error}</p>)}
    </Form>
  );
}

function ReportTable({ reports }: { reports: LoaderData["reports"] }) {
  const t = useT("reports");
  const locale = useLocale();
  return (
    <table className="table">
      <thead>
        <tr>
          <th>{t("subject")}</th>
          <th>{t("week")}</th>
          <th>{t("language")}</th>
          <th>{t("version")}</th>
          <th>{t("pages")}</th>
          <th>{t("generatedAt")}</th>
          <th>{t("generatedBy")}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {reports.map((r) => (
          <tr key={r.id}>
            <td>{r.scope === "csb" ? t("csbWide") : locale === "ar" ? r.entityNameAr : r.entityNameEn}</td>
            <td>
              <Ltr>{r.weekStart}</Ltr>
            </td>
            <td>{t(`lang.${r.locale}`)}</td>
            <td>{formatNumber(r.version, locale)}</td>
            <td>{r.pages === null ? "—" : formatNumber(r.pages, locale)}</td>
            <td>{formatDateTime(r.generatedAt, locale)}</td>
            <td>
              <Ltr>{r.generatedBy}</Ltr>
            </td>
            <td>
              <a href={`/reports/${r.id}/pdf`} download>
                {t("download")}
              </a>
              {" · "}
              <Link to={`/reports/preview?entity=${r.scope === "csb" ? "csb" : r.entitySlug}&week=${r.weekStart}&lang=${r.locale}`}>{t("preview")}</Link>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
