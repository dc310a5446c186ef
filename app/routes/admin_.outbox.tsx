/**
 * /admin/outbox — the demo's sent mail (csb_admin, demo only; 404 otherwise): what the local SMTP
 * server of `npm run demo` received, newest first, and one message as its recipient sees it. The
 * HTML is the sender's and carries platform text: it is shown in a sandboxed frame (no scripts, no
 * same origin), the plain-text part and headers as escaped text.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireAdmin } from "~/lib/permissions.server";
import { notFound } from "~/lib/http.server";
import { db } from "~/lib/db.server";
import { listReceived, receivedById } from "../../db/demo/mailbox";
import { useLocale, useT } from "~/lib/i18n";
import { formatDateTime, formatNumber, Ltr } from "~/lib/format";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "البريد المرسل · Sent mail — أمانة" }];

const PAGE = 100;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  if (process.env.AMANAH_DEMO !== "1") notFound();
  const id = new URL(request.url).searchParams.get("m");
  if (id !== null) {
    const m = /^\d{1,12}$/.test(id) ? receivedById(db(), Number(id)) : undefined;
    if (!m) notFound();
    let headers: Record<string, string> = {};
    try {
      headers = JSON.parse(m.headers) as Record<string, string>;
    } catch {
      /* shown without headers */
    }
    return json({ message: { ...m, headers }, list: null });
  }
  return json({ message: null, list: listReceived(db(), PAGE) });
}

export default function Outbox() {
  const d = useLoaderData<typeof loader>();
  const t = useT("alerts");
  const locale = useLocale();
  if (d.message) {
    const m = d.message;
    return (
      <main id="main" className="stack" data-testid="outbox-message">
        <PageHead title={<bdi>{m.subject}</bdi>} subtitle={`${t("outbox.received")} ${formatDateTime(m.receivedAt, locale)}`}>
          <Link to="/admin/outbox">{t("outbox.back")}</Link>
        </PageHead>
        <dl className="kv card">
          <dt>{t("outbox.to")}</dt>
          <dd>
            <Ltr>{m.to}</Ltr>
          </dd>
          {Object.entries(m.headers).map(([k, v]) => (
            <div key={k} style={{ display: "contents" }}>
              <dt>
                <Ltr>{k}</Ltr>
              </dt>
              <dd className="small">
                <Ltr>{v}</Ltr>
              </dd>
            </div>
          ))}
        </dl>
        {m.html && (
          <section className="stack">
            <h2>{t("outbox.html")}</h2>
            <p className="muted small">{t("outbox.htmlNote")}</p>
            <iframe title={t("outbox.html")} sandbox="" srcDoc={m.html} className="mail-frame" data-testid="outbox-frame" />
          </section>
        )}
        {m.text && (
          <section className="stack">
            <h2>{t("outbox.text")}</h2>
            <pre className="card mail-text" dir="auto">
              {m.text}
            </pre>
          </section>
        )}
      </main>
    );
  }
  const list = d.list!;
  return (
    <main id="main" className="stack" data-testid="outbox">
      <PageHead title={t("outbox.title")} subtitle={t("outbox.subtitle")}>
        <span className="pill" data-testid="outbox-total">{t("outbox.total", { count: list.total, n: formatNumber(list.total, locale) })}</span>
      </PageHead>
      {list.rows.length === 0 ? (
        <p className="muted">{t("outbox.empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th>{t("outbox.received")}</th>
                <th>{t("outbox.to")}</th>
                <th>{t("outbox.subject")}</th>
                <th className="num">{t("outbox.size")}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id}>
                  <td>{formatDateTime(r.receivedAt, locale)}</td>
                  <td>
                    <Ltr>{r.to}</Ltr>
                  </td>
                  <td>
                    <bdi>{r.subject}</bdi>
                  </td>
                  <td className="num">{formatNumber(Math.ceil(r.bytes / 1024), locale)} KB</td>
                  <td>
                    <Link to={`/admin/outbox?m=${r.id}`}>{t("outbox.open")}</Link>
                  </td>
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
