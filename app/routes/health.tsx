/**
 * Ingestion health: every account's last fetch, its outcome and the time since the last successful
 * one. CSB users see all accounts; entity users their own entity's (entityScope). A vanished
 * official handle is shown as a takeover risk, not just a dead account.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { AccountClass, Platform } from "../../core/enums";
import { db } from "~/lib/db.server";
import { entityScope, requireUser } from "~/lib/permissions.server";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr, formatDateTime, formatNumber } from "~/lib/format";
import { displayHandle } from "../../core/handles";

interface Row {
  id: number;
  entityAr: string;
  entityEn: string;
  platform: Platform;
  handle: string;
  class: AccountClass;
  status: string;
  lastStartedAt: number | null;
  lastOutcome: string | null;
  lastError: string | null;
  lastOkAt: number | null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const scope = entityScope(user);
  const rows = db()
    .$client.prepare(
      `SELECT a.id, e.name_ar AS entityAr, e.name_en AS entityEn, a.platform, a.handle, a.class, a.status,
              r.started_at AS lastStartedAt, r.outcome AS lastOutcome, r.error AS lastError,
              (SELECT max(finished_at) FROM fetch_runs o WHERE o.account_id = a.id AND o.kind = 'posts' AND o.outcome = 'ok') AS lastOkAt
       FROM accounts a JOIN entities e ON e.id = a.entity_id
       LEFT JOIN fetch_runs r ON r.id = (SELECT id FROM fetch_runs f WHERE f.account_id = a.id ORDER BY f.started_at DESC, f.id DESC LIMIT 1)
       WHERE a.status != 'archived' AND (? IS NULL OR a.entity_id = ?)
       ORDER BY (a.class = 'official' AND a.status = 'not_found') DESC, (r.outcome IS NULL OR r.outcome != 'ok') DESC, e.slug, a.platform, a.handle`,
    )
    .all(scope, scope) as Row[];
  return json({ rows, now: Date.now() });
}

const OUTCOME_TONE: Record<string, string> = { ok: "pill-ok", rate_limited: "pill-warn", transient: "pill-warn", running: "" };

export default function Health() {
  const { rows, now } = useLoaderData<typeof loader>();
  const t = useT("health");
  const tc = useT("common");
  const locale = useLocale();
  const failing = rows.filter((r) => r.lastOutcome && r.lastOutcome !== "ok").length;
  const takeover = rows.filter((r) => r.class === "official" && r.status === "not_found").length;
  // Lag is computed against the loader's `now`, so server and browser render the same text.
  const lag = (at: number | null) => {
    if (at === null) return "—";
    const m = Math.max(0, Math.round((now - at) / 60_000));
    const [n, unit] = m < 60 ? [m, "minutes"] : m < 48 * 60 ? [Math.round(m / 60), "hours"] : [Math.round(m / 1440), "days"];
    return t(`ago.${unit}`, { n: formatNumber(n, locale) });
  };
  return (
    <section className="stack" data-testid="health-page">
      <h1>{t("title")}</h1>
      <p>
        {t("summary", { total: formatNumber(rows.length, locale), failing: formatNumber(failing, locale) })}
        {takeover > 0 && (
          <>
            {" "}
            <span className="pill pill-bad" data-testid="takeover-count">
              {t("takeover", { n: formatNumber(takeover, locale) })}
            </span>
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("entity")}</th>
                <th>{t("account")}</th>
                <th>{t("status")}</th>
                <th>{t("lastFetch")}</th>
                <th>{t("outcome")}</th>
                <th>{t("lag")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-outcome={r.lastOutcome ?? "none"}>
                  <td>{locale === "ar" ? r.entityAr : r.entityEn}</td>
                  <td>
                    <span className="muted small">{tc(`platform.${r.platform}`)}</span>{" "}
                    <Link to={`/accounts/${r.id}`}>
                      <Ltr>{displayHandle(r.platform, r.handle)}</Ltr>
                    </Link>
                  </td>
                  <td>
                    {r.class === "official" && r.status === "not_found" ? (
                      <span className="pill pill-bad" title={t("takeoverHint")}>
                        {t("takeoverRisk")}
                      </span>
                    ) : (
                      tc(`status.${r.status}`)
                    )}
                  </td>
                  <td>{r.lastStartedAt ? formatDateTime(r.lastStartedAt, locale) : t("never")}</td>
                  <td title={r.lastError ?? undefined}>
                    {r.lastOutcome ? <span className={`pill ${OUTCOME_TONE[r.lastOutcome] ?? "pill-bad"}`}>{t(`outcomes.${r.lastOutcome}`)}</span> : "—"}
                  </td>
                  <td>{lag(r.lastOkAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
