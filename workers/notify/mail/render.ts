/**
 * The four emails, as { subject, html, text }: alerts (one or many events, grouped), the daily
 * digest, the weekly report notice and a disabled webhook's notice. Arabic first: `dir="rtl"`,
 * `lang="ar"`; English for users who chose English. HTML with inline styles (mail clients drop
 * <style> blocks), and a plain-text part saying the same.
 */
import { dateTime, day, num } from "../../../reports/template/fmt";
import type { EventType, Severity } from "../../../core/enums";
import { esc, excerpt, excerptHtml, excerptText, ltr } from "./html";
import type { MailItem } from "./items";
import { fill, PLATFORM_NAMES, STRINGS, type MailLocale, type Strings } from "./strings";

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

export interface MailFrame {
  locale: MailLocale;
  recipientName: string;
  publicUrl: string;
  /** The signed one-click link (also in the List-Unsubscribe header). */
  unsubscribeUrl: string;
}

const SEV_COLORS: Record<Severity, string> = { critical: "#991b1b", high: "#b45309", medium: "#1d4ed8", low: "#475569" };
const FONT = `'IBM Plex Sans Arabic','Segoe UI',Tahoma,Arial,sans-serif`;

const entityName = (l: MailLocale, e: { nameAr: string; nameEn: string } | null) => (e ? (l === "ar" ? e.nameAr : e.nameEn) : "");
const pick = (l: MailLocale, t: { ar: string; en: string }) => (l === "ar" ? t.ar || t.en : t.en || t.ar);

function button(href: string, label: string): string {
  return `<a href="${esc(href)}" style="display:inline-block;background:#0f5132;color:#ffffff;text-decoration:none;padding:8px 14px;border-radius:6px;font-weight:600">${esc(label)}</a>`;
}

/** The page around a body: header, greeting, body, footer with the reason, settings and unsubscribe. */
function layout(f: MailFrame, subject: string, bodyHtml: string, footer: string, unsubscribeLabel: string): string {
  const s = STRINGS[f.locale];
  const dir = f.locale === "ar" ? "rtl" : "ltr";
  const align = f.locale === "ar" ? "right" : "left";
  return `<!doctype html>
<html lang="${f.locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(subject)}</title></head>
<body dir="${dir}" style="margin:0;padding:0;background:#f3f4f6;direction:${dir};text-align:${align};font-family:${FONT};color:#111827;line-height:1.6">
<div dir="${dir}" style="max-width:640px;margin:0 auto;padding:16px">
<div style="padding:12px 0;font-size:20px;font-weight:700;color:#0f5132">أمانة <span style="font-weight:400;color:#6b7280;font-size:14px">Amanah</span></div>
<div style="background:#ffffff;border-radius:8px;padding:20px;border:1px solid #e5e7eb">
<p style="margin:0 0 12px">${esc(fill(s.greeting, { name: f.recipientName }))}</p>
${bodyHtml}
</div>
<div style="padding:12px 4px;font-size:12px;color:#6b7280">
<p style="margin:0 0 6px">${esc(footer)}</p>
<p style="margin:0"><a href="${esc(`${f.publicUrl}/settings/notifications`)}" style="color:#374151">${esc(s.settings)}</a> · <a href="${esc(f.unsubscribeUrl)}" style="color:#374151">${esc(unsubscribeLabel)}</a></p>
</div>
</div>
</body>
</html>`;
}

function textLayout(f: MailFrame, body: string, footer: string, unsubscribeLabel: string): string {
  const s = STRINGS[f.locale];
  return [fill(s.greeting, { name: f.recipientName }), "", body, "", "—", footer, `${s.settings}: ${f.publicUrl}/settings/notifications`, `${unsubscribeLabel}: ${f.unsubscribeUrl}`, ""].join("\n");
}

function headline(s: Strings, l: MailLocale, it: MailItem): { html: string; text: string } {
  const sev = it.severity ? `${s.severity[it.severity]}` : "";
  const color = it.severity ? SEV_COLORS[it.severity] : "#374151";
  const pill = sev ? `<span style="display:inline-block;background:${color};color:#fff;border-radius:999px;padding:0 8px;font-size:12px;margin-inline-end:6px">${esc(sev)}</span>` : "";
  return {
    html: `<div style="font-weight:700">${pill}${esc(s.type[it.type])}</div>`,
    text: `[${sev || "-"}] ${s.type[it.type]}`,
  };
}

