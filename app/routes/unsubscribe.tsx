/**
 * /unsubscribe?u=&k=&s= — the signed one-click link of every alert email (RFC 8058). Works without
 * signing in: the HMAC (SESSION_SECRET) proves the link came in that person's email. GET shows a
 * confirmation (mail scanners fetch links; a GET never changes anything); POST — the button, or a
 * mail client's `List-Unsubscribe=One-Click` — turns the preference off, audited.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { verifyUnsubscribe } from "../../core/alerts/unsubscribe";
import { applyUnsubscribe } from "../../db/alerts/prefs";
import { sessionSecret } from "~/lib/session.server";
import { db } from "~/lib/db.server";
import { useT } from "~/lib/i18n";
import { PageHead } from "~/components/PageHead";

export const meta: MetaFunction = () => [{ title: "إلغاء الاشتراك · Unsubscribe — أمانة" }, { name: "robots", content: "noindex" }];

const NO_STORE = { "Cache-Control": "no-store" };

export async function loader({ request }: LoaderFunctionArgs) {
  const r = verifyUnsubscribe(sessionSecret(), new URL(request.url).searchParams);
  return json({ valid: r !== null, kind: r?.kind ?? null }, { status: r ? 200 : 400, headers: NO_STORE });
}

export async function action({ request }: ActionFunctionArgs) {
  const r = verifyUnsubscribe(sessionSecret(), new URL(request.url).searchParams);
  if (!r) return json({ done: false as const }, { status: 400, headers: NO_STORE });
  const done = applyUnsubscribe(db(), r.userId, r.kind);
  return json({ done: done !== null, kind: r.kind }, { status: done ? 200 : 400, headers: NO_STORE });
}

export default function Unsubscribe() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT("alerts");
  const what = d.kind ? t(`unsubscribe.kind.${d.kind}`) : "";
  return (
    <main id="main" className="stack" data-testid="unsubscribe">
      <PageHead title={t("unsubscribe.title")} />
      {!d.valid || result?.done === false ? (
        <p className="alert alert-error" role="alert">
          {t("unsubscribe.invalid")}
        </p>
      ) : result?.done ? (
        <p className="alert alert-ok" role="status" data-testid="unsubscribed">
          {t("unsubscribe.done", { what })}
        </p>
      ) : (
        <Form method="post" className="card form">
          <p>{t("unsubscribe.confirm", { what })}</p>
          <input type="hidden" name="List-Unsubscribe" value="One-Click" />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary">
              {t("unsubscribe.submit")}
            </button>
          </div>
        </Form>
      )}
      <p>
        <Link to="/settings/notifications">{t("unsubscribe.settings")}</Link>
      </p>
    </main>
  );
}
