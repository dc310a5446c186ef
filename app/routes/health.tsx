/**
 * Ingestion health: every account's last fetch, its outcome and the lag since the last successful
 * one. CSB users see all accounts; entity users their own entity's (entityScope).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { db } from "~/lib/db.server";
import { entityScope, requireUser } from "~/lib/permissions.server";
import { useLocale, useT } from "~/lib/i18n";
import { formatDateTime } from "~/lib/format";

interface Row {
  id: number;
  entity: string;
  platform: string;
  handle: string;
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
      `SELECT a.id, e.slug AS entity, a.platform, a.handle, a.status,
              r.started_at AS lastStartedAt, r.outcome AS lastOutcome, r.error AS lastError,
              (SELECT max(finished_at) FROM fetch_runs o WHERE o.account_id = a.id AND o.kind = 'posts' AND o.outcome = 'ok') AS lastOkAt
       FROM accounts a JOIN entities e ON e.id = a.entity_id
       LEFT JOIN fetch_runs r ON r.id = (SELECT id FROM fetch_runs f WHERE f.account_id = a.id ORDER BY f.started_at DESC, f.id DESC LIMIT 1)
       WHERE a.status != 'archived' AND (? IS NULL OR a.entity_id = ?)
       ORDER BY (r.outcome IS NULL OR r.outcome != 'ok') DESC, e.slug, a.platform, a.handle`,
    )
    .all(scope, scope) as Row[];
  return json({ rows, now: Date.now() });
}

function lag(now: number, at: number | null): string {
  if (at === null) return "—";
  const m = Math.max(0, Math.round((now - at) / 60_000));
  return m < 60 ? `${m}m` : m < 48 * 60 ? `${Math.round(m / 60)}h` : `${Math.round(m / 1440)}d`;
}

export default function Health() {
  const { rows, now } = useLoaderData<typeof loader>();
  const t = useT("health");
  const locale = useLocale();
  const failing = rows.filter((r) => r.lastOutcome && r.lastOutcome !== "ok").length;
  return (
    <div className="stack" data-testid="health-page">
      <h1>{t("title")}</h1>
      <p>{t("summary", { total: rows.length, failing })}</p>
      <table className="table">
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
              <td>{r.entity}</td>
              <td dir="ltr">
                {r.platform}:{r.handle}
              </td>
              <td>{t(`statuses.${r.status}`, { defaultValue: r.status })}</td>
              <td>{r.lastStartedAt ? formatDateTime(r.lastStartedAt, locale) : t("never")}</td>
              <td title={r.lastError ?? undefined}>{r.lastOutcome ? t(`outcomes.${r.lastOutcome}`, { defaultValue: r.lastOutcome }) : "—"}</td>
              <td>{lag(now, r.lastOkAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
