import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { verifyProfile, type VerifyAnswer } from "~/lib/verify.server";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr } from "~/lib/format";

/** entry.server.tsx answers Accept: application/json with this route's loader data. */
export const handle = { json: true };

export const meta: MetaFunction = () => [{ title: "التحقق من حساب رسمي · Verify an official account — أمانة" }];

function wantsJson(request: Request): boolean {
  return (request.headers.get("Accept") ?? "").toLowerCase().includes("application/json");
}

/** Public (no sign-in). HTML with a form, or JSON for Accept: application/json. Bad input → 400. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get("url");
  const asJson = wantsJson(request);
  const headers = { "Cache-Control": "no-store", Vary: "Accept" };
  if (q === null) {
    if (asJson) return json({ error: "missing_url", message: "Pass ?url=<profile URL or @handle>" }, { status: 400, headers });
    return json({ query: null, answer: null, error: null }, { headers });
  }
  const outcome = verifyProfile(q);
  if (!outcome.ok) {
    if (asJson) return json({ query: outcome.query, error: outcome.reason, message: "Not a recognised profile URL or @handle" }, { status: 400, headers });
    return json({ query: outcome.query, answer: null, error: outcome.reason }, { status: 400, headers });
  }
  if (asJson) return json(outcome.answer, { headers });
  return json({ query: outcome.answer.query, answer: outcome.answer, error: null }, { headers });
}

export default function Verify() {
  const data = useLoaderData<typeof loader>() as { query: string | null; answer: VerifyAnswer | null; error: string | null };
  const t = useT("verify");
  const tc = useT("common");
  const locale = useLocale();
  const a = data.answer;
  return (
    <main id="main" className="verify stack">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      <Form method="get" className="card form">
        <label className="field">
          <span>{t("label")}</span>
          <input name="url" dir="ltr" defaultValue={data.query ?? ""} placeholder="https://x.com/… · @handle" maxLength={600} />
        </label>
        <div className="form-actions">
          <button className="btn btn-primary" type="submit">{t("submit")}</button>
        </div>
      </Form>
      {data.error && (
        <p className="alert alert-error" role="alert" data-testid="verify-error">
          {t(`errors.${data.error}`, { defaultValue: t("errors.not_profile") })}
        </p>
      )}
      {a && a.registered && a.account && a.entity && (
        <section className="card verdict" data-testid="verify-registered">
          <span className="verdict-icon" aria-hidden="true">✓</span>
          <div>
            <h2>{t("registered")}</h2>
            <p>
              {t("registeredDetail", { entity: locale === "ar" ? a.entity.nameAr : a.entity.nameEn })}
            </p>
            <p className="small">
              {tc(`platform.${a.account.platform}`)} · <Ltr>@{a.account.handle}</Ltr> · {tc(`status.${a.account.status}`)}
            </p>
          </div>
        </section>
      )}
      {a && !a.registered && (
        <section className="card verdict" data-testid="verify-not-registered">
          <span className="verdict-icon" aria-hidden="true">!</span>
          <div>
            <h2>{t("notRegistered")}</h2>
            {a.resembles ? (
              <p data-testid="verify-resembles">
                {t("resemblesBefore")} <Ltr>{a.resembles.handle}</Ltr>{" "}
                {t("resemblesAfter", { entity: locale === "ar" ? a.resembles.entity.nameAr : a.resembles.entity.nameEn })}
              </p>
            ) : (
              <p>{t("notRegisteredDetail")}</p>
            )}
          </div>
        </section>
      )}
    </main>
  );
}
