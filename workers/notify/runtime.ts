/**
 * What the alert processors share (docs/alerts.md): the database, the notify and webhooks queues,
 * the mailer (none without SMTP_URL: no email deliveries are planned), the signing secret of
 * unsubscribe links, the webhook transport policy, and the grouping and retry timings.
 */
import type { Queue } from "bullmq";
import type { Db } from "../../db/client";
import type { PostPolicy } from "../../connectors/guarded-post";
import type { Grouping } from "../../db/alerts/mails";
import type { Logger } from "../deps";
import type { Mailer } from "./mailer";

export interface NotifyOptions {
  /** SMTP_URL; unset: alerts go to webhooks only. */
  smtpUrl?: string;
  /** MAIL_FROM. */
  mailFrom: string;
  /** PUBLIC_URL (links in emails and webhook bodies). */
  publicUrl: string;
  /** Signs one-click unsubscribe links (SESSION_SECRET). */
  unsubscribeSecret: string;
  /** Opens hook secrets (AMANAH_CREDENTIALS_KEY); unset: deliveries fail with that reason. */
  sealKey?: Buffer | string;
  /** Where hooks may post (the outbound guard, https only outside the demo and tests). */
  hookPolicy: PostPolicy;
  grouping: Grouping;
  /** How often the dispatcher looks for new events (it also runs after each beat). */
  dispatchEveryMs: number;
  hookTimeoutMs: number;
  /** A hook failing this long is disabled; a delivery this old gives up. */
  hookGiveUpMs: number;
  /** First retry delay of a hook delivery (doubling, at most an hour). */
  hookRetryBaseMs: number;
  hookRetryCapMs: number;
}

/** The notify queue's job names (one queue for events, emails and the digest). */
export const NOTIFY_JOBS = { event: "event", mail: "mail", digest: "digest" } as const;
export const DIGEST_SCHEDULER = "notify-digest";

export interface NotifyRuntime {
  db: Db;
  clock: () => number;
  log: Logger;
  notify: Queue;
  webhooks: Queue;
  mailer: Mailer | null;
  opts: NotifyOptions;
}

export const DEFAULT_NOTIFY_TIMINGS = {
  grouping: { gatherMs: 2_000, windowMs: 5 * 60_000 },
  dispatchEveryMs: 500,
  hookTimeoutMs: 10_000,
  hookGiveUpMs: 24 * 3600_000,
  hookRetryBaseMs: 30_000,
  hookRetryCapMs: 3600_000,
} as const;
