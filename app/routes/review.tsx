/**
 * Review queue: open flags with their post, evidence, rule rationale and clause; confirm, dismiss
 * (reason required) or escalate — one at a time, in bulk, or with the keyboard (j/k/c/d/e/x).
 * Every decision writes reviews + audit_log and recomputes the affected rollups in one transaction.
 */
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction, SerializeFrom } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { ACCOUNT_CLASSES, CATEGORIES, PLATFORMS, SEVERITIES } from "../../core/enums";
import { requireUser } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { applyDecision, DecisionError, parseDecision, parseQueueFilters, reviewQueue } from "~/lib/dashboard/review.server";
import { AGES, CLAUSES, ESCALATED, SORTS } from "~/lib/dashboard/options";
import { useLocale, useT, type Locale, type TFn } from "~/lib/i18n";
import { notFound } from "~/lib/http.server";
import { formatDateTime, formatNumber, Ltr } from "~/lib/format";
import { Evidence } from "~/components/dashboard/Evidence";
import { EvidenceFacts } from "~/components/dashboard/EvidenceFacts";
import { FlagBadges } from "~/components/dashboard/Flags";
import dashboardCss from "~/components/dashboard/dashboard.css";
import { displayHandle } from "../../core/handles";
import { PageHead } from "~/components/PageHead";
import { ExportLinks } from "~/components/ExportLinks";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: dashboardCss }];
export const meta: MetaFunction = () => [{ title: "قائمة المراجعة · Review queue — أمانة" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const filters = parseQueueFilters(new URL(request.url));
  return json({ ...reviewQueue(db(), user, filters, Date.now()), filters });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const len = Number(request.headers.get("Content-Length") ?? 0);
  if (len > 64_000) return json({ ok: false as const, error: "request too large" }, { status: 413 });
  let input;
  try {
    input = parseDecision(await request.formData());
  } catch (e) {
    // A 400 from validation is shown on the page, with its message.
    if (e instanceof Response && e.status === 400) return json({ ok: false as const, error: await e.text() }, { status: 400 });
    throw e;
  }
  try {
    const r = applyDecision(db(), user, input);
    return json({ ok: true as const, updated: r.updated, decision: input.decision });
  } catch (e) {
    if (e instanceof DecisionError) {
      // Someone else's flag answers exactly like a missing one.
      if (e.status === 404) notFound();
      return json({ ok: false as const, error: e.message }, { status: e.status });
    }
    throw e;
  }
}

function MultiSelect({ name, values, selected, label, render }: { name: string; values: readonly string[]; selected: readonly string[]; label: string; render: (v: string) => string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} multiple size={Math.min(4, values.length)} defaultValue={[...selected]}>
        {values.map((v) => (
          <option key={v} value={v}>
            {render(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Keyboard shortcuts (documented on the page): j/k move, c confirm, d dismiss (prompt), e escalate, x select. */
function useQueueKeys(t: TFn) {
  const current = useRef(0);
  const tRef = useRef(t);
  tRef.current = t;
  useEffect(() => {
    const items = () => Array.from(document.querySelectorAll<HTMLElement>("[data-queue-item]"));
    const focus = (i: number) => {
      const list = items();
      if (!list.length) return;
      current.current = Math.max(0, Math.min(list.length - 1, i));
      list.forEach((el, k) => el.setAttribute("aria-current", k === current.current ? "true" : "false"));
      list[current.current].scrollIntoView({ block: "nearest" });
      list[current.current].focus({ preventScroll: true });
    };
    const submit = (decision: string, note?: string) => {
      const el = items()[current.current];
      const form = el?.querySelector<HTMLFormElement>("form[data-decision-form]");
      if (!form) return;
      (form.querySelector("input[name=decision]") as HTMLInputElement).value = decision;
      (form.querySelector("input[name=note]") as HTMLInputElement).value = note ?? "";
      form.requestSubmit();
    };
    const onKey = (ev: KeyboardEvent) => {
      const target = ev.target as HTMLElement;
      if (ev.ctrlKey || ev.metaKey || ev.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      if (ev.key === "j") focus(current.current + 1);
      else if (ev.key === "k") focus(current.current - 1);
      else if (ev.key === "c") submit("confirm");
      else if (ev.key === "e") submit("escalate");
      else if (ev.key === "x") {
        const box = items()[current.current]?.querySelector<HTMLInputElement>("input[type=checkbox]");
        if (box) box.checked = !box.checked;
      } else if (ev.key === "d") {
        const reason = window.prompt(tRef.current("prompt"));
        if (reason && reason.trim()) submit("dismiss", reason.trim());
      } else return;
      ev.preventDefault();
    };
    document.addEventListener("keydown", onKey);
    focus(0);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

type QueueData = SerializeFrom<typeof loader>;
type Item = QueueData["items"][number];

function FilterSelect<T extends string>({ name, label, values, selected, option, empty }: { name: string; label: string; values: readonly T[]; selected: string; option: (v: T) => string; empty?: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <select name={name} defaultValue={selected}>
        {empty !== undefined && <option value="">{empty}</option>}
        {values.map((v) => (
          <option key={v} value={v}>
            {option(v)}
          </option>
        ))}
      </select>
    </label>
  );
}

function QueueFilters({ d, open }: { d: Pick<QueueData, "entities" | "filters">; open: boolean }) {
  const t = useT("review");
  const td = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  const f = d.filters;
  return (
    <details className="card" open={open}>
      <summary>{t("filters")}</summary>
      <Form method="get" className="filters" data-testid="queue-filters">
        {d.entities.length > 1 && (
          <MultiSelect name="entity" values={d.entities.map((e) => e.slug)} selected={f.entity} label={t("entity")} render={(s) => {
            const e = d.entities.find((x) => x.slug === s)!;
            return locale === "ar" ? e.nameAr : e.nameEn;
          }} />
        )}
        <MultiSelect name="category" values={CATEGORIES} selected={f.category} label={t("category")} render={(v) => td(`category.${v}`)} />
        <MultiSelect name="severity" values={SEVERITIES} selected={f.severity} label={t("severity")} render={(v) => td(`severity.${v}`)} />
        <MultiSelect name="clause" values={CLAUSES} selected={f.clause} label={t("clause")} render={(v) => v} />
        <MultiSelect name="platform" values={PLATFORMS} selected={f.platform} label={t("platform")} render={(v) => tc(`platform.${v}`)} />
        <MultiSelect name="class" values={ACCOUNT_CLASSES} selected={f.class} label={t("class")} render={(v) => tc(`class.${v}`)} />
        <FilterSelect name="age" label={t("age")} values={AGES} selected={f.age ?? ""} empty={t("ageAny")} option={(a) => t(`age${a}`)} />
        <FilterSelect name="escalated" label={t("escalated")} values={ESCALATED} selected={f.escalated ?? ""} empty="—" option={(a) => t(`escalated${a}`)} />
        <FilterSelect name="sort" label={t("sort")} values={SORTS} selected={f.sort} option={(s) => t(`sort${s}`)} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary">
            {t("apply")}
          </button>
          <Link to="/review" className="btn">
            {t("reset")}
          </Link>
        </div>
      </Form>
    </details>
  );
}

function BulkBar({ t }: { t: TFn }) {
  return (
    <Form method="post" id="bulk" className="bulkbar dash-section" aria-label={t("selected")}>
      <label>
        <input
          type="checkbox"
          onChange={(e) => document.querySelectorAll<HTMLInputElement>("input[form=bulk][name=flag]").forEach((b) => (b.checked = e.currentTarget.checked))}
        />{" "}
        {t("selectAll")}
      </label>
      <button type="submit" name="decision" value="confirm" className="btn">
        {t("bulkConfirm")}
      </button>
      <input name="note" placeholder={t("reason")} aria-label={t("reason")} maxLength={2000} className="dismiss-box-input" />
      <button type="submit" name="decision" value="dismiss" className="btn">
        {t("bulkDismiss")}
      </button>
      <button type="submit" name="decision" value="escalate" className="btn">
        {t("bulkEscalate")}
      </button>
    </Form>
  );
}

/** Confirm, dismiss (with a reason) and, unless already escalated, escalate one flag. */
function DecisionForms({ flag, t }: { flag: Item["flag"]; t: TFn }) {
  return (
    <div className="actions">
      <Form method="post" data-decision-form>
        <input type="hidden" name="flag" value={flag.id} />
        <input type="hidden" name="decision" value="confirm" />
        <input type="hidden" name="note" value="" />
        <button type="submit" className="btn btn-primary" data-testid="confirm">
          {t("confirm")}
        </button>
      </Form>
      <Form method="post" className="dismiss-box">
        <input type="hidden" name="flag" value={flag.id} />
        <input type="hidden" name="decision" value="dismiss" />
        <input name="note" required placeholder={t("reason")} aria-label={t("reason")} maxLength={2000} data-testid="dismiss-note" />
        <button type="submit" className="btn" data-testid="dismiss">
          {t("dismiss")}
        </button>
      </Form>
      {!flag.escalated && (
        <Form method="post">
          <input type="hidden" name="flag" value={flag.id} />
          <input type="hidden" name="decision" value="escalate" />
          <button type="submit" className="btn btn-quiet" data-testid="escalate">
            {t("escalate")}
          </button>
        </Form>
      )}
    </div>
  );
}

function QueueItem({ it, t, td, tc, locale }: { it: Item; t: TFn; td: TFn; tc: TFn; locale: Locale }) {
  return (
    <li className="card flag-card" data-queue-item data-flag-id={it.flag.id} tabIndex={-1} data-testid="queue-item">
      <div className="flag-meta">
        {it.canAct && <input type="checkbox" name="flag" value={it.flag.id} form="bulk" aria-label={`#${it.flag.id}`} />}
        <FlagBadges f={it.flag} locale={locale} t={td} />
      </div>
      <div className="flag-meta muted">
        <Link to={`/entities/${it.entity.slug}`}>{locale === "ar" ? it.entity.nameAr : it.entity.nameEn}</Link>
        <Link to={`/accounts/${it.account.id}`}>
          <Ltr>{displayHandle(it.account.platform, it.account.handle)}</Ltr>
        </Link>
        <span>{tc(`platform.${it.account.platform}`)}</span>
        <span>{tc(`class.${it.account.class}`)}</span>
        <span>{formatDateTime(it.flag.createdAt, locale)}</span>
        {it.overdue ? <span className="pill pill-bad">{t("overdue")}</span> : <span>{t("deadline", { at: formatDateTime(it.deadline, locale) })}</span>}
      </div>
      {it.post ? <Evidence text={it.post.text} spans={it.flag.spans} /> : (
        <>
          <div className="muted small">{t("profileFlag")}</div>
          <Evidence text={it.account.bio ?? ""} spans={it.flag.spans} />
        </>
      )}
      <EvidenceFacts facts={it.facts} t={t} locale={locale} />
      <p className="rationale">
        <strong>{t("rationale")}: </strong>
        {locale === "ar" ? it.flag.rationale.ar : it.flag.rationale.en}
      </p>
      {it.canAct ? <DecisionForms flag={it.flag} t={t} /> : <p className="muted small">{t("readOnly")}</p>}
    </li>
  );
}

function Pager({ page, pages, t, locale }: { page: number; pages: number; t: TFn; locale: Locale }) {
  const [params] = useSearchParams();
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    next.set("page", String(p));
    return `?${next.toString()}`;
  };
  return (
    <nav className="pager" aria-label="pagination">
      {page > 1 && <Link to={pageLink(page - 1)}>{t("prev")}</Link>}
      <span>{t("page", { page: formatNumber(page, locale), pages: formatNumber(pages, locale) })}</span>
      {page < pages && <Link to={pageLink(page + 1)}>{t("next")}</Link>}
    </nav>
  );
}

function ActionResult({ t, locale }: { t: TFn; locale: Locale }) {
  const result = useActionData<typeof action>();
  if (!result) return null;
  return (
    <>
      {"error" in result && (
        <p className="alert alert-error" role="alert" data-testid="action-error">
          {result.error}
        </p>
      )}
      {"updated" in result && (
        <p className="alert alert-ok" role="status" data-testid="action-ok">
          {t("done", { n: formatNumber(result.updated, locale) })}
        </p>
      )}
    </>
  );
}

export default function ReviewQueue() {
  const d = useLoaderData<typeof loader>();
  const t = useT("review");
  const td = useT("dashboard");
  const tc = useT("common");
  const locale = useLocale();
  const nav = useNavigation();
  const [params] = useSearchParams();
  useQueueKeys(t);
  return (
    <main id="main" data-testid="review-queue">
      <PageHead title={t("title")} subtitle={t("subtitle")}>
        <span className="pill pill-brand" data-testid="queue-total">
          {t("total", { n: formatNumber(d.total, locale) })}
        </span>
        <ExportLinks base="/review/export" search={params.size ? `?${params}` : ""} />
      </PageHead>
      <p className="muted kbd-help" data-testid="shortcuts">
        {t("shortcuts")}
      </p>
      <ActionResult t={t} locale={locale} />

      <QueueFilters d={d} open={params.toString() !== ""} />

      {d.items.length === 0 ? (
        <p className="card empty dash-section" data-testid="queue-empty">
          {t("empty")}
        </p>
      ) : (
        <>
          <BulkBar t={t} />
          <ol className="flag-list plain-list" aria-busy={nav.state !== "idle"}>
            {d.items.map((it) => (
              <QueueItem key={it.flag.id} it={it} t={t} td={td} tc={tc} locale={locale} />
            ))}
          </ol>
          <Pager page={d.page} pages={d.pages} t={t} locale={locale} />
        </>
      )}
    </main>
  );
}

export { ErrorBoundary } from "~/components/dashboard/RouteError";
