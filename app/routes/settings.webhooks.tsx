/**
 * /settings/webhooks — an entity's webhooks (its director) or the global ones (csb_admin): register
 * a URL (checked by the outbound guard; the secret shown once, stored sealed), remove one, enable a
 * disabled one again, and each hook's delivery log (status, attempts, response code, duration).
 * Others get 404. Every change is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { requireUser } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { badRequest, notFound } from "~/lib/http.server";
import { hookScopeOf, registerHook, sealKeyAvailable } from "~/lib/alerts.server";
import { deleteHook, deliveryLog, enableHook, hookById, hooksOf } from "../../db/alerts/hooks";
import { entityName } from "../../db/read/entities";
import { useLocale, useT } from "~/lib/i18n";
import { formatDateTime, formatNumber, Ltr } from "~/lib/format";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "Webhooks — أمانة" }];

const LOG_ROWS = 20;

async function requireHookManager(request: Request) {
  const user = await requireUser(request);
  const scope = hookScopeOf(user);
  if (!scope) notFound();
  return { user, scope };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { scope } = await requireHookManager(request);
  const hooks = hooksOf(db(), scope.entityId).map(({ secretSealed: _sealed, ...h }) => ({ ...h, log: deliveryLog(db(), h.id, LOG_ROWS) }));
  const entity = scope.entityId !== null ? (entityName(db(), scope.entityId) ?? null) : null;
  return json({ hooks, entity, canAdd: sealKeyAvailable() });
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, scope } = await requireHookManager(request);
  const form = await request.formData();
  const intent = String(form.get("intent") ?? "");
  if (intent === "create") {
    const r = await registerHook(user, scope, form);
    if (!r.ok) return json({ intent, ...r }, { status: 400 });
    return json({ intent, ok: true as const, id: r.id, secret: r.secret });
  }
  if (intent === "delete" || intent === "enable") {
    const id = Number(form.get("hook"));
    const hook = Number.isInteger(id) && id > 0 ? hookById(db(), id) : undefined;
    // Another entity's hook answers exactly like a missing one.
    if (!hook || hook.entityId !== scope.entityId) notFound();
    if (intent === "delete") deleteHook(db(), user, hook);
    else enableHook(db(), user, hook);
    return json({ intent, ok: true as const });
  }
  badRequest(`intent: expected create, delete or enable`);
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export default function Webhooks() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const t = useT("alerts");
  const locale = useLocale();
  const scopeTitle = d.entity ? t("hooks.scopeEntity", { entity: locale === "ar" ? d.entity.nameAr : d.entity.nameEn }) : t("hooks.scopeGlobal");
  return (
    <main id="main" className="stack" data-testid="webhooks">
      <PageHead title={t("hooks.title")} subtitle={t("hooks.subtitle")} />
      {result && "secret" in result && typeof result.secret === "string" && (
        <section className="alert alert-ok" role="status" data-testid="hook-secret">
          <strong>{t("hooks.secretTitle")}</strong>
          <p>
            <code dir="ltr" className="secret">
              {result.secret}
            </code>
          </p>
          <p className="small">{t("hooks.secretNote")}</p>
        </section>
      )}
      {result?.ok === true && result.intent === "delete" && <p className="alert alert-ok" role="status">{t("hooks.deleted")}</p>}
      {result?.ok === true && result.intent === "enable" && <p className="alert alert-ok" role="status">{t("hooks.enabled")}</p>}
      {result?.ok === false && (
        <p className="alert alert-error" role="alert" data-testid="hook-error">
          {result.error === "refused" ? t(`hooks.errors.refused.${result.reason}`) : result.error === "noKey" ? t("hooks.noKey") : t(`hooks.errors.${result.error}`)}
        </p>
      )}
      <section className="card stack">
        <h2>{scopeTitle}</h2>
        {d.canAdd ? (
          <Form method="post" className="form">
            <input type="hidden" name="intent" value="create" />
            <h3>{t("hooks.add")}</h3>
            <div className="form-grid">
              <label className="field">
                <span>{t("hooks.url")}</span>
                <input name="url" type="url" required dir="ltr" placeholder="https://" maxLength={2000} />
                <span className="muted small">{t("hooks.urlHint")}</span>
              </label>
              <label className="field">
                <span>{t("hooks.description")}</span>
                <input name="description" maxLength={200} />
              </label>
            </div>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={nav.state !== "idle"}>
                {t("hooks.submit")}
              </button>
            </div>
          </Form>
        ) : (
          <p className="alert alert-warn">{t("hooks.noKey")}</p>
        )}
      </section>
      {d.hooks.length === 0 ? <p className="muted">{t("hooks.none")}</p> : d.hooks.map((h) => <HookCard key={h.id} hook={h} />)}
      <section className="card">
        <h2>{t("hooks.format")}</h2>
        {/* Field and header names are code, not words: each in its own left-to-right run. */}
        <div className="small stack" data-testid="hooks-format">
          <p>
            {t("hooks.formatBody")} <Code>id</Code> <Code>event</Code> <Code>occurredAt</Code> <Code>{"entity { slug, nameAr, nameEn }"}</Code> <Code>url</Code>
          </p>
          <ul>
            <li>
              <Code>flag</Code> <Code>post</Code> {t("hooks.formatFlag")}
            </li>
            <li>
              <Code>account</Code> {t("hooks.formatAccount")}
            </li>
            <li>
              <Code>report</Code> {t("hooks.formatReport")}
            </li>
          </ul>
          <p>
            {t("hooks.formatHeaders")} <Code>X-Amanah-Event</Code> <Code>X-Amanah-Delivery</Code> {t("hooks.formatDelivery")} <Code>X-Amanah-Signature</Code>
          </p>
          <p>{t("hooks.formatRetry")}</p>
        </div>
      </section>
    </main>
  );
}

