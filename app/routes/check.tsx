/**
 * /check — the pre-publication check (any signed-in user): paste a draft, pick the account class
 * and whether it is a post or a bio, and see each flag with its clause, severity, rationale, the
 * evidence highlighted in the draft and what to change. Results come as you type (a debounced
 * preview from /check/live) and on submit without JavaScript. The draft is never stored; a
 * submitted check is counted per entity and rule (app/lib/check.server.ts).
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useFetcher, useNavigation } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState } from "react";
import { ACCOUNT_CLASSES } from "../../core/enums";
import { requireUser } from "~/lib/permissions.server";
import { checkForm } from "~/lib/check.server";
import { KINDS, MAX_TEXT, type PageAnswer } from "~/lib/check";
import { useLocale, useT, type Locale, type TFn } from "~/lib/i18n";
import { formatNumber, Ltr } from "~/lib/format";
import { Evidence } from "~/components/dashboard/Evidence";
import { FlagBadges } from "~/components/dashboard/Flags";
import { PageHead } from "~/components/PageHead";
import dashboardCss from "~/components/dashboard/dashboard.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "التحقق قبل النشر · Check before posting — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return json({ maxText: MAX_TEXT });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { status, answer, headers } = await checkForm(user, await request.formData(), true);
  return json(answer, { status, headers: { ...headers, "Cache-Control": "no-store" } });
}

/** Milliseconds of quiet typing before the live preview asks the server. */
const DEBOUNCE_MS = 400;

function CheckResults({ answer, t, td, locale }: { answer: PageAnswer; t: TFn; td: TFn; locale: Locale }) {
  if (answer.kind === "limited") {
    return (
      <p className="alert alert-warn" role="alert" data-testid="check-limited">
        {t("limited", { s: formatNumber(answer.retryAfter, locale) })}
      </p>
    );
  }
  if (answer.kind === "invalid") {
    return (
      <p className="alert alert-error" role="alert" data-testid="check-invalid">
        {t(`errors.${answer.field}.${answer.code}`, { max: formatNumber(MAX_TEXT, locale), defaultValue: t("errors.generic") })}
      </p>
    );
  }
  const v = answer.view;
  if (v.flags.length === 0) {
    return (
      <div className="stack" data-testid="check-clean">
        <p className="alert alert-ok" role="status">
          {t("clean")}
        </p>
        <p className="muted small">{t("cleanNote")}</p>
      </div>
    );
  }
  return (
    <div className="stack">
      <p className="alert alert-warn" role="status" data-testid="check-summary">
        {t("found", { count: v.flags.length, n: formatNumber(v.flags.length, locale) })}
      </p>
      <section className="card" aria-labelledby="draft-marked">
        <h3 id="draft-marked" className="small muted" style={{ margin: 0 }}>
          {t("inDraft")}
        </h3>
        <Evidence text={v.text} spans={v.flags.flatMap((f) => f.spans)} />
      </section>
      <ol className="flag-list plain-list stack" data-testid="check-flags">
        {v.flags.map((f, i) => (
          <li key={`${f.rule}-${i}`} className="card flag-card" data-testid="check-flag" data-rule={f.rule}>
            <FlagBadges f={{ ...f, id: i, status: "open", escalated: false }} locale={locale} t={td} />
            <p className="rationale">
              <strong>{t("why")}: </strong>
              {locale === "ar" ? f.rationale.ar : f.rationale.en}
            </p>
            {f.spans.length > 0 && (
              <p className="small" style={{ margin: 0 }}>
                <strong>{t("evidence")}: </strong>
                {f.spans.map((s, k) => (
                  <mark key={k} dir="auto" className="evidence-chip">
                    {s.text}
                  </mark>
                ))}
              </p>
            )}
            {f.fix && (
              <p className="fix" data-testid="check-fix">
                <strong>{t("fix")}: </strong>
                {locale === "ar" ? f.fix.ar : f.fix.en}
              </p>
            )}
          </li>
        ))}
      </ol>
      <p className="muted small">
        {/* The version after Arabic text would be reordered (2026.12-4 read as 4-2026.12): isolated LTR. */}
        {t("policy")} <Ltr>{v.policyVersion}</Ltr>.
      </p>
    </div>
  );
}

export default function Check() {
  const submitted = useActionData<typeof action>();
  const live = useFetcher<PageAnswer>({ key: "check-live" });
  const nav = useNavigation();
  const t = useT("check");
  const td = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  const form = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Which answer is newer: the live preview or the last submit.
  const [shown, setShown] = useState<"live" | "submitted">("submitted");
  const [length, setLength] = useState(0);

  const schedule = useCallback(() => {
    const f = form.current;
    if (!f) return;
    const text = (f.elements.namedItem("text") as HTMLTextAreaElement).value;
    setLength(text.length);
    if (timer.current) clearTimeout(timer.current);
    if (!text.trim()) return;
    timer.current = setTimeout(() => {
      setShown("live");
      live.submit(new FormData(f), { method: "post", action: "/check/live" });
    }, DEBOUNCE_MS);
  }, [live]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => setShown("submitted"), [submitted]);

  const answer = shown === "live" ? (live.data ?? submitted) : (submitted ?? live.data);
  const values = submitted?.kind === "result" ? { accountClass: submitted.view.accountClass, kind: submitted.view.kind, text: submitted.view.text } : { accountClass: "official", kind: "post", text: "" };
  return (
    <main id="main" className="stack" data-testid="check-page">
      <PageHead title={t("title")} subtitle={t("subtitle")} />
      <div className="check-layout">
        <section className="card stack" aria-labelledby="check-form-title">
          <h2 id="check-form-title" style={{ margin: 0 }}>
            {t("draft")}
          </h2>
          <Form method="post" ref={form} className="stack" onInput={schedule} onChange={schedule} data-testid="check-form">
            <label className="field">
              <span>{t("text")}</span>
              <textarea name="text" rows={9} maxLength={MAX_TEXT} required dir="auto" defaultValue={values.text} data-testid="check-text" />
              <span className="muted small" aria-live="off">
                {t("length", { n: formatNumber(length, locale), max: formatNumber(MAX_TEXT, locale) })}
              </span>
            </label>
            <label className="field">
              <span>{t("accountClass")}</span>
              <select name="accountClass" defaultValue={values.accountClass} data-testid="check-class">
                {ACCOUNT_CLASSES.map((c) => (
                  <option key={c} value={c}>
                    {tc(`class.${c}`)}
                  </option>
                ))}
              </select>
            </label>
            <fieldset className="field check-kind">
              <legend>{t("kind")}</legend>
              {KINDS.map((k) => (
                <label key={k}>
                  <input type="radio" name="kind" value={k} defaultChecked={values.kind === k} data-testid={`check-kind-${k}`} /> {t(`kinds.${k}`)}
                </label>
              ))}
            </fieldset>
            <p className="muted small" style={{ margin: 0 }}>
              {t("private")}
            </p>
            <div className="form-actions">
              <button type="submit" className="btn btn-primary" disabled={nav.state === "submitting"} data-testid="check-submit">
                {t("submit")}
              </button>
              {live.state !== "idle" && <span className="muted small">{t("checking")}</span>}
            </div>
          </Form>
        </section>
        <section className="stack" aria-live="polite" aria-labelledby="check-results-title" data-testid="check-results">
          <h2 id="check-results-title" style={{ margin: 0 }}>
            {t("results")}
          </h2>
          {answer ? <CheckResults answer={answer} t={t} td={td} locale={locale} /> : <p className="card empty">{t("hint")}</p>}
        </section>
      </div>
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
