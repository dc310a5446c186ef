/**
 * Admin (csb_admin only; others 404): users and roles, entities, policy rules and version (read-only),
 * and the sign-in lockouts in force, each of which the admin may clear (audited).
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { adminData, clearLockoutFromForm } from "~/lib/dashboard/admin.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatDateTime, formatNumber, Ltr } from "~/lib/format";
import dashboardCss from "~/components/dashboard/dashboard.css";
import { PageHead } from "~/components/PageHead";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "الإدارة · Admin — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  return json(adminData(db()));
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireAdmin(request);
  const removed = clearLockoutFromForm(db(), user, await request.formData());
  return json({ cleared: removed });
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
      <Lockouts lockouts={d.lockouts} throttle={d.throttle} />
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
          {t("admin.version")} <Ltr>{d.policyVersion}</Ltr>
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

type AdminData = SerializeFrom<typeof loader>;

/** Sign-in lockouts in force: locked (account, address) pairs and addresses, slowed-down accounts. */
function Lockouts({ lockouts, throttle }: Pick<AdminData, "lockouts" | "throttle">) {
  const t = useT("dashboard");
  const locale = useLocale();
  const done = useActionData<typeof action>();
  const n = (v: number) => formatNumber(v, locale);
  return (
    <section data-testid="admin-lockouts">
      <h2>{t("admin.lockouts")}</h2>
      <p className="muted small">
        {t("admin.lockoutsRule", { pair: n(throttle.perPair), address: n(throttle.perAddress), slow: n(throttle.slowAfter), minutes: n(throttle.windowMinutes) })}
      </p>
      {done && (
        <p className="alert alert-ok" role="status">
          {t("admin.lockoutCleared", { n: n(done.cleared) })}
        </p>
      )}
      {lockouts.length === 0 ? (
        <p>{t("admin.noLockouts")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("admin.lockScope")}</th>
                <th>{t("admin.email")}</th>
                <th>{t("admin.address")}</th>
                <th className="num">{t("admin.failures")}</th>
                <th>{t("admin.until")}</th>
                <th>
                  <span className="sr-only">{t("admin.clear")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {lockouts.map((l) => (
                <tr key={`${l.scope} ${l.email ?? ""} ${l.ip ?? ""}`} data-scope={l.scope}>
                  <td>{t(`admin.scope.${l.scope}`)}</td>
                  <td>{l.email ? <Ltr>{l.email}</Ltr> : "—"}</td>
                  <td>{l.ip ? <Ltr>{l.ip}</Ltr> : "—"}</td>
                  <td className="num">{n(l.failures)}</td>
                  <td>{formatDateTime(l.until, locale)}</td>
                  <td>
                    <Form method="post">
                      <input type="hidden" name="scope" value={l.scope} />
                      {l.email && <input type="hidden" name="email" value={l.email} />}
                      {l.ip && <input type="hidden" name="ip" value={l.ip} />}
                      <button type="submit" className="btn btn-quiet">
                        {t("admin.clear")}
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
