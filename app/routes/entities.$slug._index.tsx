/** Entity overview: the four scores with their change, the 12-week trend, flags, accounts, recent flagged posts. */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireEntityAccess } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { entityOverview } from "~/lib/dashboard/entity.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatDate, formatDateTime, formatNumber, Ltr } from "~/lib/format";
import { ScoreCards } from "~/components/dashboard/Score";
import { TrendChart, TrendTable, type TrendPoint } from "~/components/dashboard/Trend";
import { FlaggedPost, CountBars } from "~/components/dashboard/Flags";
import dashboardCss from "~/components/dashboard/dashboard.css";
import { displayHandle } from "../../core/handles";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { entity } = await requireEntityAccess(request, params.slug ?? "");
  const o = entityOverview(db(), entity, Date.now());
  const pick = (w: (typeof o.scores.weeks)[number]) => ({ overall: w.overall, content: w.content, governance: w.governance, responsiveness: w.responsiveness });
  return json({
    slug: entity.slug,
    current: { ...pick(o.scores.current), weekStart: o.scores.current.weekStart, posts: o.scores.current.totals.posts, weightedPer100: o.scores.current.weightedPer100 },
    previous: pick(o.scores.previous),
    trend: o.scores.weeks.map((w): TrendPoint => ({ ...pick(w), weekStart: w.weekStart, posts: w.totals.posts, flags: w.totals.flags })),
    byCategory: o.scores.window.totals.byCategory,
    byClause: o.scores.window.totals.byClause,
    accounts: o.accounts,
    recent: o.recent,
    openFlags: o.openFlags,
  });
}

export default function EntityOverview() {
  const d = useLoaderData<typeof loader>();
  const t = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <div className="stack" data-testid="entity-overview">
      <p className="muted">{t("score.thisWeek", { from: formatDate(`${d.current.weekStart}T12:00:00+03:00`, locale) })}</p>
      <ScoreCards current={d.current} previous={d.previous} locale={locale} t={t} />

      <section className="dash-section card">
        <h2>{t("trend.title")}</h2>
        <TrendChart points={d.trend} locale={locale} t={t} />
        <details open={false}>
          <summary>{t("trend.tableNote")}</summary>
          <TrendTable points={d.trend} locale={locale} t={t} />
        </details>
      </section>

      <section className="dash-section counts-grid">
        <div className="card">
          <h2>{t("entity.byCategory")}</h2>
          <CountBars counts={d.byCategory} label={(k) => t(`category.${k}`)} empty={t("entity.noFlags")} locale={locale} testId="by-category" />
        </div>
        <div className="card">
          <h2>{t("entity.byClause")}</h2>
          <CountBars counts={d.byClause} label={(k) => k} empty={t("entity.noFlags")} locale={locale} testId="by-clause" />
        </div>
      </section>

      <section className="dash-section">
        <h2>{t("entity.accounts")}</h2>
        {d.accounts.length === 0 ? (
          <p className="card empty">{t("entity.noAccounts")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" data-testid="accounts-table">
              <thead>
                <tr>
                  <th>{t("entity.account")}</th>
                  <th>{t("entity.class")}</th>
                  <th className="num">{t("entity.followers")}</th>
                  <th className="num">{t("entity.openFlags")}</th>
                  <th>{t("entity.failing")}</th>
                </tr>
              </thead>
              <tbody>
                {d.accounts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <Link to={`/accounts/${a.id}`}>
                        <Ltr>{displayHandle(a.platform, a.handle)}</Ltr>
                      </Link>{" "}
                      <span className="pill">{tc(`platform.${a.platform}`)}</span>
                      {a.status !== "active" && <span className="pill pill-warn">{tc(`status.${a.status}`)}</span>}
                    </td>
                    <td>{tc(`class.${a.class}`)}</td>
                    <td className="num">{a.followers === null ? "—" : formatNumber(a.followers, locale)}</td>
                    <td className="num">{a.openFlags ? <span className="pill pill-bad">{formatNumber(a.openFlags, locale)}</span> : formatNumber(0, locale)}</td>
                    <td>
                      {a.failing.length === 0 ? (
                        <span className="pill pill-ok">{t("entity.allMet", { n: formatNumber(a.controls, locale) })}</span>
                      ) : (
                        <ul className="fail-list">
                          {a.failing.map((f) => (
                            <li key={f.id}>{locale === "ar" ? f.title.ar : f.title.en}</li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="dash-section">
        <div className="toolbar">
          <h2>{t("entity.recent")}</h2>
          <Link className="btn" to={`/review?entity=${encodeURIComponent(d.slug)}`}>
            {t("entity.openInQueue")}
          </Link>
        </div>
        {d.recent.length === 0 ? (
          <p className="card empty">{t("entity.noRecent")}</p>
        ) : (
          <div className="flag-list" data-testid="recent-flagged">
            {d.recent.map((p) => (
              <FlaggedPost key={p.postId} post={p} locale={locale} t={t} when={formatDateTime(p.publishedAt, locale)} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
