/**
 * /settings/notifications — what a person hears about and how (docs/alerts.md): critical and high
 * alerts at once (on by default for directors and reviewers), the daily digest, the weekly report;
 * CSB roles follow every entity or chosen ones. Every change is audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { isCsb, requireUser } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { parsePrefsForm, smtpConfigured } from "~/lib/alerts.server";
import { prefsOf, savePrefs } from "../../db/alerts/prefs";
import { allEntityRefs, entityName } from "../../db/read/entities";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr } from "~/lib/format";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "التنبيهات · Notifications — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const csb = isCsb(user);
  const own = user.entityId !== null ? entityName(db(), user.entityId) : undefined;
  const entities = csb ? allEntityRefs(db()).sort((a, b) => a.nameAr.localeCompare(b.nameAr, "ar")) : [];
  return json({ prefs: prefsOf(db(), user), csb, email: user.email, own: own ?? null, entities, smtp: smtpConfigured() });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const r = parsePrefsForm(user, await request.formData());
  if (!r.ok) return json({ ok: false as const, error: r.error }, { status: 400 });
  savePrefs(db(), user, r.prefs);
  return json({ ok: true as const });
}

export default function NotificationSettings() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const nav = useNavigation();
  const t = useT("alerts");
  const tc = useT("common");
  const locale = useLocale();
  const [scope, setScope] = useState(d.prefs.allEntities ? "all" : "chosen");
  const chosen = new Set(d.prefs.entityIds);
  const checkbox = (name: "immediate" | "digest" | "weeklyReport") => (
    <label className="check-row">
      <input type="checkbox" name={name} defaultChecked={d.prefs[name]} data-testid={`pref-${name}`} />
      <span>
        <strong>{t(`prefs.${name}`)}</strong>
        <span className="muted small block">{t(`prefs.${name}Hint`)}</span>
      </span>
    </label>
  );
  return (
    <main id="main" className="stack" data-testid="notification-settings">
      <PageHead title={t("prefs.title")} subtitle={t("prefs.subtitle")} />
      {!d.smtp && <p className="alert alert-warn">{t("prefs.noSmtp")}</p>}
      {result?.ok === true && (
        <p className="alert alert-ok" role="status">
          {t("prefs.saved")}
        </p>
      )}
      {result?.ok === false && (
        <p className="alert alert-error" role="alert">
          {t(`prefs.errors.${result.error}`)}
        </p>
      )}
      <Form method="post" className="card form">
        <p className="muted">
          {t("prefs.sendsTo")} <Ltr>{d.email}</Ltr>
        </p>
        {checkbox("immediate")}
        {checkbox("digest")}
        {checkbox("weeklyReport")}
        <fieldset>
          <legend>{t("prefs.scope")}</legend>
          {d.csb ? (
            <div className="stack">
              <label className="check-row">
                <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} />
                <span>{t("prefs.scopeAll")}</span>
              </label>
              <label className="check-row">
                <input type="radio" name="scope" value="chosen" checked={scope === "chosen"} onChange={() => setScope("chosen")} />
                <span>{t("prefs.scopeChosen")}</span>
              </label>
              <label className="field">
                <span>{t("prefs.entities")}</span>
                <select name="entity" multiple size={8} defaultValue={d.entities.filter((e) => chosen.has(e.id)).map((e) => e.slug)} disabled={scope !== "chosen"}>
                  {d.entities.map((e) => (
                    <option key={e.slug} value={e.slug}>
                      {locale === "ar" ? e.nameAr : e.nameEn}
                    </option>
                  ))}
                </select>
                <span className="muted small">{t("prefs.entitiesHint")}</span>
              </label>
            </div>
          ) : (
            <p>{t("prefs.scopeEntity", { entity: d.own ? (locale === "ar" ? d.own.nameAr : d.own.nameEn) : "" })}</p>
          )}
        </fieldset>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={nav.state !== "idle"}>
            {tc("save")}
          </button>
        </div>
      </Form>
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
