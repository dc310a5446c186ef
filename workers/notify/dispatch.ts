/**
 * The outbox's movers. The dispatcher hands undispatched events to the notify queue (job id
 * `event-<id>`: a second hand-over of the same event is ignored by BullMQ), then marks them
 * dispatched — a crash in between re-hands them, never loses them. Once a minute the sweeps write
 * the time-driven events (overdue flags, failing fetches) and re-queue work whose job is gone
 * (Redis lost it): events never processed, emails past due, webhook deliveries still pending.
 */
import { BASE_PERIOD } from "../cadence";
import { markDispatched, strandedEvents, sweepFailingFetches, sweepOverdueFlags, undispatchedEvents } from "../../db/alerts/events";
import { pendingHookDeliveries } from "../../db/alerts/hooks";
import { openDigestMail, overdueMails } from "../../db/alerts/mails";
import { digestRecipients } from "../../db/alerts/prefs";
import { digestPeriod } from "../../core/alerts/digest";
import type { AccountClass } from "../../core/enums";
import { enqueueEvents, enqueueHooks, enqueueMails } from "./enqueue";
import type { NotifyRuntime } from "./runtime";

const BATCH = 500;

/** Hands every undispatched event to the queue; returns how many. */
export async function dispatchEvents(rt: NotifyRuntime): Promise<number> {
  let n = 0;
  for (;;) {
    const rows = undispatchedEvents(rt.db, BATCH);
    if (!rows.length) return n;
    const ids = rows.map((r) => r.id);
    await enqueueEvents(rt, ids);
    markDispatched(rt.db, ids, rt.clock());
    n += ids.length;
    if (rows.length < BATCH) return n;
  }
}

/** Runs dispatchEvents every `everyMs` (never two at once); `kick()` runs one now. */
export function startDispatcher(rt: NotifyRuntime, everyMs: number): { kick(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const run = (): Promise<void> =>
    (running ??= dispatchEvents(rt)
      .then((n) => {
        if (n) rt.log.debug({ dispatched: n }, "events dispatched");
      })
      .catch((err: unknown) => rt.log.warn({ err: err instanceof Error ? err.message : String(err) }, "event dispatch failed (retried on the next tick)"))
      .finally(() => {
        running = null;
      }));
  const timer = setInterval(() => {
    if (!stopped) void run();
  }, everyMs);
  timer.unref();
  return {
    kick: run,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}

/** A failing account is one that has not been fetched for three of its class's base periods. */
const quietFor = (accountClass: string) => 3 * (BASE_PERIOD[accountClass as AccountClass] ?? BASE_PERIOD.employee);

/** Jobs still not done this long after they were due are presumed lost (Redis restarted). */
const LOST_AFTER_MS = 2 * 60_000;

/** The once-a-minute sweep: time-driven events, then re-queue lost work. */
export async function notifySweep(rt: NotifyRuntime): Promise<{ overdue: number; failing: number; requeued: number }> {
  const now = rt.clock();
  const overdue = sweepOverdueFlags(rt.db, now);
  const failing = sweepFailingFetches(rt.db, now, quietFor);
  const events = strandedEvents(rt.db, now - LOST_AFTER_MS, BATCH);
  const mails = overdueMails(rt.db, now - LOST_AFTER_MS, BATCH);
  const hooks = pendingHookDeliveries(rt.db, now - LOST_AFTER_MS, BATCH);
  await enqueueEvents(rt, events);
  await enqueueMails(rt, mails);
  await enqueueHooks(rt, hooks);
  return { overdue, failing, requeued: events.length + mails.length + hooks.length };
}

/** The digest job (08:00 Asia/Bahrain, Sunday–Thursday): one email per subscriber, once per slot. */
export async function processDigest(rt: NotifyRuntime): Promise<{ mails: number }> {
  if (!rt.mailer) return { mails: 0 };
  const now = rt.clock();
  const slot = digestPeriod(now);
  const mails = digestRecipients(rt.db)
    .map((userId) => openDigestMail(rt.db, userId, slot, now))
    .filter((id): id is number => id !== null)
    .map((id) => ({ id, sendAt: now }));
  await enqueueMails(rt, mails);
  return { mails: mails.length };
}