function Code({ children }: { children: string }) {
  return (
    <Ltr>
      <code>{children}</code>
    </Ltr>
  );
}

function HookCard({ hook: h }: { hook: Data["hooks"][number] }) {
  const t = useT("alerts");
  const locale = useLocale();
  const state =
    h.disabledAt !== null ? (
      <span className="pill pill-bad">{t("hooks.disabled", { since: formatDateTime(h.disabledAt, locale) })}</span>
    ) : h.failingSince !== null ? (
      <span className="pill pill-warn">{t("hooks.failing", { since: formatDateTime(h.failingSince, locale) })}</span>
    ) : (
      <span className="pill pill-ok">{t("hooks.active")}</span>
    );
  return (
    <section className="card stack" data-testid="hook">
      <div className="toolbar">
        <div>
          <h3>
            <Ltr>{h.url}</Ltr>
          </h3>
          {h.description && <p className="muted">{h.description}</p>}
          <p className="small">
            {state} · {t("hooks.created")} {formatDateTime(h.createdAt, locale)}
            {h.lastSuccessAt !== null && ` · ${t("hooks.lastSuccess")} ${formatDateTime(h.lastSuccessAt, locale)}`}
          </p>
          {h.disabledReason && (
            <p className="small muted">
              {t("hooks.disabledReason")}: <bdi>{h.disabledReason}</bdi>
            </p>
          )}
        </div>
        <div className="form-actions">
          {h.disabledAt !== null && (
            <Form method="post">
              <input type="hidden" name="intent" value="enable" />
              <input type="hidden" name="hook" value={h.id} />
              <button type="submit" className="btn">
                {t("hooks.enable")}
              </button>
            </Form>
          )}
          <Form
            method="post"
            onSubmit={(e) => {
              if (!confirm(t("hooks.deleteConfirm"))) e.preventDefault();
            }}
          >
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="hook" value={h.id} />
            <button type="submit" className="btn btn-quiet">
              {t("hooks.delete")}
            </button>
          </Form>
        </div>
      </div>
      <h4>{t("hooks.log")}</h4>
      {h.log.length === 0 ? (
        <p className="muted small">{t("hooks.logEmpty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="hook-log">
            <thead>
              <tr>
                <th>{t("hooks.event")}</th>
                <th>{t("hooks.occurred")}</th>
                <th>{t("hooks.status")}</th>
                <th className="num">{t("hooks.attempts")}</th>
                <th className="num">{t("hooks.code")}</th>
                <th className="num">{t("hooks.duration")}</th>
                <th>{t("hooks.error")}</th>
                <th>{t("hooks.delivery")}</th>
              </tr>
            </thead>
            <tbody>
              {h.log.map((r) => (
                <tr key={r.id}>
                  <td>{t(`event.${r.eventType}`)}</td>
                  <td>{formatDateTime(r.occurredAt, locale)}</td>
                  <td>
                    <span className={`pill ${r.status === "sent" ? "pill-ok" : r.status === "failed" ? "pill-bad" : r.status === "pending" ? "pill-warn" : ""}`}>{t(`hooks.deliveryStatus.${r.status}`)}</span>
                  </td>
                  <td className="num">{formatNumber(r.attempts, locale)}</td>
                  <td className="num">{r.responseCode === null ? "—" : <Ltr>{String(r.responseCode)}</Ltr>}</td>
                  <td className="num">{r.durationMs === null ? "—" : t("hooks.ms", { n: formatNumber(r.durationMs, locale) })}</td>
                  <td className="small">{r.error ? <bdi>{r.error}</bdi> : "—"}</td>
                  <td className="small">
                    <Ltr>{r.uid.slice(0, 12)}</Ltr>
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
