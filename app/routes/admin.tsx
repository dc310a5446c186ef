/** Admin (csb_admin only; others 404): users and roles, entities, policy rules and version — read-only. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { adminData } from "~/lib/dashboard/admin.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatNumber, Ltr } from "~/lib/format";
import dashboardCss from "~/components/dashboard/dashboard.css";
import { PageHead } from "~/components/PageHead";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "الإدارة · Admin — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json(adminData(db()));
}

export default function Admin() {
  const d = useLoaderData<typeof loader>();
  const t = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <main id="main" className="stack" data-testid="admin">
      <PageHead title={t("admin.title")} subtitle={t("admin.subtitle")}>
        <a href="/admin/audit/export.csv" download className="small" data-testid="audit-export">
          {tc("export.audit")}
        </a>
      </PageHead>
      <section>
        <h2>{t("admin.users")}</h2>
        <div className="table-wrap">
          <table className="data" data-testid="admin-users">
            <thead>
              <tr>
                <th>{t("admin.email")}</th>
                <th>{t("admin.name")}</th>
                <th>{t("admin.role")}</th>
                <th>{t("admin.entity")}</th>
              </tr>
            </thead>
            <tbody>
              {d.users.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Ltr>{u.email}</Ltr> {u.disabledAt !== null && <span className="pill pill-bad">{t("admin.disabled")}</span>}
                  </td>
                  <td>{u.name}</td>
                  <td>{tc(`role.${u.role}`)}</td>
                  <td>{u.slug ? <Link to={`/entities/${u.slug}`}>{locale === "ar" ? u.nameAr : u.nameEn}</Link> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>{t("admin.entities")}</h2>
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("admin.entity")}</th>
                <th>{t("admin.domains")}</th>
                <th className="num">{t("admin.accounts")}</th>
                <th className="num">{t("admin.usersCount")}</th>
              </tr>
            </thead>
            <tbody>
              {d.entities.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/entities/${e.slug}`}>{locale === "ar" ? e.nameAr : e.nameEn}</Link> <span className="pill">{tc(`kind.${e.kind}`)}</span>
                  </td>
                  <td>
                    <Ltr>{(JSON.parse(e.domains) as string[]).join(", ") || "—"}</Ltr>
                  </td>
                  <td className="num">{formatNumber(e.accounts, locale)}</td>
                  <td className="num">{formatNumber(e.users, locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section>
        <h2>{t("admin.rules")}</h2>
        <p className="muted" data-testid="policy-version">
          {t("admin.version", { v: d.policyVersion })}
        </p>
        <div className="table-wrap">
          <table className="data" data-testid="admin-rules">
            <thead>
              <tr>
                <th>{t("admin.rule")}</th>
                <th>{t("admin.clause")}</th>
                <th>{t("admin.category")}</th>
                <th>{t("admin.severity")}</th>
                <th>{t("admin.classes")}</th>
                <th>{t("admin.rationale")}</th>
              </tr>
            </thead>
            <tbody>
              {d.rules.map((r) => (
                <tr key={r.id}>
                  <td>
                    <strong>{locale === "ar" ? r.title.ar : r.title.en}</strong>
                    <div className="muted small">
                      <Ltr>{r.id}</Ltr>
                    </div>
                  </td>
                  <td>
                    <Ltr>{r.clause}</Ltr>
                  </td>
                  <td>{t(`category.${r.category}`)}</td>
                  <td>
                    <span className={`pill sev-${r.severity}`}>{t(`severity.${r.severity}`)}</span>
                  </td>
                  <td>{r.classes.map((c) => tc(`class.${c}`)).join("، ")}</td>
                  <td className="small">{locale === "ar" ? r.rationale.ar : r.rationale.en}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
