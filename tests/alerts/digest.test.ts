/**
 * The daily digest (08:00 Asia/Bahrain, Sunday–Thursday): the digest job of the notify queue, run
 * at a slot by the workers' clock, sends each subscriber one email per slot (a second run sends
 * nothing) listing the events of [previous slot, this slot) they may see: an entity's director only
 * their entity, a CSB analyst following every entity all of them. And a vanished official account
 * announced at once to its entity's people only.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededDb } from "../helpers/db";
import { privateRedisForFile } from "../helpers/redis";
import { startMailbox, type Mailbox, type ReceivedMessage } from "../../scripts/mailbox";
import type { Db } from "../../db/client";
import type { RunningWorkers } from "../../workers/main";
import { savePrefs } from "../../db/alerts/prefs";
import { digestPeriod, DIGEST_PATTERN, DIGEST_TZ } from "../../core/alerts/digest";
import type { SessionUser } from "../../core/access";
import { ensureDigestScheduler } from "../../workers/notify/index";
import { loadWorkAccount, markAccountVanished } from "../../db/ingest";
import { addPost, entitiesWithAccounts, flagPost, sleep, startAlertWorkers, userByEmail, type TestEntity } from "./harness";

const redis = privateRedisForFile();

let db: Db;
let mailbox: Mailbox;
let workers: RunningWorkers;
let A: TestEntity;
let B: TestEntity;
const period = digestPeriod(Date.now());

const isDigest = (m: ReceivedMessage) => m.parsed?.headerLines.some((l) => l.key === "x-amanah-mail" && l.line.includes("digest")) ?? false;
const digests = () => mailbox.messages.filter(isDigest);

function asUser(email: string): SessionUser {
  const u = userByEmail(db, email);
  return { id: u.id, email: u.email, name: email, role: u.role as SessionUser["role"], entityId: u.entityId, locale: "ar" };
}

beforeAll(async () => {
  ({ db } = await seededDb("alerts-digest"));
  [A, B] = entitiesWithAccounts(db, 2);
  mailbox = await startMailbox();
  const off = { immediate: false, weeklyReport: false, allEntities: true, entityIds: [] };
  savePrefs(db, asUser(`director@${A.slug}.demo.local`), { ...off, digest: true });
  savePrefs(db, asUser("csb-analyst@demo.local"), { ...off, digest: true });
  // The digest job covers [previous slot, latest slot) by the workers' (real) clock: `period`.
  workers = await startAlertWorkers(db, redis.url, { smtpUrl: mailbox.url });
});

afterAll(async () => {
  await workers?.close();
  await mailbox?.close();
});

describe("the daily digest", () => {
  it("is scheduled at 08:00 Asia/Bahrain, Sunday to Thursday (a BullMQ job scheduler, created once)", async () => {
    expect(DIGEST_PATTERN).toBe("0 8 * * 0-4");
    await ensureDigestScheduler(workers.queues.notify);
    await ensureDigestScheduler(workers.queues.notify);
    const schedulers = await workers.queues.notify.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ key: "notify-digest", pattern: "0 8 * * 0-4", tz: DIGEST_TZ });
    expect(DIGEST_TZ).toBe("Asia/Bahrain");
    await workers.queues.notify.removeJobScheduler("notify-digest");
  });

  it("sends each subscriber one digest per slot with only the entities they may see", async () => {
    const inPeriod = period.from + 3_600_000;
    const flagA = flagPost(db, A, addPost(db, A.accountId, "digest A"), "hate.incitement", inPeriod);
    const flagB = flagPost(db, B, addPost(db, B.accountId, "digest B"), "pd.cpr", inPeriod);
    flagPost(db, B, addPost(db, B.accountId, "after the slot"), "pd.cpr", period.to + 1_000); // the next digest's

    await workers.queues.notify.add("digest", {});
    const until = Date.now() + 20_000;
    while (digests().length < 2 && Date.now() < until) await sleep(100);
    await sleep(1_000);
    // A second run for the same slot (a retried or duplicated job) sends nothing more.
    await workers.queues.notify.add("digest", {});
    await sleep(2_000);
    const got = digests();
    expect(got.map((m) => m.envelopeTo.join()).sort()).toEqual([`director@${A.slug}.demo.local`, "csb-analyst@demo.local"].sort());

    const director = String(got.find((m) => m.envelopeTo.includes(`director@${A.slug}.demo.local`))!.parsed!.html);
    expect(director).toMatch(/<html lang="ar" dir="rtl">/);
    expect(director).toContain(`flag=${flagA}`);
    expect(director).toContain(A.nameAr);
    expect(director).not.toContain(`flag=${flagB}`);
    expect(director).not.toContain(B.nameAr);

    const analyst = String(got.find((m) => m.envelopeTo.includes("csb-analyst@demo.local"))!.parsed!.html);
    expect(analyst).toContain(`flag=${flagA}`);
    expect(analyst).toContain(`flag=${flagB}`);
  });

  it("announces a vanished official account at once to its entity's people only, with the handle", async () => {
    await sleep(4_500); // past the grouping window of the flags above
    const id = db.$client.prepare(`SELECT id FROM accounts WHERE entity_id = ? AND class = 'official' AND status = 'active' ORDER BY id LIMIT 1`).pluck().get(B.id) as number;
    const account = loadWorkAccount(db, id)!;
    const before = mailbox.messages.length;
    markAccountVanished(db, account, { reason: "not_found", flags: [], now: Date.now() });
    const until = Date.now() + 15_000;
    const vanishedMails = () => mailbox.messages.slice(before).filter((m) => String(m.parsed?.html ?? "").includes(account.handle));
    while (vanishedMails().length < 1 && Date.now() < until) await sleep(100);
    await sleep(1_500);
    const got = vanishedMails();
    // Directors and reviewers of B (default: at once); A's director chose the digest only, A's reviewer may not see B.
    expect(got.map((m) => m.envelopeTo.join()).sort()).toEqual([`director@${B.slug}.demo.local`, `reviewer@${B.slug}.demo.local`].sort());
    expect(mailbox.messages.slice(before).some((m) => m.envelopeTo.join().includes(A.slug))).toBe(false);
  });
});
