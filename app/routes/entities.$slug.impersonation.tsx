import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { bahrainDay } from "../../core/calendar";
import { displayHandle } from "../../core/handles";
import { canEditEntity, canReview, requireEntityAccess, requireReviewer } from "~/lib/permissions.server";
import { CANDIDATE_VIEWS, type CandidateView } from "../../core/enums";
import { ALERT_THRESHOLD, decide, impersonationPage, parseCandidateDecision } from "~/lib/impersonation.server";
import { useLocale, useT } from "~/lib/i18n";
import { Ltr, formatDate, formatDateTime, formatNumber } from "~/lib/format";

/** Look-alike accounts the watch found for an entity, and their review (docs/impersonation.md). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, entity } = await requireEntityAccess(request, params.slug ?? "");
  const v = new URL(request.url).searchParams.get("view");
  const view: CandidateView = (CANDIDATE_VIEWS as readonly string[]).includes(v ?? "") ? (v as CandidateView) : "open";
  const page = impersonationPage(entity.id, view);
  const rows = page.rows.map((c) => ({
    id: c.id,
    platform: c.platform,
    handle: displayHandle(c.platform, c.handle),
    displayName: c.displayName,
    bio: c.bio,
    // Only web links are rendered as links: a platform's value is untrusted.
    profileUrl: c.profileUrl && /^https?:\/\//i.test(c.profileUrl) ? c.profileUrl : null,
    score: c.score,
    reasons: JSON.parse(c.reasons) as { code: string; weight: number; detail?: string }[],
    status: c.status,
    firstSeenAt: c.firstSeenAt,
    imitates: c.imitatesHandle && c.imitatesPlatform ? displayHandle(c.imitatesPlatform, c.imitatesHandle) : null,
    decidedBy: c.decidedBy,
    decidedAt: c.decidedAt,
    reportedOn: c.reportedOn,
    note: c.note,
  }));
  const lastRun = page.lastRun ? { ...page.lastRun, notes: JSON.parse(page.lastRun.notes) as string[] } : null;
  return json({ slug: entity.slug, view, rows, counts: page.counts, lastRun, threshold: ALERT_THRESHOLD, canReview: canReview(user, entity.id), today: bahrainDay(Date.now()) });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { entity } = await requireEntityAccess(request, params.slug ?? "");
  const user = await requireReviewer(request, entity.id);
  const now = Date.now();
  const { id, decision } = parseCandidateDecision(await request.formData(), bahrainDay(now));
  const r = decide(user, entity.id, id, decision, now);
  if (r === "changed") return json({ ok: false as const, error: "changed" }, { status: 409 });
  if (decision.status === "ours" && canEditEntity(user, entity.id)) {
    // "Ours": the registry form, pre-filled; an editor saves it (and the account stops being a candidate).
    const q = new URLSearchParams({ platform: r.platform, handle: r.handle, from: "impersonation" });
    return redirect(`/entities/${entity.slug}/accounts/new?${q}`);
  }
  return json({ ok: true as const, decided: decision.status });
}

export default function Impersonation() {
  const { slug, view, rows, counts, lastRun, threshold, canReview, today } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT("impersonation");
  const tc = useT("common");
  const locale = useLocale();
  return (
    <section className="stack" aria-labelledby="imp-title">
      <div className="toolbar">
        <h2 id="imp-title" style={{ margin: 0 }}>
          {t("title")}
        </h2>
      </div>
      <p className="muted">{t("intro", { threshold: formatNumber(threshold, locale) })}</p>
      <ul className="meta" data-testid="imp-counts">
        <li>{t("counts.suspected", { n: formatNumber(counts.suspected, locale) })}</li>
        <li>{t("counts.low", { n: formatNumber(counts.low, locale) })}</li>
        <li>{t("counts.impostor", { n: formatNumber(counts.impostor, locale) })}</li>
        <li>{t("counts.benign", { n: formatNumber(counts.benign, locale) })}</li>
        <li>{t("counts.ours", { n: formatNumber(counts.ours, locale) })}</li>
      </ul>
      <p className="alert alert-info" data-testid="facebook-note">
        {t("facebookNote")}
      </p>
      {lastRun ? (
        <p className="small muted" data-testid="last-run">
          {t("lastRun", { when: formatDateTime(lastRun.startedAt, locale), outcome: t(`outcome.${lastRun.outcome}`), found: formatNumber(lastRun.found, locale) })}
          {lastRun.notes.filter((n) => !n.startsWith("facebook:")).length > 0 && <> · <Ltr>{lastRun.notes.filter((n) => !n.startsWith("facebook:")).join(", ")}</Ltr></>}
        </p>
      ) : (
        <p className="small muted">{t("neverRun")}</p>
      )}
      {data && !data.ok && <p className="alert alert-error" role="alert">{t("changed")}</p>}
      {data && data.ok && <p className="alert alert-info" role="status">{t(`decided.${data.decided}`)}</p>}
      <nav className="filters" aria-label={t("views")}>
        {CANDIDATE_VIEWS.map((v) => (
          <Link key={v} to={`?view=${v}`} aria-current={v === view ? "page" : undefined} className={v === view ? "btn btn-primary" : "btn"}>
            {t(`view.${v}`)}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <p data-testid="imp-empty">{t("empty")}</p>
      ) : (
        <div className="table-wrap">
          <table className="data" data-testid="imp-table">
            <thead>
              <tr>
                <th>{t("col.account")}</th>
                <th>{t("col.score")}</th>
                <th>{t("col.reasons")}</th>
                <th>{t("col.imitates")}</th>
                <th>{t("col.firstSeen")}</th>
                <th>{t("col.decision")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.id} data-testid="imp-row" data-handle={c.handle}>
                  <td>
                    <div className="small muted">{tc(`platform.${c.platform}`)}</div>
                    {c.profileUrl ? (
                      <a href={c.profileUrl} rel="noopener noreferrer nofollow" target="_blank">
                        <Ltr>{c.handle}</Ltr>
                      </a>
                    ) : (
                      <Ltr>{c.handle}</Ltr>
                    )}
                    {c.displayName && <div dir="auto">{c.displayName}</div>}
                    {c.bio && (
                      <div dir="auto" className="small muted">
                        {c.bio}
                      </div>
                    )}
                  </td>
                  <td>
                    <span className={`pill ${c.score >= threshold ? "pill-bad" : ""}`}>{formatNumber(c.score, locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</span>
                  </td>
                  <td>
                    <ul className="small" style={{ margin: 0, paddingInlineStart: "1em" }}>
                      {c.reasons.map((r, i) => (
                        <li key={i}>
                          {t(`reason.${r.code}`, { defaultValue: r.code })}
                          {r.detail ? (
                            <>
                              {": "}
                              <bdi>{r.detail}</bdi>
                            </>
                          ) : null}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>{c.imitates ? <Ltr>{c.imitates}</Ltr> : "—"}</td>
                  <td>{formatDate(c.firstSeenAt, locale)}</td>
                  <td>
                    {c.status !== "open" && (
                      <div className="small" data-testid="imp-decision">
                        <strong>{t(`status.${c.status}`)}</strong>
                        {c.reportedOn && <div>{t("reportedOn", { date: formatDate(`${c.reportedOn}T12:00:00Z`, locale) })}</div>}
                        {c.note && <div dir="auto">{c.note}</div>}
                        {c.decidedBy && (
                          <div className="muted">
                            <Ltr>{c.decidedBy}</Ltr>
                          </div>
                        )}
                      </div>
                    )}
                    {canReview && <DecisionForm id={c.id} today={today} />}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="small muted">
        <Link to={`/entities/${slug}/accounts`}>{t("registryLink")}</Link>
      </p>
    </section>
  );
}

function DecisionForm({ id, today }: { id: number; today: string }) {
  const t = useT("impersonation");
  return (
    <details>
      <summary>{t("decide")}</summary>
      <Form method="post" className="stack small">
        <input type="hidden" name="candidate" value={id} />
        <label className="field">
          <span>{t("reportedOnLabel")}</span>
          <input type="date" name="reportedOn" max={today} dir="ltr" />
        </label>
        <label className="field">
          <span>{t("noteLabel")}</span>
          <input name="note" maxLength={1000} dir="auto" />
        </label>
        <div className="form-actions">
          <button className="btn btn-danger" name="decision" value="impostor" type="submit">
            {t("status.impostor")}
          </button>
          <button className="btn" name="decision" value="benign" type="submit">
            {t("status.benign")}
          </button>
          <button className="btn" name="decision" value="ours" type="submit">
            {t("status.ours")}
          </button>
        </div>
      </Form>
    </details>
  );
}
