/**
 * No duplicate webhook delivery on a worker crash: the workers run as a child process
 * (`tsx workers/main.ts`), are killed with SIGKILL while the receiver holds deliveries open, and are
 * started again. The stalled jobs come back after their lock expires; the receiver sees every
 * delivery id, each once or, when resent, with the same id and the same signed bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { seededDb } from "../helpers/db";
import { privateRedisForFile } from "../helpers/redis";
import { startWebhookReceiver, type Receiver } from "../../scripts/webhook-receiver";
import type { Db } from "../../db/client";
import { createHook } from "../../db/alerts/hooks";
import { sealJson } from "../../core/seal";
import { addPost, entitiesWithAccounts, flagPost, sleep, userByEmail, type TestEntity } from "./harness";

const redis = privateRedisForFile();
const KEY = randomBytes(32);
const SECRET = "whsec_crash_test_secret";
const FLAGS = 20;

let db: Db;
let path: string;
let receiver: Receiver;
let A: TestEntity;
let held = 0;

function spawnWorkers(): ChildProcess {
  const { SMTP_URL: _noMail, ...env } = process.env; // webhooks only
  return spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    env: {
      ...env,
      DATABASE_URL: path,
      REDIS_URL: redis.url,
      WORKERS_SCHEDULE: "0",
      WORKERS_LOCK_MS: "2000",
      WORKERS_STALLED_MS: "1000",
      WORKERS_HOOK_RETRY_MS: "200",
      WORKERS_HOOK_TIMEOUT_MS: "10000",
      WEBHOOK_ALLOW_PRIVATE: "1",
      WEBHOOK_ALLOW_HTTP: "1",
      WEBHOOK_ALLOWED_PORTS: String(receiver.port),
      AMANAH_CREDENTIALS_KEY: KEY.toString("base64"),
      PUBLIC_URL: "http://amanah.test",
      LOG_LEVEL: process.env.CRASH_LOG ?? "silent",
    },
    stdio: ["ignore", process.env.CRASH_LOG ? "inherit" : "ignore", "inherit"],
  });
}

const exited = (c: ChildProcess) => new Promise<void>((r) => (c.exitCode !== null || c.signalCode !== null ? r() : c.once("exit", () => r())));

beforeAll(async () => {
  ({ db, path } = await seededDb("alerts-crash"));
  [A] = entitiesWithAccounts(db, 1);
  receiver = await startWebhookReceiver({
    secret: SECRET,
    // The first deliveries are held open (answered late): the kill lands while they are in flight.
    reply: () => (held++ < 4 ? { status: 200, delayMs: 5_000 } : { status: 200 }),
  });
  const u = userByEmail(db, `director@${A.slug}.demo.local`);
  createHook(db, { id: u.id, email: u.email, name: "director", role: "entity_director", entityId: u.entityId, locale: "ar" }, { entityId: A.id, url: receiver.url, description: null, secretSealed: sealJson({ secret: SECRET }, KEY) });
});

afterAll(async () => {
  await receiver?.close();
});

describe("a worker killed mid-delivery", () => {
  it("resends only what was in flight, under the same delivery id and bytes; nothing is lost", async () => {
    let child = spawnWorkers();
    try {
      for (let i = 0; i < FLAGS; i++) flagPost(db, A, addPost(db, A.accountId, `crash post ${i}`), "pd.cpr");
      await receiver.waitFor((hs) => hs.length >= 4, 30_000, "deliveries in flight");
      child.kill("SIGKILL");
      await exited(child);
      const atKill = receiver.hooks.length;
      await sleep(300);

      child = spawnWorkers();
      const sent = () => db.$client.prepare(`SELECT count(*) FROM deliveries WHERE channel = 'webhook' AND status = 'sent'`).pluck().get() as number;
      const until = Date.now() + 45_000;
      while (sent() < FLAGS && Date.now() < until) await sleep(200);
      expect(sent()).toBe(FLAGS);
      await sleep(500);

      const byId = new Map<string, string[]>();
      for (const h of receiver.hooks) {
        expect(h.signatureOk).toBe(true);
        byId.set(h.delivery!, [...(byId.get(h.delivery!) ?? []), h.raw.toString("base64")]);
      }
      // Every delivery arrived; a resent one carried the same id and the same bytes.
      expect(byId.size).toBe(FLAGS);
      for (const bodies of byId.values()) expect(new Set(bodies).size).toBe(1);
      const resent = [...byId.values()].filter((b) => b.length > 1).length;
      // The deliveries held open at the kill were resent, and only those in flight can have come twice.
      expect(resent).toBeGreaterThanOrEqual(1);
      expect(resent).toBeLessThanOrEqual(atKill);
      const uids = db.$client.prepare(`SELECT uid FROM deliveries WHERE channel = 'webhook'`).pluck().all() as string[];
      expect(new Set(uids)).toEqual(new Set(byId.keys()));
    } finally {
      child.kill("SIGTERM");
      await exited(child);
    }
  });
});
