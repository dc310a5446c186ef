/**
 * The alert side of the workers (docs/alerts.md): options from the configuration, the processors
 * of the `notify` queue (events, emails, the digest) and of the `webhooks` queue, and the digest's
 * job scheduler.
 */
import type { Job, Queue } from "bullmq";
import { config, publicUrl } from "../../core/config";
import { CREDENTIALS_KEY_ENV } from "../../core/seal";
import { DIGEST_PATTERN, DIGEST_TZ } from "../../core/alerts/digest";
import { hookRetryDelayMs } from "../../core/alerts/webhook";
import { postPolicyFromEnv } from "../../connectors/guarded-post";
import { sessionSecret } from "../../db/session-secret";
import type { EventJobData, HookJobData, MailJobData } from "./enqueue";
import { processEvent } from "./event";
import { processDigest } from "./dispatch";
import { processHook } from "./send-hook";
import { processMail } from "./send-mail";
import { DEFAULT_NOTIFY_TIMINGS, DIGEST_SCHEDULER, NOTIFY_JOBS, type NotifyOptions, type NotifyRuntime } from "./runtime";

export { startDispatcher, notifySweep, dispatchEvents } from "./dispatch";
export { smtpMailer } from "./mailer";
export type { NotifyOptions, NotifyRuntime } from "./runtime";

/** The options from SMTP_URL, MAIL_FROM, PUBLIC_URL, SESSION_SECRET, AMANAH_CREDENTIALS_KEY and WEBHOOK_*; `over` wins. */
export function notifyOptions(over: Partial<NotifyOptions> = {}, env: Record<string, string | undefined> = process.env): NotifyOptions {
  const cfg = config();
  return {
    smtpUrl: cfg.SMTP_URL,
    mailFrom: cfg.MAIL_FROM,
    publicUrl: publicUrl(cfg),
    unsubscribeSecret: over.unsubscribeSecret ?? sessionSecret(),
    sealKey: env[CREDENTIALS_KEY_ENV]?.trim() || undefined,
    hookPolicy: postPolicyFromEnv("WEBHOOK", env),
    ...DEFAULT_NOTIFY_TIMINGS,
    ...over,
  };
}

/** The webhooks queue's retry delays: 30 s doubling to an hour, jittered (the job's attempt count). */
export function hookBackoff(opts: Pick<NotifyOptions, "hookRetryBaseMs" | "hookRetryCapMs">): (attemptsMade: number) => number {
  return (attemptsMade) => hookRetryDelayMs(attemptsMade, { baseMs: opts.hookRetryBaseMs, capMs: opts.hookRetryCapMs });
}

export function notifyProcessor(rt: NotifyRuntime): (job: Job) => Promise<unknown> {
  return async (job: Job) => {
    switch (job.name) {
      case NOTIFY_JOBS.event:
        return processEvent(rt, (job.data as EventJobData).eventId);
      case NOTIFY_JOBS.mail: {
        const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return { outcome: await processMail(rt, (job.data as MailJobData).mailId, final) };
      }
      case NOTIFY_JOBS.digest:
        return processDigest(rt);
      default:
        throw new Error(`notify: unknown job "${job.name}"`);
    }
  };
}

export function webhookProcessor(rt: NotifyRuntime): (job: Job) => Promise<unknown> {
  return async (job: Job) => ({ outcome: await processHook(rt, (job.data as HookJobData).deliveryId) });
}

/** The daily digest, 08:00 Asia/Bahrain, Sunday–Thursday (created only when missing). */
export async function ensureDigestScheduler(notify: Pick<Queue, "getJobScheduler" | "upsertJobScheduler">): Promise<void> {
  if (await notify.getJobScheduler(DIGEST_SCHEDULER)) return;
  await notify.upsertJobScheduler(DIGEST_SCHEDULER, { pattern: DIGEST_PATTERN, tz: DIGEST_TZ }, { name: NOTIFY_JOBS.digest, opts: { removeOnComplete: 30, removeOnFail: 30 } });
}
