/** Executive accounts: linked entity and official account, disclaimer, manager, attestation age, open flags. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { entityScope, requireUser } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { executives, parseExecFilters } from "~/lib/dashboard/executives.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatDate, formatNumber, Ltr } from "~/lib/format";
import dashboardCss from "~/components/dashboard/dashboard.css";
import { PageHead } from "~/components/PageHead";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "حسابات القياديين · Executives — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseExecFilters(new URL(request.url));
  return json({ ...executives(db(), entityScope(user), filters, Date.now()), filters });
}

export default function Executives() {
  const d = useLoaderData<typeof loader>();
  const t = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <main id="main" data-testid="executives">
      <PageHead title={t("exec.title")} subtitle={t("exec.subtitle")} />
      <Form method="get" className="filters card">
        {d.entities.length > 1 && (
          <label className="field">
            <span>{t("exec.entity")}</span>
            <select name="entity" defaultValue={d.filters.entity ?? ""}>
              <option value="">{t("exec.any")}</option>
              {d.entities.map((e) => (
                <option key={e.slug} value={e.slug}>
                  {locale === "ar" ? e.nameAr : e.nameEn}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="field">
          <span>{t("exec.disclaimer")}</span>
          <select name="disclaimer" defaultValue={d.filters.disclaimer ?? ""}>
            <option value="">{t("exec.any")}</option>
            <option value="yes">{tc("yes")}</option>
            <option value="no">{tc("no")}</option>
          </select>
        </label>
        <label className="field">
          <span>{t("exec.attestation")}</span>
          <select name="attestation" defaultValue={d.filters.attestation ?? ""}>
            <option value="">{t("exec.any")}</option>
            {(["ok", "stale", "missing"] as const).map((a) => (
              <option key={a} value={a}>
                {t(`exec.${a}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t("exec.openFlags")}</span>
          <select name="flags" defaultValue={d.filters.flags ?? ""}>
            <option value="">{t("exec.any")}</option>
            <option value="open">{t("exec.withOpen")}</option>
          </select>
        </label>
        <div className="form-actions">
          <button className="btn btn-primary" type="submit">
            {tc("filter")}
          </button>
        </div>
      </Form>
      {d.rows.length === 0 ? (
        <p className="card empty dash-section">{t("exec.empty")}</p>
      ) : (
        <div className="table-wrap dash-section">
          <table className="data" data-testid="exec-table">
            <thead>
              <tr>
                <th>{t("exec.account")}</th>
                <th>{t("exec.holder")}</th>
                <th>{t("exec.entity")}</th>
                <th>{t("exec.official")}</th>
                <th>{t("exec.disclaimer")}</th>
                <th>{t("exec.managedBy")}</th>
                <th>{t("exec.attestation")}</th>
                <th className="num">{t("exec.openFlags")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.id} data-testid="exec-row">
                  <td>
                    <Link to={`/accounts/${r.id}`}>
                      <Ltr>@{r.handle}</Ltr>
                    </Link>{" "}
                    <span className="pill">{tc(`platform.${r.platform}`)}</span>
                  </td>
                  <td>
                    {r.holderName ?? "—"}
                    {r.holderTitle && <div className="muted small">{r.holderTitle}</div>}
                  </td>
                  <td>
                    <Link to={`/entities/${r.entity.slug}`}>{locale === "ar" ? r.entity.nameAr : r.entity.nameEn}</Link>
                  </td>
                  <td>
                    {r.official ? (
                      <Link to={`/accounts/${r.official.id}`}>
                        <Ltr>@{r.official.handle}</Ltr>
                      </Link>
                    ) : (
                      <span className="pill pill-warn">{t("exec.notLinked")}</span>
                    )}
                  </td>
                  <td>{r.disclaimer ? <span className="pill pill-ok">{tc("yes")}</span> : <span className="pill pill-bad">{tc("no")}</span>}</td>
                  <td>{r.managedBy ?? <span className="muted">{t("exec.notRecorded")}</span>}</td>
                  <td>
                    <span className={`pill ${r.attestation === "ok" ? "pill-ok" : "pill-bad"}`}>{t(`exec.${r.attestation}`)}</span>
                    {r.attestedAt !== null && (
                      <div className="muted small">
                        {formatDate(r.attestedAt, locale)} · {t("exec.daysAgo", { n: formatNumber(r.attestationDays ?? 0, locale) })}
                      </div>
                    )}
                  </td>
                  <td className="num">{formatNumber(r.openFlags, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
