/**
 * An event's job: who gets it (the recipient rules of core/alerts/prefs.ts over the users who may
 * see its entity; the hooks of its entity and the global ones), written once as deliveries, then
 * the emails and webhook posts queued. A retry finds the deliveries written and only re-queues.
 */
import { wantsImmediately, wantsReport, type EventFacts } from "../../core/alerts/prefs";
import { eventWork, recordDeliveries } from "../../db/alerts/mails";
import { candidateRecipients } from "../../db/alerts/prefs";
import { hooksForEvent } from "../../db/alerts/hooks";
import { eventFacts } from "../../db/alerts/read";
import { enqueueHooks, enqueueMails } from "./enqueue";
import type { NotifyRuntime } from "./runtime";

export async function processEvent(rt: NotifyRuntime, eventId: number): Promise<{ emails: number; hooks: number }> {
  const facts: EventFacts | undefined = eventFacts(rt.db, eventId);
  if (!facts) return { emails: 0, hooks: 0 };
  const people = rt.mailer ? candidateRecipients(rt.db, facts.entityId) : [];
  const plan = {
    alertTo: people.filter((u) => wantsImmediately(u, facts)).map((u) => u.id),
    reportTo: people.filter((u) => wantsReport(u, facts)).map((u) => u.id),
    hookIds: hooksForEvent(rt.db, facts.entityId),
  };
  recordDeliveries(rt.db, eventId, plan, rt.clock(), rt.opts.grouping);
  const work = eventWork(rt.db, eventId);
  await enqueueMails(rt, work.mails);
  await enqueueHooks(rt, work.hookDeliveries);
  return { emails: plan.alertTo.length + plan.reportTo.length, hooks: plan.hookIds.length };
}
