/** Account overview: profile, ownership summary, governance checklist, flagged posts, edits/deletions, fetch health. */
import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccountAccess } from "~/lib/registry.server";
import { db } from "~/lib/db.server";
import { accountPage } from "~/lib/dashboard/account.server";
import { notFound } from "~/lib/http.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatDate, formatDateTime, formatNumber } from "~/lib/format";
import { FlaggedPost, FlagBadges } from "~/components/dashboard/Flags";
import dashboardCss from "~/components/dashboard/dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { account } = await requireAccountAccess(request, params.id);
  const p = accountPage(db(), account.id, Date.now());
  if (!p) notFound();
  return json(p);
}

export default function AccountOverview() {
  const d = useLoaderData<typeof loader>();
  const t = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  const a = d.account;
  return (
    <div className="stack" data-testid="account-overview">
      <section className="grid-2">
        <div className="card">
          <h2>{t("account.profile")}</h2>
          <dl className="kv">
            <dt>{t("account.bio")}</dt>
            <dd>
              <p className="evidence" dir="auto">
                {a.bio ?? "—"}
              </p>
            </dd>
            <dt>{t("account.verified")}</dt>
            <dd>{a.verified === null ? "—" : a.verified ? tc("yes") : tc("no")}</dd>
            <dt>{t("account.followers")}</dt>
            <dd>{a.followers === null ? "—" : formatNumber(a.followers, locale)}</dd>
            <dt>{t("account.status")}</dt>
            <dd>{tc(`status.${a.status}`)}</dd>
            {a.holderName && (
              <>
                <dt>{t("account.holder")}</dt>
                <dd>
                  {a.holderName}
                  {a.holderTitle ? ` — ${a.holderTitle}` : ""}
                </dd>
              </>
            )}
            {a.class === "executive" && (
              <>
                <dt>{t("account.managedBy")}</dt>
                <dd>{a.managedBy ?? "—"}</dd>
              </>
            )}
            <dt>{t("account.posts")}</dt>
            <dd>{formatNumber(d.posts, locale)}</dd>
          </dl>
        </div>
        <div className="card">
          <h2>{t("account.ownership")}</h2>
          {d.owner ? (
            <dl className="kv">
              <dt>{t("account.custodian")}</dt>
              <dd>{d.owner.custodianName ?? "—"}</dd>
              <dt>{t("account.backup")}</dt>
              <dd>{d.owner.backupName ?? "—"}</dd>
              <dt>{t("account.attested")}</dt>
              <dd>{d.owner.attestedAt ? formatDate(d.owner.attestedAt, locale) : "—"}</dd>
              <dt>{t("account.completeness")}</dt>
              <dd>
                {formatNumber(d.completeness.met, locale)} / {formatNumber(d.completeness.total, locale)}
              </dd>
            </dl>
          ) : (
            <p className="muted">{t("account.noOwner")}</p>
          )}
          <p>
            <Link to={`/accounts/${a.id}/ownership`}>{t("account.ownershipTab")}</Link>
          </p>
        </div>
      </section>

      <section className="card">
        <h2>{t("account.checklist")}</h2>
        <ul className="plain-list" data-testid="checklist">
          {d.controls.map((c) => (
            <li key={c.id} data-met={c.met ? "yes" : "no"}>
              <span className={c.met ? "check-ok" : "check-bad"} aria-hidden="true">
                {c.met ? "✓" : "✗"}
              </span>{" "}
              <span className="sr-only">{c.met ? tc("yes") : tc("no")}</span>
              {locale === "ar" ? c.title.ar : c.title.en} <span className="muted small">({c.clause})</span>
            </li>
          ))}
        </ul>
      </section>

      <section>
        <h2>{t("account.flagged")}</h2>
        {d.profileFlags.length > 0 && (
          <div className="card flag-card">
            <h3>{t("account.profileFlags")}</h3>
            <ul className="plain-list">
              {d.profileFlags.map((f) => (
                <li key={f.id}>
                  <FlagBadges f={f} locale={locale} t={t} />
                </li>
              ))}
            </ul>
          </div>
        )}
        {d.flagged.length === 0 ? (
          <p className="card empty">{t("account.noFlagged")}</p>
        ) : (
          <div className="flag-list">
            {d.flagged.map((p) => (
              <FlaggedPost key={p.postId} post={p} locale={locale} t={t} when={formatDateTime(p.publishedAt, locale)} />
            ))}
          </div>
        )}
      </section>

      <section>
        <h2>{t("account.history")}</h2>
        {d.history.length === 0 ? (
          <p className="card empty">{t("account.noHistory")}</p>
        ) : (
          <div className="flag-list" data-testid="history">
            {d.history.map((h) => {
              const first = h.versions[0];
              const last = h.versions[h.versions.length - 1];
              return (
                <article key={h.postId} className="card flag-card">
                  <div className="flag-meta muted">
                    <span>{formatDateTime(h.publishedAt, locale)}</span>
                    {h.deletedAt !== null && <span className="pill pill-warn">{t("account.deletedAt", { at: formatDateTime(h.deletedAt, locale) })}</span>}
                  </div>
                  {h.versions.length > 1 ? (
                    <div className="versions">
                      <div>
                        <div className="muted small">
                          {t("account.before")} · {t("account.version", { n: formatNumber(first.version, locale) })}
                        </div>
                        <p className="evidence" dir="auto">
                          {first.text}
                        </p>
                      </div>
                      <div>
                        <div className="muted small">
                          {t("account.after")} · {t("account.version", { n: formatNumber(last.version, locale) })}
                        </div>
                        <p className="evidence" dir="auto">
                          {last.text}
                        </p>
                      </div>
                    </div>
                  ) : (
                    <p className="evidence" dir="auto">
                      {first?.text ?? ""}
                    </p>
                  )}
                </article>
              );
            })}
          </div>
        )}
      </section>

      <section>
        <h2>{t("account.fetch")}</h2>
        {d.fetchRuns.length === 0 ? (
          <p className="card empty">{t("account.noFetch")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" data-testid="fetch-runs">
              <thead>
                <tr>
                  <th>{t("account.started")}</th>
                  <th>{t("account.outcome")}</th>
                  <th className="num">{t("account.new")}</th>
                  <th className="num">{t("account.changed")}</th>
                  <th className="num">{t("account.deletedCount")}</th>
                  <th>{t("account.error")}</th>
                </tr>
              </thead>
              <tbody>
                {d.fetchRuns.map((r) => (
                  <tr key={r.id}>
                    <td>{formatDateTime(r.startedAt, locale)}</td>
                    <td>
                      <span className={`pill ${r.outcome === "ok" ? "pill-ok" : r.outcome === "running" ? "" : "pill-bad"}`}>{t(`outcome.${r.outcome}`)}</span>
                    </td>
                    <td className="num">{formatNumber(r.postsNew, locale)}</td>
                    <td className="num">{formatNumber(r.postsChanged, locale)}</td>
                    <td className="num">{formatNumber(r.postsDeleted, locale)}</td>
                    <td className="small">{r.error ?? ""}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