function linkLabel(s: Strings, type: EventType): string {
  switch (type) {
    case "flag.created":
    case "flag.overdue":
      return s.openFlag;
    case "account.vanished":
    case "account.renamed":
    case "account.takeover_suspected":
      return s.openAccount;
    case "impersonation.suspected":
      return s.openImpersonation;
    case "fetch.failing":
      return s.openHealth;
    case "report.ready":
      return s.openReport;
  }
}

/** One event as a card (HTML) and a paragraph (text). */
function itemBlock(f: MailFrame, it: MailItem): { html: string; text: string } {
  const l = f.locale;
  const s = STRINGS[l];
  const head = headline(s, l, it);
  const html: string[] = [`<div style="border-top:1px solid #e5e7eb;padding:12px 0">`, head.html];
  const text: string[] = [head.text];
  const meta: [string, string, string][] = []; // label, html value, text value
  if (it.entity) meta.push([s.entity, esc(entityName(l, it.entity)), entityName(l, it.entity)]);
  if (it.account) {
    const platform = PLATFORM_NAMES[l][it.account.platform] ?? it.account.platform;
    meta.push([s.account, `${esc(platform)} · ${ltr(it.account.handle)}`, `${platform} · ${it.account.handle}`]);
  }
  if (it.flag) meta.push([s.raisedAt, esc(dateTime(it.flag.createdAt, l)), dateTime(it.flag.createdAt, l)]);
  for (const [label, vh, vt] of meta) {
    html.push(`<div style="font-size:14px;color:#374151">${esc(label)}: ${vh}</div>`);
    text.push(`${label}: ${vt}`);
  }
  if (it.flag) {
    if (it.post) {
      const parts = excerpt(it.post.text, it.post.spans);
      html.push(
        `<blockquote dir="auto" style="margin:8px 0;padding:8px 12px;background:#f9fafb;border-inline-start:4px solid #d1d5db;white-space:normal;unicode-bidi:plaintext">${excerptHtml(parts)}</blockquote>`,
      );
      text.push(`${s.post}: «${excerptText(parts)}»`);
    } else {
      html.push(`<div style="font-size:14px;color:#374151">${esc(s.bio)}</div>`);
      text.push(s.bio);
    }
    const title = pick(l, it.flag.title);
    const rationale = pick(l, it.flag.rationale);
    html.push(`<div style="font-size:14px">${esc(s.clause)} ${ltr(it.flag.clause)} — ${esc(title)}</div>`);
    text.push(`${s.clause} ${it.flag.clause} — ${title}`);
    if (rationale) {
      html.push(`<blockquote style="margin:6px 0;padding:0 12px;color:#4b5563;font-size:14px;border-inline-start:3px solid #e5e7eb">${esc(s.rationale)}: ${esc(rationale)}</blockquote>`);
      text.push(`${s.rationale}: ${rationale}`);
    }
    if (it.type === "flag.overdue" && it.flag.deadline !== null) {
      const line = fill(s.deadlinePassed, { deadline: dateTime(it.flag.deadline, l) });
      html.push(`<div style="font-size:14px;color:#991b1b">${esc(line)}</div>`);
      text.push(line);
    }
  }
  const sentence = eventSentence(s, l, it);
  if (sentence) {
    html.push(`<div style="font-size:14px;margin-top:6px">${sentence.html}</div>`);
    text.push(sentence.text);
  }
  html.push(`<div style="margin-top:10px">${button(it.link, linkLabel(s, it.type))}</div>`, `</div>`);
  text.push(`${linkLabel(s, it.type)}: ${it.link}`);
  return { html: html.join("\n"), text: text.join("\n") };
}

