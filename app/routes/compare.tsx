/** CSB comparison (CSB roles only; others 404): league table, entity × category heatmap, trends. */
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireCsb } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { compareData, parseCompareParams } from "~/lib/dashboard/compare.server";
import { PERIODS, type COMPARE_SORTS } from "~/lib/dashboard/options";
import { impostorCounts } from "~/lib/impersonation.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatNumber } from "~/lib/format";
import { ScoreValue, Delta } from "~/components/dashboard/Score";
import { Sparkline } from "~/components/dashboard/Trend";
import { useTableNav } from "~/components/dashboard/TableNav";
import dashboardCss from "~/components/dashboard/dashboard.css";
import { PageHead } from "~/components/PageHead";
import { ExportLinks } from "~/components/ExportLinks";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "مقارنة الجهات · Comparison — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireCsb(request);
  const { period, sort, dir } = parseCompareParams(new URL(request.url));
  return json({ ...compareData(db(), Date.now(), period, sort, dir), sort, dir, impostors: impostorCounts() });
}

const fmt = (v: number | null, locale: "ar" | "en", digits = 0) => (v === null ? "—" : formatNumber(v, locale, { maximumFractionDigits: digits, minimumFractionDigits: digits }));

export default function Compare() {
  const d = useLoaderData<typeof loader>();
  const t = useT("dashboard");
  const locale = useLocale();
  const onTableClick = useTableNav();
  const noSince = (k: string, o?: Parameters<typeof t>[1]) => (k === "score.sinceLastWeek" ? "" : t(k, o));
  const href = (sort: string) => `?period=${d.period}&sort=${sort}&dir=${d.sort === sort && d.dir === "desc" ? "asc" : "desc"}`;
  const Th = ({ col, label, num = true }: { col: (typeof COMPARE_SORTS)[number]; label: string; num?: boolean }) => (
    <th className={`sortable ${num ? "num" : ""}`} aria-sort={d.sort === col ? (d.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link to={href(col)} aria-label={t("compare.sortBy", { col: label })}>
        {label} {d.sort === col ? (d.dir === "asc" ? "▲" : "▼") : ""}
      </Link>
    </th>
  );
  const maxCell = Math.max(0.0001, ...d.rows.flatMap((r) => Object.values(r.byCategoryPer100).map((v) => v ?? 0)));
  return (
    <main id="main" data-testid="compare">
      <PageHead title={t("compare.title")} subtitle={t("compare.subtitle")}>
        <nav className="tabs" aria-label={t("compare.period")}>
          {PERIODS.map((p) => (
            <Link key={p} to={`?period=${p}&sort=${d.sort}&dir=${d.dir}`} className={p === d.period ? "active" : ""} aria-current={p === d.period ? "page" : undefined}>
              {t(`compare.${p}`)}
            </Link>
          ))}
        </nav>
        <ExportLinks base="/compare/export" search={`?period=${d.period}&sort=${d.sort}&dir=${d.dir}`} />
      </PageHead>
      {d.rows.length === 0 ? (
        <p className="card empty">{t("compare.empty")}</p>
      ) : (
        <>
          <section>
            <h2>{t("compare.league")}</h2>
            <div className="table-wrap">
              {/* One delegated click handler for the entity links (keyboard activation clicks them too). */}
              <table className="data" data-testid="league" onClick={onTableClick}>
                <thead>
                  <tr>
                    <th className="num">#</th>
                    <Th col="name" label={t("compare.entity")} num={false} />
                    <Th col="overall" label={t("score.overall")} />
                    <th className="num">{t("compare.change")}</th>
                    <Th col="content" label={t("score.content")} />
                    <Th col="governance" label={t("score.governance")} />
                    <Th col="responsiveness" label={t("score.responsiveness")} />
                    <Th col="posts" label={t("compare.posts")} />
                    <Th col="per100" label={t("compare.per100")} />
                    <Th col="open" label={t("compare.open")} />
                    <Th col="median" label={t("compare.median")} />
                    <Th col="failing" label={t("compare.failing")} />
                    <th className="num" title={t("compare.impostorsHint")}>{t("compare.impostors")}</th>
                    <th>{t("compare.trend")}</th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r, i) => (
                    <tr key={r.id} data-testid="league-row">
                      <td className="num">{formatNumber(i + 1, locale)}</td>
                      <td className="entity-name">
                        <a href={`/entities/${r.slug}`}>{locale === "ar" ? r.nameAr : r.nameEn}</a>
                      </td>
                      <td className="num">
                        <ScoreValue v={r.overall} locale={locale} />
                      </td>
                      <td className="num">
                        <Delta d={r.overallDelta} locale={locale} t={noSince} />
                      </td>
                      <td className="num">{fmt(r.content, locale)}</td>
                      <td className="num">{fmt(r.governance, locale)}</td>
                      <td className="num">{fmt(r.responsiveness, locale)}</td>
                      <td className="num">{formatNumber(r.posts, locale)}</td>
                      <td className="num">{fmt(r.per100, locale, 1)}</td>
                      <td className="num">{formatNumber(r.openFlags, locale)}</td>
                      <td className="num">{fmt(r.medianReviewHours, locale, 1)}</td>
                      <td className="num">{formatNumber(r.controlsFailing, locale)}</td>
                      <td className="num" data-testid="league-impostors">
                        <a href={`/entities/${r.slug}/impersonation`}>{formatNumber(d.impostors[r.id]?.impostors ?? 0, locale)}</a>
                        {(d.impostors[r.id]?.suspected ?? 0) > 0 && <span className="small muted"> (+{formatNumber(d.impostors[r.id]!.suspected, locale)})</span>}
                      </td>
                      <td>
                        <Sparkline values={r.trend} label={t("compare.trend")} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section className="dash-section">
            <h2>{t("compare.heatmap")}</h2>
            <p className="muted small">{t("compare.heatmapNote")}</p>
            <div className="table-wrap">
              {/* One delegated click handler for the entity links (keyboard activation clicks them too). */}
              <table className="data heatmap" data-testid="heatmap" onClick={onTableClick}>
                <thead>
                  <tr>
                    <th>{t("compare.entity")}</th>
                    {d.categories.map((c) => (
                      <th key={c} className="rot">
                        {t(`category.${c}`)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={r.id}>
                      <td>
                        <a href={`/entities/${r.slug}`}>{locale === "ar" ? r.nameAr : r.nameEn}</a>
                      </td>
                      {d.categories.map((c) => {
                        const v = r.byCategoryPer100[c];
                        const a = v === null ? 0 : Math.min(1, v / maxCell);
                        return (
                          <td key={c} className="heat" style={{ background: v === null ? "transparent" : `rgba(180, 35, 24, ${(0.06 + a * 0.8).toFixed(2)})`, color: a > 0.55 ? "#fff" : undefined }} title={`${r.byCategory[c] ?? 0}`}>
                            {v === null ? "" : fmt(v, locale, 1)}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </>
      )}
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
