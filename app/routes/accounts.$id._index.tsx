/** Account overview: profile, ownership summary, governance checklist, flagged posts, edits/deletions, fetch health. */
import type { LinksFunction, LoaderFunctionArgs, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAccountAccess } from "~/lib/registry.server";
import { db } from "~/lib/db.server";
import { accountPage } from "~/lib/dashboard/account.server";
import { notFound } from "~/lib/http.server";
import { useLocale, useT, type Locale, type TFn } from "~/lib/i18n";
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

type AccountData = SerializeFrom<typeof loader>;
type Texts = { t: TFn; tc: TFn; locale: Locale };

function ProfileCard({ a, posts, t, tc, locale }: Texts & { a: AccountData["account"]; posts: number }) {
  return (
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
        <dd>{formatNumber(posts, locale)}</dd>
      </dl>
    </div>
  );
}

function OwnershipCard({ d, t, locale }: Omit<Texts, "tc"> & { d: Pick<AccountData, "account" | "owner" | "completeness"> }) {
  return (
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
        <Link to={`/accounts/${d.account.id}/ownership`}>{t("account.ownershipTab")}</Link>
      </p>
    </div>
  );
}

function Checklist({ controls, t, tc, locale }: Texts & { controls: AccountData["controls"] }) {
  return (
    <section className="card">
      <h2>{t("account.checklist")}</h2>
      <ul className="plain-list" data-testid="checklist">
        {controls.map((c) => (
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
  );
}

function FlaggedSection({ d, t, locale }: Omit<Texts, "tc"> & { d: Pick<AccountData, "profileFlags" | "flagged"> }) {
  return (
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
  );
}

function VersionText({ label, v, t, locale }: Omit<Texts, "tc"> & { label: string; v: AccountData["history"][number]["versions"][number] }) {
  return (
    <div>
      <div className="muted small">
        {label} · {t("account.version", { n: formatNumber(v.version, locale) })}
      </div>
      <p className="evidence" dir="auto">
        {v.text}
      </p>
    </div>
  );
}

function ChangedPost({ h, t, locale }: Omit<Texts, "tc"> & { h: AccountData["history"][number] }) {
  const first = h.versions[0];
  const last = h.versions[h.versions.length - 1];
  return (
    <article className="card flag-card">
      <div className="flag-meta muted">
        <span>{formatDateTime(h.publishedAt, locale)}</span>
        {h.deletedAt !== null && <span className="pill pill-warn">{t("account.deletedAt", { at: formatDateTime(h.deletedAt, locale) })}</span>}
      </div>
      {h.versions.length > 1 ? (
        <div className="versions">
          <VersionText label={t("account.before")} v={first} t={t} locale={locale} />
          <VersionText label={t("account.after")} v={last} t={t} locale={locale} />
        </div>
      ) : (
        <p className="evidence" dir="auto">
          {first?.text ?? ""}
        </p>
      )}
    </article>
  );
}

function HistorySection({ history, t, locale }: Omit<Texts, "tc"> & { history: AccountData["history"] }) {
  return (
    <section>
      <h2>{t("account.history")}</h2>
      {history.length === 0 ? (
        <p className="card empty">{t("account.noHistory")}</p>
      ) : (
        <div className="flag-list" data-testid="history">
          {history.map((h) => (
            <ChangedPost key={h.postId} h={h} t={t} locale={locale} />
          ))}
        </div>
      )}
    </section>
  );
}

function FetchRuns({ runs, t, locale }: Omit<Texts, "tc"> & { runs: AccountData["fetchRuns"] }) {
  return (
    <section>
      <h2>{t("account.fetch")}</h2>
      {runs.length === 0 ? (
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
              {runs.map((r) => (
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
  );
}

export default function AccountOverview() {
  const d = useLoaderData<typeof loader>();
  const texts: Texts = { t: useT("dashboard"), tc: useT("common"), locale: useLocale() };
  return (
    <div className="stack" data-testid="account-overview">
      <section className="grid-2">
        <ProfileCard a={d.account} posts={d.posts} {...texts} />
        <OwnershipCard d={d} {...texts} />
      </section>
      <Checklist controls={d.controls} {...texts} />
      <FlaggedSection d={d} {...texts} />
      <HistorySection history={d.history} {...texts} />
      <FetchRuns runs={d.fetchRuns} {...texts} />
    </div>
  );
}