function eventSentence(s: Strings, l: MailLocale, it: MailItem): { html: string; text: string } | null {
  const f = it.facts;
  switch (it.type) {
    case "account.vanished": {
      const reason = s.reason[f.reason ?? "unknown"] ?? s.reason.unknown;
      const t = fill(s.vanished, { reason });
      return { html: esc(t), text: t };
    }
    case "account.renamed":
      if (f.currentHandle) {
        const [a, b] = s.renamed.split("{handle}");
        return { html: `${esc(a)}${ltr(f.currentHandle)}${esc(b)}`, text: fill(s.renamed, { handle: f.currentHandle }) };
      }
      return { html: esc(s.renamedUnknown), text: s.renamedUnknown };
    case "impersonation.suspected":
      if (f.lookalike) {
        const [a, b] = s.lookalike.split("{handle}");
        const score = num(f.score ?? 0, l, 2);
        return { html: `${esc(a)}${ltr(f.lookalike)}${esc(fill(b, { score }))}`, text: fill(s.lookalike, { handle: f.lookalike, score }) };
      }
      return null;
    case "account.takeover_suspected": {
      const t = fill(s.takeover, { signals: (f.signals ?? []).join(", ") });
      return { html: esc(t), text: t };
    }
    case "fetch.failing": {
      const n = f.failures ?? 0;
      const t = f.lastOkAt ? fill(s.failing, { n: num(n, l), when: dateTime(f.lastOkAt, l) }) : fill(s.failingNever, { n: num(n, l) });
      const err = f.lastError ? `${s.lastError}: ${f.lastError}` : "";
      return { html: `${esc(t)}${err ? `<div dir="auto" style="color:#6b7280;font-size:13px">${esc(err)}</div>` : ""}`, text: err ? `${t}\n${err}` : t };
    }
    default:
      return null;
  }
}

/** Alerts: one event, or a group of them (the rest counted in `more`). */
export function renderAlertMail(f: MailFrame, items: readonly MailItem[], more = 0): RenderedMail {
  const l = f.locale;
  const s = STRINGS[l];
  const total = items.length + more;
  const entities = new Map(items.filter((i) => i.entity).map((i) => [i.entity!.id, i.entity!]));
  const onlyEntity = entities.size === 1 ? [...entities.values()][0] : null;
  const subject =
    total === 1
      ? fill(s.alertSubjectOne, { what: s.type[items[0].type], entity: entityName(l, items[0].entity) || s.product })
      : onlyEntity
        ? fill(s.alertSubjectMany, { n: num(total, l), entity: entityName(l, onlyEntity) })
        : fill(s.alertSubjectManyEntities, { n: num(total, l), m: num(entities.size, l) });
  const intro = total === 1 ? s.alertIntroOne : fill(s.alertIntroMany, { n: num(total, l) });
  const blocks = items.map((it) => itemBlock(f, it));
  const moreLine = more > 0 ? fill(s.more, { n: num(more, l) }) : "";
  const queue = `${f.publicUrl}/review${onlyEntity ? `?entity=${encodeURIComponent(onlyEntity.slug)}` : ""}`;
  const bodyHtml = [
    `<p style="margin:0 0 8px">${esc(intro)}</p>`,
    ...blocks.map((b) => b.html),
    moreLine ? `<p style="margin:12px 0 0">${esc(moreLine)}</p>` : "",
    total > 1 ? `<p style="margin:12px 0 0">${button(queue, s.openQueue)}</p>` : "",
  ].join("\n");
  const bodyText = [intro, "", ...blocks.map((b) => b.text + "\n"), moreLine, total > 1 ? `${s.openQueue}: ${queue}` : ""].filter((x) => x !== "").join("\n");
  return { subject, html: layout(f, subject, bodyHtml, s.footerAlert, s.unsubscribe), text: textLayout(f, bodyText, s.footerAlert, s.unsubscribe) };
}

export interface DigestEntity {
  entity: { id: number; slug: string; nameAr: string; nameEn: string };
  newBySeverity: Partial<Record<Severity, number>>;
  overdue: number;
  accounts: number;
  failing: number;
}

export interface DigestView {
  day: string;
  from: number;
  to: number;
  entities: DigestEntity[];
  top: MailItem[];
}

const SEVERITY_ORDER: Severity[] = ["critical", "high", "medium", "low"];

