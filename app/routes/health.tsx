/**
 * Ingestion health: every account's last fetch, its outcome and the time since the last successful
 * one. CSB users see all accounts; entity users their own entity's (entityScope). A vanished
 * official handle is shown as a takeover risk, not just a dead account.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { db } from "~/lib/db.server";
import { fetchHealth } from "../../db/read/health";
import { entityScope, requireUser } from "~/lib/permissions.server";
import { runHealthChecks, type HealthResult } from "~/lib/health.server";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr, formatDateTime, formatNumber } from "~/lib/format";
import { displayHandle } from "../../core/handles";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  // The components' details (database path, errors) are for csb_admin only; /healthz says up/down.
  const components = user.role === "csb_admin" ? (await runHealthChecks()).components : null;
  return json({ rows: fetchHealth(db(), entityScope(user)), now: Date.now(), components });
}

const OUTCOME_TONE: Record<string, string> = { ok: "pill-ok", rate_limited: "pill-warn", transient: "pill-warn", running: "" };

export default function Health() {
  const { rows, now, components } = useLoaderData<typeof loader>();
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
      {components && <Components components={components} />}
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

/** csb_admin: each server component (database, redis, workers) with the details of its check. */
function Components({ components }: { components: Record<string, HealthResult> }) {
  const t = useT("health");
  return (
    <section className="card stack" data-testid="health-components">
      <h2>{t("components")}</h2>
      <ul className="plain-list">
        {Object.entries(components).map(([name, c]) => {
          const { ok, ...details } = c;
          return (
            <li key={name} data-component={name}>
              <span className={`pill ${ok ? "pill-ok" : "pill-bad"}`}>{ok ? t("up") : t("down")}</span> <code dir="ltr">{name}</code>{" "}
              {Object.keys(details).length > 0 && <code dir="ltr" className="small">{JSON.stringify(details)}</code>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
