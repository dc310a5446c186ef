/** A webhook's JSON body from an event's stored details (the shape of docs/alerts.md). Pure. */
import { ruleText } from "../../core/alerts/rule-text";
import type { WebhookBody } from "../../core/alerts/webhook";
import type { EventDetail } from "../../db/alerts/read";
import { eventLink } from "./mail/items";

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function webhookBody(publicUrl: string, e: EventDetail): WebhookBody {
  let data: Record<string, unknown> = {};
  try {
    data = JSON.parse(e.data) as Record<string, unknown>;
  } catch {
    /* an unreadable data column: the body goes without its facts */
  }
  const body: WebhookBody = {
    id: e.uid,
    event: e.type,
    occurredAt: new Date(e.occurredAt).toISOString(),
    entity: e.entitySlug !== null ? { slug: e.entitySlug, nameAr: e.entityNameAr ?? "", nameEn: e.entityNameEn ?? "" } : null,
    url: eventLink(publicUrl, e),
  };
  if (e.flagId !== null && e.ruleId !== null) {
    const t = ruleText(e.ruleId);
    body.flag = {
      id: e.flagId,
      rule: e.ruleId,
      clause: e.clauseId ?? "",
      category: e.category ?? "",
      severity: e.flagSeverity ?? "",
      score: e.score ?? 0,
      status: e.flagStatus ?? "",
      createdAt: iso(e.flagCreatedAt) ?? "",
      title: t.title,
      rationale: t.rationale,
    };
  }
  if (e.postId !== null && e.postText !== null && e.platform && e.handle) {
    body.post = { id: e.postId, platform: e.platform, handle: e.handle, url: e.postUrl, text: e.postText, publishedAt: iso(e.publishedAt) ?? "" };
  }
  if (e.accountId !== null && e.platform && e.handle && e.accountClass && e.accountStatus) {
    body.account = { id: e.accountId, platform: e.platform, handle: e.handle, class: e.accountClass, status: e.accountStatus };
    if (e.type === "account.renamed" || e.type === "account.vanished") Object.assign(body.account, { reason: data.reason ?? null, currentHandle: data.currentHandle ?? null });
    if (e.type === "fetch.failing") Object.assign(body.account, { failures: data.failures ?? null, lastOkAt: typeof data.lastOkAt === "number" ? iso(data.lastOkAt) : null });
  }
  if (e.reportId !== null && e.reportScope && e.weekStart) body.report = { id: e.reportId, scope: e.reportScope, weekStart: e.weekStart, locale: e.reportLocale ?? "ar" };
  return body;
}
