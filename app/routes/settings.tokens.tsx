/**
 * /settings/tokens — a person's API tokens: create one (name, scope, expiry; shown once), see when
 * each was last used, revoke. Creation and revocation are audited. Any signed-in user.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TOKEN_SCOPES } from "../../core/enums";
import { requireUser } from "~/lib/permissions.server";
import { notFound } from "~/lib/http.server";
import { issueToken, listTokens, liveCount, MAX_LIVE, revoke, TokenForm } from "~/lib/tokens.server";
import { EXPIRY_DAYS } from "~/lib/token-options";
import { useLocale, useT } from "~/lib/i18n";
import { formatDateTime, formatNumber, Ltr } from "~/lib/format";
import { PageHead } from "~/components/PageHead";
import { Field } from "~/components/Field";
import dashboardCss from "~/components/dashboard/dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];

export const meta: MetaFunction = () => [{ title: "رموز الواجهة البرمجية · API tokens — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const now = Date.now();
  return json({ tokens: listTokens(user), now, max: MAX_LIVE });
}

type Errors = Partial<Record<"name" | "scope" | "expiry" | "form", string>>;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get("intent");
  if (intent === "revoke") {
    const id = Number(form.get("id"));
    if (!Number.isInteger(id) || id <= 0 || !revoke(user, id)) notFound();
    return json({ revoked: id });
  }
  const values = { name: String(form.get("name") ?? ""), scope: String(form.get("scope") ?? ""), expiry: String(form.get("expiry") ?? "") };
  const parsed = TokenForm.safeParse(values);
  if (!parsed.success) {
    const errors: Errors = {};
    for (const i of parsed.error.issues) errors[i.path[0] as keyof Errors] ??= i.message;
    return json({ errors, values }, { status: 400 });
  }
  if (liveCount(listTokens(user)) >= MAX_LIVE) return json({ errors: { form: "tokens.errors.tooMany" } as Errors, values }, { status: 400 });
  const { token, row } = issueToken(user, parsed.data);
  return json({ created: { token, name: row.name, scope: row.scope } });
}

function statusOf(t: { revokedAt: string | null; expiresAt: string }, now: number): "revoked" | "expired" | "active" {
  if (t.revokedAt) return "revoked";
  return Date.parse(t.expiresAt) <= now ? "expired" : "active";
}

export default function Tokens() {
  const { tokens, now, max } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT("tokens");
  const tc = useT("common");
  const locale = useLocale();
  const busy = useNavigation().state !== "idle";
  const errors: Errors = result && "errors" in result ? result.errors : {};
  const values = result && "values" in result ? result.values : { name: "", scope: "check", expiry: "90" };
  const tone = { active: "pill-ok", expired: "pill-warn", revoked: "pill-bad" } as const;
  return (
    <main id="main" className="stack" data-testid="tokens-page">
      <PageHead title={t("title")} subtitle={t("subtitle")} />
      {result && "created" in result && (
        <section className="alert alert-ok stack" role="status" data-testid="token-created">
          <p style={{ margin: 0 }}>
            <strong>{t("created", { name: result.created.name })}</strong> {t("copyNow")}
          </p>
          <p style={{ margin: 0 }}>
            <code className="token-once" dir="ltr" data-testid="new-token">
              {result.created.token}
            </code>
          </p>
        </section>
      )}
      {result && "revoked" in result && (
        <p className="alert alert-ok" role="status" data-testid="token-revoked">
          {t("revokedDone")}
        </p>
      )}
      <section className="card stack">
        <h2 style={{ margin: 0 }}>{t("new")}</h2>
        <p className="muted small" style={{ margin: 0 }}>
          {t("explain", { max: formatNumber(max, locale) })}
        </p>
        {errors.form && (
          <p className="alert alert-error" role="alert">
            {t(errors.form, { max: formatNumber(max, locale) })}
          </p>
        )}
        <Form method="post" className="filters" data-testid="token-form">
          <input type="hidden" name="intent" value="create" />
          <Field label={t("name")} name="name" error={errors.name} t={t}>
            <input name="name" required maxLength={80} defaultValue={values.name} aria-invalid={errors.name ? true : undefined} />
          </Field>
          <Field label={t("scope")} name="scope" error={errors.scope} t={t}>
            <select name="scope" defaultValue={values.scope}>
              {TOKEN_SCOPES.map((s) => (
                <option key={s} value={s}>
                  {t(`scopes.${s}`)}
                </option>
              ))}
            </select>
          </Field>
          <Field label={t("expiry")} name="expiry" error={errors.expiry} t={t}>
            <select name="expiry" defaultValue={values.expiry}>
              {EXPIRY_DAYS.map((d) => (
                <option key={d} value={d}>
                  {t("days", { n: formatNumber(Number(d), locale) })}
                </option>
              ))}
            </select>
          </Field>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={busy} data-testid="token-create">
              {t("create")}
            </button>
          </div>
        </Form>
      </section>
      <section>
        <h2>{t("yours")}</h2>
        {tokens.length === 0 ? (
          <p className="card empty">{t("none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="data" data-testid="token-list">
              <thead>
                <tr>
                  <th>{t("name")}</th>
                  <th>{t("scope")}</th>
                  <th>{t("prefix")}</th>
                  <th>{t("createdAt")}</th>
                  <th>{t("expiresAt")}</th>
                  <th>{t("lastUsed")}</th>
                  <th>{t("status")}</th>
                  <th>
                    <span className="sr-only">{t("actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tokens.map((k) => {
                  const st = statusOf(k, now);
                  return (
                    <tr key={k.id} data-testid="token-row">
                      <td>
                        <bdi>{k.name}</bdi>
                      </td>
                      <td>{t(`scopes.${k.scope}`)}</td>
                      <td>
                        <Ltr>
                          <code>{k.prefix}…</code>
                        </Ltr>
                      </td>
                      <td>{formatDateTime(k.createdAt, locale)}</td>
                      <td>{formatDateTime(k.expiresAt, locale)}</td>
                      <td data-testid="token-last-used">{k.lastUsedAt ? formatDateTime(k.lastUsedAt, locale) : tc("none")}</td>
                      <td>
                        <span className={`pill ${tone[st]}`}>{t(`state.${st}`)}</span>
                      </td>
                      <td>
                        {st === "active" && (
                          <Form method="post">
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="id" value={k.id} />
                            <button type="submit" className="btn btn-quiet" data-testid="token-revoke">
                              {t("revoke")}
                            </button>
                          </Form>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <p className="muted small">{t("docs")}</p>
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
