/**
 * What an email says about one event: built from the event's stored details (db/alerts/read.ts),
 * with the links the recipient follows. Pure.
 */
import { displayHandle } from "../../../core/handles";
import { ruleText } from "../../../core/alerts/rule-text";
import type { EvidenceSpan, EventType, Severity } from "../../../core/enums";
import type { EventDetail } from "../../../db/alerts/read";

export interface MailItem {
  eventId: number;
  type: EventType;
  severity: Severity | null;
  occurredAt: number;
  entity: { id: number; slug: string; nameAr: string; nameEn: string } | null;
  account: { platform: string; handle: string } | null;
  flag: {
    id: number;
    clause: string;
    title: { ar: string; en: string };
    rationale: { ar: string; en: string };
    createdAt: number;
    deadline: number | null;
  } | null;
  /** The flagged post (untrusted text, escaped when rendered), or null for a profile flag. */
  post: { text: string; spans: EvidenceSpan[] } | null;
  facts: { reason?: string; currentHandle?: string | null; failures?: number; lastOkAt?: number | null; lastError?: string; lookalike?: string; score?: number; signals?: string[] };
  /** Where to look in Amanah (absolute). */
  link: string;
}

function parseObject(json: string | null): Record<string, unknown> {
  try {
    const v = JSON.parse(json ?? "{}") as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function parseSpans(json: string | null): EvidenceSpan[] {
  try {
    const v = JSON.parse(json ?? "[]") as unknown;
    return Array.isArray(v) ? v.filter((s): s is EvidenceSpan => typeof s?.start === "number" && typeof s?.end === "number") : [];
  } catch {
    return [];
  }
}

/** The page an event points to: the flag in the review queue, the account, fetch health, the PDF. */
export function eventLink(publicUrl: string, e: EventDetail): string {
  switch (e.type) {
    case "flag.created":
    case "flag.overdue":
      return `${publicUrl}/review?flag=${e.flagId}`;
    case "account.vanished":
    case "account.renamed":
      return `${publicUrl}/accounts/${e.accountId}`;
    case "fetch.failing":
      return `${publicUrl}/health`;
    case "impersonation.suspected":
      return e.entitySlug ? `${publicUrl}/entities/${e.entitySlug}/impersonation` : `${publicUrl}/entities`;
    case "account.takeover_suspected":
      return `${publicUrl}/accounts/${e.accountId}`;
    case "report.ready":
      return `${publicUrl}/reports/${e.reportId}/pdf`;
  }
}

export function mailItem(publicUrl: string, e: EventDetail): MailItem {
  const data = parseObject(e.data);
  const str = (k: string) => (typeof data[k] === "string" ? (data[k] as string) : undefined);
  const num = (k: string) => (typeof data[k] === "number" ? (data[k] as number) : undefined);
  const text = e.ruleId ? ruleText(e.ruleId) : null;
  return {
    eventId: e.id,
    type: e.type,
    severity: e.severity,
    occurredAt: e.occurredAt,
    entity: e.entityId !== null && e.entitySlug !== null ? { id: e.entityId, slug: e.entitySlug, nameAr: e.entityNameAr ?? "", nameEn: e.entityNameEn ?? "" } : null,
    account: e.platform && e.handle ? { platform: e.platform, handle: displayHandle(e.platform, e.handle) } : null,
    flag:
      e.flagId !== null && text
        ? { id: e.flagId, clause: e.clauseId ?? "", title: text.title, rationale: text.rationale, createdAt: e.flagCreatedAt ?? e.occurredAt, deadline: num("deadline") ?? null }
        : null,
    post: e.postText !== null ? { text: e.postText, spans: parseSpans(e.spans) } : null,
    facts: {
      reason: str("reason"),
      currentHandle: str("currentHandle") ?? null,
      failures: num("failures"),
      lastOkAt: num("lastOkAt") ?? null,
      lastError: str("lastError"),
      // impersonation.suspected: the look-alike's handle and score; account.takeover_suspected: its signals.
      lookalike: e.type === "impersonation.suspected" && str("handle") && str("platform") ? displayHandle(str("platform")!, str("handle")!) : undefined,
      score: num("score"),
      signals: Array.isArray(data.signals) ? data.signals.filter((s): s is string => typeof s === "string") : undefined,
    },
    link: eventLink(publicUrl, e),
  };
}
