/**
 * An email's job: claim it, read what it carries, check again that the recipient may see each
 * event (a person can change entity or be disabled while an alert waits) and still wants it,
 * render it in their language and send it. A carried event they may no longer see is dropped
 * from the email (its delivery skipped); an email left with nothing to say is not sent.
 */
import { canSeeEntity, isCsb } from "../../core/access";
import { unsubscribePath } from "../../core/alerts/unsubscribe";
import type { UnsubscribeKind, Recipient } from "../../core/alerts/prefs";
import type { MailKind, Severity } from "../../core/enums";
import { hookRecord } from "../../db/alerts/hooks";
import { claimMail, mailEventIds, markMailFailed, markMailSent, markMailSkipped, noteMailError, skipMailDeliveries, type MailRow } from "../../db/alerts/mails";
import { recipientById } from "../../db/alerts/prefs";
import { digestCounts, digestTopEvents, eventDetails, type EventDetail } from "../../db/alerts/read";
import { entityName } from "../../db/read/entities";
import { mailMessageId } from "./mailer";
import { mailItem } from "./mail/items";
import { renderAlertMail, renderDigestMail, renderHookDisabledMail, renderReportMail, type DigestEntity, type MailFrame, type RenderedMail } from "./mail/render";
import type { NotifyRuntime } from "./runtime";

/** Alerts listed in full in one email; the rest are counted ("and N more"). */
export const MAX_ITEMS = 200;
/** The digest's "most serious" list. */
export const DIGEST_TOP = 20;

const UNSUBSCRIBE_OF: Record<MailKind, UnsubscribeKind> = { alert: "immediate", digest: "digest", report: "weeklyReport", hook_disabled: "all" };

export type MailOutcome = "sent" | "skipped" | "gone";

function parseData(mail: MailRow): Record<string, unknown> {
  try {
    return JSON.parse(mail.data) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** The events of an email the recipient may still see; the others' deliveries are skipped. */
function visibleEvents(rt: NotifyRuntime, mail: MailRow, user: Recipient): EventDetail[] {
  const carried = mailEventIds(rt.db, mail.id);
  const details = new Map(eventDetails(rt.db, carried.map((c) => c.eventId)).map((d) => [d.id, d]));
  const hidden: number[] = [];
  const out: EventDetail[] = [];
  for (const c of carried) {
    const d = details.get(c.eventId);
    const visible = d && (d.entityId === null ? isCsb(user) : canSeeEntity(user, d.entityId));
    if (d && visible) out.push(d);
    else hidden.push(c.deliveryId);
  }
  skipMailDeliveries(rt.db, hidden, "no longer visible to the recipient");
  return out;
}

function renderFor(rt: NotifyRuntime, mail: MailRow, user: Recipient, frame: MailFrame): RenderedMail | string {
  const publicUrl = rt.opts.publicUrl;
  switch (mail.kind) {
    case "alert": {
      if (!user.prefs.immediate) return "the recipient turned immediate alerts off";
      const events = visibleEvents(rt, mail, user);
      if (!events.length) return "nothing left the recipient may see";
      return renderAlertMail(frame, events.slice(0, MAX_ITEMS).map((e) => mailItem(publicUrl, e)), Math.max(0, events.length - MAX_ITEMS));
    }
    case "report": {
      if (!user.prefs.weeklyReport) return "the recipient turned the weekly report off";
      const [e] = visibleEvents(rt, mail, user);
      if (!e || e.reportId === null || e.weekStart === null) return "nothing left the recipient may see";
      const entity = e.entityId !== null ? { nameAr: e.entityNameAr ?? "", nameEn: e.entityNameEn ?? "" } : null;
      return renderReportMail(frame, { entity, weekStart: e.weekStart, link: `${publicUrl}/reports/${e.reportId}/pdf` });
    }
    case "digest": {
      if (!user.prefs.digest) return "the recipient turned the digest off";
      const data = parseData(mail);
      const from = Number(data.from);
      const to = Number(data.to);
      const day = String(data.day ?? "");
      const scope = isCsb(user) ? (user.prefs.allEntities ? null : user.prefs.entityIds) : user.entityId === null ? [] : [user.entityId];
      const counts = digestCounts(rt.db, from, to, scope);
      if (!counts.length) return "nothing happened in the period";
      const byEntity = new Map<number, DigestEntity>();
      for (const c of counts) {
        const e = byEntity.get(c.entityId) ?? { entity: { id: c.entityId, slug: c.slug, nameAr: c.nameAr, nameEn: c.nameEn }, newBySeverity: {}, overdue: 0, accounts: 0, failing: 0 };
        if (c.type === "flag.created" && c.severity) e.newBySeverity[c.severity as Severity] = (e.newBySeverity[c.severity as Severity] ?? 0) + c.n;
        else if (c.type === "flag.overdue") e.overdue += c.n;
        else if (c.type === "account.vanished" || c.type === "account.renamed") e.accounts += c.n;
        else if (c.type === "fetch.failing") e.failing += c.n;
        byEntity.set(c.entityId, e);
      }
      const top = digestTopEvents(rt.db, from, to, scope, DIGEST_TOP).map((e) => mailItem(publicUrl, e));
      return renderDigestMail(frame, { day, from, to, entities: [...byEntity.values()], top });
    }
    case "hook_disabled": {
      const hook = hookRecord(rt.db, Number(parseData(mail).hookId));
      if (!hook || hook.disabledAt === null) return "the webhook is enabled again";
      const entity = hook.entityId !== null ? (entityName(rt.db, hook.entityId) ?? null) : null;
      return renderHookDisabledMail(frame, { url: hook.url, since: hook.failingSince ?? hook.disabledAt, reason: hook.disabledReason, entity });
    }
  }
}

/** Sends one email (a job of the notify queue). `finalAttempt`: a failure now is the last one. */
export async function processMail(rt: NotifyRuntime, mailId: number, finalAttempt: boolean): Promise<MailOutcome> {
  const mail = claimMail(rt.db, mailId);
  if (!mail) return "gone"; // sent, skipped or failed already
  if (!rt.mailer) {
    markMailSkipped(rt.db, mail.id, "SMTP_URL is not set");
    return "skipped";
  }
  const user = recipientById(rt.db, mail.userId);
  if (!user) {
    markMailSkipped(rt.db, mail.id, "the recipient is disabled");
    return "skipped";
  }
  const unsubscribeUrl = `${rt.opts.publicUrl}${unsubscribePath(rt.opts.unsubscribeSecret, { userId: user.id, kind: UNSUBSCRIBE_OF[mail.kind] })}`;
  const frame: MailFrame = { locale: user.locale, recipientName: user.name, publicUrl: rt.opts.publicUrl, unsubscribeUrl };
  const rendered = renderFor(rt, mail, user, frame);
  if (typeof rendered === "string") {
    markMailSkipped(rt.db, mail.id, rendered);
    return "skipped";
  }
  try {
    await rt.mailer.send({
      to: { name: user.name, address: user.email },
      ...rendered,
      messageId: mailMessageId(mail, rt.opts.publicUrl),
      unsubscribeUrl,
      locale: user.locale,
      kind: mail.kind,
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    if (finalAttempt) markMailFailed(rt.db, mail.id, message);
    else noteMailError(rt.db, mail.id, message);
    throw err;
  }
  markMailSent(rt.db, mail.id, rt.clock());
  return "sent";
}
