/**
 * Webhooks end to end against a real HTTP receiver (scripts/webhook-receiver.ts): the body and
 * headers of the issue, the signature over the raw body, retries after a 500 and a timeout (same
 * delivery id, same bytes), the delivery log, a hook failing past the give-up window disabled and
 * its owner emailed, per-entity hooks never seeing another entity's events, and the outbound guard.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { seededDb } from "../helpers/db";
import { privateRedisForFile } from "../helpers/redis";
import { startWebhookReceiver, type Receiver, type ReceivedHook } from "../../scripts/webhook-receiver";
import { startMailbox, type Mailbox } from "../../scripts/mailbox";
import type { Db } from "../../db/client";
import type { RunningWorkers } from "../../workers/main";
import { createHook, deliveryLog, hookById } from "../../db/alerts/hooks";
import { sealJson } from "../../core/seal";
import { verifySignature } from "../../core/alerts/webhook";
import type { SessionUser } from "../../core/access";
import { checkPostUrl, guardedPost } from "../../connectors/guarded-post";
import { OutboundRefused } from "../../connectors/net-guard";
import { addPost, entitiesWithAccounts, flagPost, PUBLIC_URL, sleep, startAlertWorkers, userByEmail, type TestEntity } from "./harness";

const redis = privateRedisForFile();
const KEY = randomBytes(32);
const GIVE_UP_MS = 3_000;

let db: Db;
let receiver: Receiver;
let mailbox: Mailbox;
let workers: RunningWorkers;
let A: TestEntity;
let B: TestEntity;
const secrets = new Map<string, string>();

function sessionUser(email: string): SessionUser {
  const u = userByEmail(db, email);
  return { id: u.id, email: u.email, name: email, role: u.role as SessionUser["role"], entityId: u.entityId, locale: "ar" };
}

function addHook(owner: SessionUser, entityId: number | null, name: string): number {
  const secret = `whsec_${name}_${randomBytes(8).toString("hex")}`;
  secrets.set(name, secret);
  return createHook(db, owner, { entityId, url: `${receiver.url}?h=${name}`, description: name, secretSealed: sealJson({ secret }, KEY) });
}

const hookName = (h: ReceivedHook) => new URL(`http://x${h.path}`).searchParams.get("h") ?? "";
const of = (name: string) => receiver.hooks.filter((h) => hookName(h) === name);
const json = (h: ReceivedHook) => JSON.parse(h.raw.toString("utf8")) as Record<string, unknown>;

beforeAll(async () => {
  ({ db } = await seededDb("alerts-hooks"));
  [A, B] = entitiesWithAccounts(db, 2);
  mailbox = await startMailbox();
  receiver = await startWebhookReceiver({
    reply: ({ path, delivery, attempt }) => {
      const name = new URL(`http://x${path}`).searchParams.get("h") ?? "";
      if (name === "dead") return { status: 503 };
      // The flaky hook: a 500, then no answer (the sender times out), then accepted.
      if (name === "flaky" && delivery) return attempt === 1 ? { status: 500 } : attempt === 2 ? { hang: true } : { status: 204 };
      return { status: 200 };
    },
  });
  workers = await startAlertWorkers(db, redis.url, {
    smtpUrl: mailbox.url,
    sealKey: KEY,
    hookPolicy: { allowPrivate: true, allowedPorts: [receiver.port], requireHttps: false },
    hookTimeoutMs: 400,
    hookRetryBaseMs: 150,
    hookRetryCapMs: 600,
    hookGiveUpMs: GIVE_UP_MS,
  });
});

afterAll(async () => {
  await workers?.close();
  await receiver?.close();
  await mailbox?.close();
});

describe("webhooks", () => {
  it("posts every event of the hook's scope, signed, with the issue's body and headers; an entity's hook never sees another entity", async () => {
    const dirA = sessionUser(`director@${A.slug}.demo.local`);
    const dirB = sessionUser(`director@${B.slug}.demo.local`);
    const admin = sessionUser("csb-admin@demo.local");
    addHook(dirA, A.id, "a");
    addHook(dirB, B.id, "b");
    addHook(admin, null, "global");

    const postA = addPost(db, A.accountId, `<b>hostile</b> "text" of A`);
    const flagA = flagPost(db, A, postA, "hate.incitement");
    const flagB = flagPost(db, B, addPost(db, B.accountId, "an email address in a post of B"), "pd.email"); // medium: webhooks get it too
    await receiver.waitFor(() => of("a").length >= 1 && of("b").length >= 1 && of("global").length >= 2, 15_000);
    await sleep(800);

    expect(of("a").map((h) => (json(h).flag as { id: number }).id)).toEqual([flagA]);
    expect(of("b").map((h) => (json(h).flag as { id: number }).id)).toEqual([flagB]);
    expect(of("global").map((h) => (json(h).flag as { id: number }).id).sort((x, y) => x - y)).toEqual([flagA, flagB].sort((x, y) => x - y));

    for (const name of ["a", "b", "global"]) for (const h of of(name)) expect(verifySignature(secrets.get(name)!, h.raw, h.headers["x-amanah-signature"] as string)).toBe(true);
    // A signature under another hook's secret does not hold.
    expect(verifySignature(secrets.get("b")!, of("a")[0].raw, of("a")[0].headers["x-amanah-signature"] as string)).toBe(false);

    const h = of("a")[0];
    expect(h.headers["x-amanah-event"]).toBe("flag.created");
    expect(h.headers["x-amanah-delivery"]).toMatch(/\S{8,}/);
    expect(h.headers["content-type"]).toMatch(/^application\/json/);
    const body = json(h);
    expect(Object.keys(body)).toEqual(expect.arrayContaining(["id", "event", "occurredAt", "entity", "flag", "post", "url"]));
    expect(body.event).toBe("flag.created");
    expect(body.entity).toEqual({ slug: A.slug, nameAr: A.nameAr, nameEn: A.nameEn });
    expect((body.post as { text: string }).text).toBe(`<b>hostile</b> "text" of A`); // verbatim: JSON, not HTML
    expect(body.url).toBe(`${PUBLIC_URL}/review?flag=${flagA}`);
    expect(new Date(String(body.occurredAt)).toISOString()).toBe(body.occurredAt);
    // The same event to two hooks: one event id, two delivery ids.
    const g = of("global").find((x) => (json(x).flag as { id: number }).id === flagA)!;
    expect(json(g).id).toBe(body.id);
    expect(g.headers["x-amanah-delivery"]).not.toBe(h.headers["x-amanah-delivery"]);
  });

  it("retries after a 500 and a timeout with the same delivery id and bytes, and logs each attempt", async () => {
    const dirA = sessionUser(`director@${A.slug}.demo.local`);
    const hookId = addHook(dirA, A.id, "flaky");
    const flag = flagPost(db, A, addPost(db, A.accountId, "flaky one"), "pd.cpr");
    await receiver.waitFor(() => of("flaky").some((h) => h.status === 204), 15_000, "the third attempt");
    const got = of("flaky");
    expect(got.map((h) => h.status)).toEqual([500, null, 204]);
    expect(new Set(got.map((h) => h.headers["x-amanah-delivery"])).size).toBe(1);
    expect(new Set(got.map((h) => h.raw.toString("base64"))).size).toBe(1);
    expect((json(got[0]).flag as { id: number }).id).toBe(flag);
    for (const h of got) expect(verifySignature(secrets.get("flaky")!, h.raw, h.headers["x-amanah-signature"] as string)).toBe(true);
    // Backed off between attempts (150 ms doubling, jittered), not hammered.
    expect(got[1].at - got[0].at).toBeGreaterThanOrEqual(100);

    await sleep(300);
    const [row] = deliveryLog(db, hookId);
    expect(row).toMatchObject({ status: "sent", attempts: 3, responseCode: 204 });
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
    expect(hookById(db, hookId)?.failingSince).toBeNull();
  });

  it("disables a hook failing for the give-up window, audits it and emails its owner", async () => {
    const dirB = sessionUser(`director@${B.slug}.demo.local`);
    const hookId = addHook(dirB, B.id, "dead");
    flagPost(db, B, addPost(db, B.accountId, "dead hook post"), "pd.email");
    const deadline = Date.now() + GIVE_UP_MS + 12_000;
    while (hookById(db, hookId)?.disabledAt == null && Date.now() < deadline) await sleep(100);
    const hook = hookById(db, hookId)!;
    expect(hook.disabledAt).not.toBeNull();
    expect(hook.disabledReason).toMatch(/HTTP 503/);
    expect(of("dead").length).toBeGreaterThanOrEqual(2);
    const audit = db.$client.prepare<[string], { action: string }>(`SELECT action FROM audit_log WHERE target_type = 'webhook' AND target_id = ? ORDER BY id DESC LIMIT 1`).get(String(hookId));
    expect(audit?.action).toBe("webhook.disable");
    const isNotice = (m: (typeof mailbox.messages)[number]) => m.envelopeTo.includes(dirB.email) && m.parsed?.headerLines.some((l) => l.key === "x-amanah-mail" && l.line.includes("hook_disabled"));
    const until = Date.now() + 10_000;
    while (!mailbox.messages.some(isNotice) && Date.now() < until) await sleep(100);
    const notice = mailbox.messages.find(isNotice);
    expect(notice).toBeDefined();
    expect(String(notice!.parsed!.html)).toContain(`h=dead`);
    // Disabled: new events are not posted to it.
    const before = of("dead").length;
    flagPost(db, B, addPost(db, B.accountId, "after disable"), "pd.email");
    await receiver.waitFor(() => of("b").length >= 3, 10_000);
    await sleep(500);
    expect(of("dead").length).toBe(before);
  });

  it("the outbound guard: https only unless allowed, no private or metadata addresses, checked again at delivery", async () => {
    const strict = { requireHttps: true };
    expect(await checkPostUrl("http://example.com/hook", strict, { dns: false })).toMatchObject({ ok: false, reason: "scheme" });
    expect(await checkPostUrl("https://127.0.0.1/hook", strict)).toMatchObject({ ok: false });
    expect(await checkPostUrl("https://169.254.169.254/latest/meta-data", { ...strict, allowPrivate: true })).toMatchObject({ ok: false });
    expect(await checkPostUrl("https://10.1.2.3/hook", strict)).toMatchObject({ ok: false });
    // At delivery: the receiver is on loopback, which the production policy refuses without connecting.
    const before = receiver.hooks.length;
    await expect(guardedPost(receiver.url, "{}", {}, { requireHttps: false, allowedPorts: [receiver.port] }, { timeoutMs: 1_000 })).rejects.toBeInstanceOf(OutboundRefused);
    expect(receiver.hooks.length).toBe(before);
  });
});
