/**
 * A webhook delivery's job: the body (built once and kept, so every attempt sends the same bytes
 * under the same X-Amanah-Delivery), signed with the hook's secret, POSTed through the outbound
 * guard. A 2xx is delivered; anything else (another status, a timeout, a refused address) is
 * logged and retried with backoff until the give-up window; a hook failing that long is disabled
 * and its owner emailed.
 */
import { UnrecoverableError } from "bullmq";
import { guardedPost } from "../../connectors/guarded-post";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signBody } from "../../core/alerts/webhook";
import { openJson } from "../../core/seal";
import { hookDelivery, recordHookFailure, recordHookSuccess, saveHookBody, skipDelivery, type AttemptOutcome } from "../../db/alerts/hooks";
import { eventDetail } from "../../db/alerts/read";
import { enqueueMails } from "./enqueue";
import { webhookBody } from "./hook-body";
import type { NotifyRuntime } from "./runtime";

export type HookOutcome = "sent" | "skipped" | "gone";

function hookSecret(rt: NotifyRuntime, sealed: string): string {
  if (!rt.opts.sealKey) throw new Error("AMANAH_CREDENTIALS_KEY is not set: the hook's secret cannot be opened");
  const secret = openJson(sealed, rt.opts.sealKey).secret;
  if (typeof secret !== "string" || !secret) throw new Error("the hook's sealed secret holds no secret");
  return secret;
}

export async function processHook(rt: NotifyRuntime, deliveryId: number): Promise<HookOutcome> {
  const d = hookDelivery(rt.db, deliveryId);
  if (!d || d.status !== "pending") return "gone";
  if (d.hook.disabledAt !== null) {
    skipDelivery(rt.db, d.id, "webhook disabled");
    return "skipped";
  }
  let body = d.body;
  if (body === null) {
    const e = eventDetail(rt.db, d.eventId);
    if (!e) {
      skipDelivery(rt.db, d.id, "event gone");
      return "skipped";
    }
    body = JSON.stringify(webhookBody(rt.opts.publicUrl, e));
    saveHookBody(rt.db, d.id, body);
  }
  const t0 = performance.now();
  let outcome: AttemptOutcome;
  try {
    const secret = hookSecret(rt, d.hook.secretSealed);
    const res = await guardedPost(
      d.hook.url,
      body,
      { [EVENT_HEADER]: d.eventType, [DELIVERY_HEADER]: d.uid, [SIGNATURE_HEADER]: signBody(secret, body) },
      rt.opts.hookPolicy,
      { timeoutMs: rt.opts.hookTimeoutMs },
    );
    const ok = res.status >= 200 && res.status < 300;
    outcome = { ok, code: res.status, durationMs: res.durationMs, error: ok ? null : `HTTP ${res.status}${res.bodyStart ? `: ${res.bodyStart.slice(0, 200)}` : ""}`, now: rt.clock() };
  } catch (err) {
    outcome = { ok: false, code: null, durationMs: Math.round(performance.now() - t0), error: err instanceof Error ? err.message : String(err), now: rt.clock() };
  }
  if (outcome.ok) {
    recordHookSuccess(rt.db, d, outcome);
    return "sent";
  }
  const r = recordHookFailure(rt.db, d, outcome, rt.opts.hookGiveUpMs);
  if (r.disabled) {
    rt.log.warn({ hookId: d.hook.id, url: d.hook.url }, "webhook disabled after failing for the give-up window");
    if (r.disabled.mailId !== null) await enqueueMails(rt, [{ id: r.disabled.mailId, sendAt: outcome.now }]);
  }
  if (r.gaveUp || r.disabled) throw new UnrecoverableError(`webhook delivery ${d.uid}: ${outcome.error}`);
  throw new Error(`webhook delivery ${d.uid}: ${outcome.error}`);
}
