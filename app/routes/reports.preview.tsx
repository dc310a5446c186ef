/**
 * /reports/preview?entity=SLUG|csb&week=YYYY-MM-DD&lang=ar|en — the PDF template rendered as a page
 * in the dashboard (in a sandboxed iframe, so the report's own styles and fonts stay separate).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/http.server";
import { isCsb, requireEntityAccess, requireUser } from "~/lib/permissions.server";
import { useT } from "~/lib/i18n";
import { lastCompleteWeek, localeSchema, parseWeek, reportData, reportHtml, ReportInputError } from "~/lib/reports.server";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "معاينة التقرير · Report preview — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const user = await requireUser(request);
  const target = url.searchParams.get("entity") ?? "";
  let scope: "entity" | "csb";
  let entityId: number | undefined;
  if (target === "csb") {
    if (!isCsb(user)) notFound();
    scope = "csb";
  } else {
    const { entity } = await requireEntityAccess(request, target || String(user.entityId ?? ""));
    scope = "entity";
    entityId = entity.id;
  }
  const lang = localeSchema.safeParse(url.searchParams.get("lang") ?? "ar");
  if (!lang.success) badRequest('lang must be "ar" or "en"');
  try {
    const week = parseWeek(url.searchParams.get("week") ?? lastCompleteWeek());
    const data = reportData(db(), { scope, entityId, weekStart: week, locale: lang.data });
    return json({ html: reportHtml(data), week, scope, lang: lang.data, slug: data.scope === "entity" ? data.entity.slug : "csb" });
  } catch (e) {
    if (e instanceof ReportInputError) badRequest(e.message);
    throw e;
  }
}

export default function ReportPreview() {
  const d = useLoaderData<typeof loader>();
  const t = useT("reports");
  const other = d.lang === "ar" ? "en" : "ar";
  return (
    <main id="main" data-testid="report-preview">
      <PageHead title={t("previewTitle")} subtitle={t("previewNote")}>
        <p>
          <Link to={`/reports/preview?entity=${d.slug}&week=${d.week}&lang=${other}`}>{t(`lang.${other}`)}</Link>
          {" · "}
          <Link to="/reports">{t("title")}</Link>
        </p>
      </PageHead>
      {/* sandbox without allow-scripts: the document is static HTML (post text is untrusted). */}
      <iframe title={t("previewTitle")} srcDoc={d.html} sandbox="" style={{ width: "100%", height: "85vh", border: "1px solid #d1d5db", background: "#fff" }} />
    </main>
  );
}