export function renderDigestMail(f: MailFrame, d: DigestView): RenderedMail {
  const l = f.locale;
  const s = STRINGS[l];
  const subject = fill(s.digestSubject, { day: day(d.day, l) });
  const intro = fill(s.digestIntro, { from: dateTime(d.from, l), to: dateTime(d.to, l) });
  const th = (x: string) => `<th style="text-align:start;padding:4px 6px;border-bottom:1px solid #e5e7eb;font-size:13px">${esc(x)}</th>`;
  const td = (x: string) => `<td style="padding:4px 6px;border-bottom:1px solid #f3f4f6;font-size:13px">${x}</td>`;
  const sevCell = (e: DigestEntity) => SEVERITY_ORDER.filter((k) => e.newBySeverity[k]).map((k) => `${s.severity[k]} ${num(e.newBySeverity[k]!, l)}`).join("، ") || "—";
  const rows = d.entities.map(
    (e) => `<tr>${td(esc(entityName(l, e.entity)))}${td(esc(sevCell(e)))}${td(num(e.overdue, l))}${td(num(e.accounts, l))}${td(num(e.failing, l))}</tr>`,
  );
  const table = `<table role="presentation" style="border-collapse:collapse;width:100%;margin:8px 0"><thead><tr>${th(s.entity)}${th(s.digestNew)}${th(s.digestOverdue)}${th(s.digestAccounts)}${th(s.digestFailing)}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
  const blocks = d.top.map((it) => itemBlock(f, it));
  const bodyHtml = [
    `<p style="margin:0 0 8px">${esc(intro)}</p>`,
    table,
    `<h3 style="margin:16px 0 4px;font-size:16px">${esc(s.digestTop)}</h3>`,
    blocks.length ? blocks.map((b) => b.html).join("\n") : `<p>${esc(s.digestNothingUrgent)}</p>`,
    `<p style="margin:12px 0 0">${button(`${f.publicUrl}/review`, s.openQueue)}</p>`,
  ].join("\n");
  const textRows = d.entities.map((e) => `- ${entityName(l, e.entity)}: ${s.digestNew} ${sevCell(e)}; ${s.digestOverdue} ${num(e.overdue, l)}; ${s.digestAccounts} ${num(e.accounts, l)}; ${s.digestFailing} ${num(e.failing, l)}`);
  const bodyText = [intro, "", ...textRows, "", s.digestTop, "", ...(blocks.length ? blocks.map((b) => b.text + "\n") : [s.digestNothingUrgent]), `${s.openQueue}: ${f.publicUrl}/review`].join("\n");
  return { subject, html: layout(f, subject, bodyHtml, s.footerDigest, s.unsubscribe), text: textLayout(f, bodyText, s.footerDigest, s.unsubscribe) };
}

export interface ReportView {
  entity: { nameAr: string; nameEn: string } | null;
  weekStart: string;
  link: string;
}

export function renderReportMail(f: MailFrame, r: ReportView): RenderedMail {
  const l = f.locale;
  const s = STRINGS[l];
  const subjectName = r.entity ? entityName(l, r.entity) : s.reportCsb;
  const subject = fill(s.reportSubject, { subject: subjectName });
  const body = fill(s.reportBody, { subject: subjectName, week: day(r.weekStart, l) });
  const bodyHtml = `<p>${esc(body)}</p><p>${button(r.link, s.openReport)}</p>`;
  return { subject, html: layout(f, subject, bodyHtml, s.footerReport, s.unsubscribe), text: textLayout(f, `${body}\n${s.openReport}: ${r.link}`, s.footerReport, s.unsubscribe) };
}

export interface HookNoticeView {
  url: string;
  since: number;
  reason: string | null;
  entity: { nameAr: string; nameEn: string } | null;
}

export function renderHookDisabledMail(f: MailFrame, h: HookNoticeView): RenderedMail {
  const l = f.locale;
  const s = STRINGS[l];
  const [a, b] = s.hookBody.split("{url}");
  const since = dateTime(h.since, l);
  const scope = h.entity ? fill(s.hookScopeEntity, { entity: entityName(l, h.entity) }) : s.hookScopeGlobal;
  const link = `${f.publicUrl}/settings/webhooks`;
  const bodyHtml = [
    `<p>${esc(a)}${ltr(h.url)}${esc(fill(b, { since }))}</p>`,
    `<p>${esc(scope)}</p>`,
    h.reason ? `<p dir="auto" style="color:#6b7280;font-size:13px">${esc(s.lastError)}: ${esc(h.reason)}</p>` : "",
    `<p>${button(link, s.openHooks)}</p>`,
  ].join("\n");
  const bodyText = [fill(s.hookBody, { url: h.url, since }), scope, h.reason ? `${s.lastError}: ${h.reason}` : "", `${s.openHooks}: ${link}`].filter(Boolean).join("\n");
  return { subject: s.hookSubject, html: layout(f, s.hookSubject, bodyHtml, s.footerHook, s.unsubscribeAll), text: textLayout(f, bodyText, s.footerHook, s.unsubscribeAll) };
}
