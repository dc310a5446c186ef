/**
 * Adding alert jobs, always under ids derived from the database rows (`event-<id>`, `mail-<id>`,
 * `hook-<deliveryId>`): BullMQ ignores a job whose id exists, so re-adding after a crash or a lost
 * Redis is harmless, and the processors re-check the rows before acting.
 */
import type { JobsOptions } from "bullmq";
import { BACKOFF_TYPE } from "../queues";
import type { MailDue } from "../../db/alerts/mails";
import { NOTIFY_JOBS, type NotifyRuntime } from "./runtime";

export interface EventJobData {
  eventId: number;
}
export interface MailJobData {
  mailId: number;
}
export interface HookJobData {
  deliveryId: number;
}

export const EVENT_JOB_OPTS: JobsOptions = {
  attempts: 8,
  backoff: { type: BACKOFF_TYPE },
  // Kept a day: a second dispatch of the same event is ignored while the job is remembered.
  removeOnComplete: { age: 24 * 3600, count: 20_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
};
/** Emails: removed when done, so the sweep can re-add one whose job vanished; the row says if it went. */
export const MAIL_JOB_OPTS: JobsOptions = { attempts: 8, backoff: { type: BACKOFF_TYPE }, removeOnComplete: true, removeOnFail: true };
/** Webhooks retry until their give-up window (hookGiveUpMs), not until a count: the count is a ceiling. */
export const HOOK_JOB_OPTS: JobsOptions = { attempts: 500, backoff: { type: BACKOFF_TYPE }, removeOnComplete: true, removeOnFail: true };

export const eventJobId = (id: number) => `event-${id}`;
export const mailJobId = (id: number) => `mail-${id}`;
export const hookJobId = (id: number) => `hook-${id}`;

export async function enqueueEvents(rt: NotifyRuntime, ids: readonly number[]): Promise<void> {
  if (!ids.length) return;
  await rt.notify.addBulk(ids.map((id) => ({ name: NOTIFY_JOBS.event, data: { eventId: id } satisfies EventJobData, opts: { ...EVENT_JOB_OPTS, jobId: eventJobId(id) } })));
}

export async function enqueueMails(rt: NotifyRuntime, mails: readonly MailDue[]): Promise<void> {
  if (!mails.length) return;
  const now = rt.clock();
  await rt.notify.addBulk(
    mails.map((m) => ({ name: NOTIFY_JOBS.mail, data: { mailId: m.id } satisfies MailJobData, opts: { ...MAIL_JOB_OPTS, jobId: mailJobId(m.id), delay: Math.max(0, m.sendAt - now) } })),
  );
}

export async function enqueueHooks(rt: NotifyRuntime, deliveryIds: readonly number[]): Promise<void> {
  if (!deliveryIds.length) return;
  await rt.webhooks.addBulk(deliveryIds.map((id) => ({ name: "hook", data: { deliveryId: id } satisfies HookJobData, opts: { ...HOOK_JOB_OPTS, jobId: hookJobId(id) } })));
}
