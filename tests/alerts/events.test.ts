/**
 * The outbox (`events`): written in the same transaction as the flag or the vanished account, at
 * most once per subject; the sweeps' overdue and failing-fetch events once each; the dispatcher
 * marks events dispatched only after the queue took them (a failed hand-over loses nothing).
 */
import { describe, expect, it } from "vitest";
import type { Queue } from "bullmq";
import { seededDb } from "../helpers/db";
import { insertFlags, loadWorkAccount, markAccountVanished } from "../../db/ingest";
import { sweepFailingFetches, sweepOverdueFlags, undispatchedEvents } from "../../db/alerts/events";
import { dispatchEvents, notifySweep, type NotifyRuntime } from "../../workers/notify/index";
import { DEFAULT_NOTIFY_TIMINGS } from "../../workers/notify/runtime";
import { silentLogger } from "../../workers/deps";
import type { Db } from "../../db/client";
import { addPost, entitiesWithAccounts, flagPost } from "./harness";

const DAY = 86_400_000;
const events = (db: Db, type?: string) =>
  db.$client.prepare<[string | null, string | null], { key: string; type: string; flagId: number | null; severity: string | null }>(
    `SELECT key, type, flag_id AS flagId, severity FROM events WHERE ? IS NULL OR type = ? ORDER BY id`,
  ).all(type ?? null, type ?? null);

function fakeRuntime(db: Db, addBulk: (jobs: { name: string; opts?: { jobId?: string } }[]) => Promise<unknown>, now = () => Date.now()): NotifyRuntime {
  const queue = { addBulk } as unknown as Queue;
  return {
    db,
    clock: now,
    log: silentLogger,
    notify: queue,
    webhooks: queue,
    mailer: null,
    opts: { mailFrom: "a@b.c", publicUrl: "http://x", unsubscribeSecret: "s", hookPolicy: {}, ...DEFAULT_NOTIFY_TIMINGS },
  };
}

describe("the outbox", () => {
  it("a flag and its event commit together, once; a rescore restating a finding is not news", async () => {
    const { db } = await seededDb("alerts-outbox");
    const [A] = entitiesWithAccounts(db, 1);
    const postId = addPost(db, A.accountId, "p");
    const row = { subjectKey: `post:${postId}`, postId, accountId: A.accountId, entityId: A.id, ruleId: "pd.cpr", clauseId: "COC-4", category: "personal-data" as const, severity: "high" as const, score: 0.9, spans: [], policyVersion: "v1" };
    // Rolled back with the flag: neither remains.
    expect(() =>
      db.$client.transaction(() => {
        insertFlags(db, [row], Date.now());
        throw new Error("crash after the write");
      })(),
    ).toThrow("crash");
    expect(events(db)).toEqual([]);
    expect(insertFlags(db, [row], Date.now())).toBe(1);
    expect(insertFlags(db, [row], Date.now())).toBe(0);
    expect(insertFlags(db, [{ ...row, policyVersion: "v2" }], Date.now())).toBe(1);
    const ev = events(db);
    expect(ev).toHaveLength(1);
    expect(ev[0]).toMatchObject({ type: "flag.created", severity: "high" });
    expect(ev[0].key).toBe(`flag.created:${ev[0].flagId}`);
  });

  it("a vanished official account writes account.vanished (critical) with its status change", async () => {
    const { db } = await seededDb("alerts-vanished");
    const id = db.$client.prepare(`SELECT id FROM accounts WHERE class = 'official' AND status = 'active' ORDER BY id LIMIT 1`).pluck().get() as number;
    const account = loadWorkAccount(db, id)!;
    markAccountVanished(db, account, { reason: "not_found", flags: [], now: Date.now() });
    const ev = events(db, "account.vanished");
    expect(ev).toHaveLength(1);
    expect(ev[0].severity).toBe("critical");
    expect(db.$client.prepare(`SELECT status FROM accounts WHERE id = ?`).pluck().get(id)).toBe("not_found");
  });

  it("flag.overdue once per open, unreviewed flag past the two-working-day deadline", async () => {
    const { db } = await seededDb("alerts-overdue");
    const [A] = entitiesWithAccounts(db, 1);
    const now = Date.now();
    db.$client.exec("DELETE FROM flags"); // the seed's own flags aside
    const old = flagPost(db, A, addPost(db, A.accountId, "old"), "pd.cpr", now - 6 * DAY);
    const reviewed = flagPost(db, A, addPost(db, A.accountId, "reviewed"), "pd.cpr", now - 6 * DAY);
    flagPost(db, A, addPost(db, A.accountId, "fresh"), "pd.cpr", now - 3_600_000);
    flagPost(db, A, addPost(db, A.accountId, "history"), "pd.cpr", now - 30 * DAY);
    const reviewer = db.$client.prepare(`SELECT id FROM users WHERE entity_id = ? LIMIT 1`).pluck().get(A.id) as number;
    db.$client.prepare(`INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?, ?, 'confirm', '', ?)`).run(reviewed, reviewer, now - DAY);
    expect(sweepOverdueFlags(db, now)).toBe(1);
    expect(sweepOverdueFlags(db, now + 60_000)).toBe(0);
    expect(events(db, "flag.overdue").map((e) => e.flagId)).toEqual([old]);
  });

  it("fetch.failing once per failing streak; a new streak after a success is a new event", async () => {
    const { db } = await seededDb("alerts-failing");
    const [A] = entitiesWithAccounts(db, 1);
    const now = Date.now();
    const run = db.$client.prepare(`INSERT INTO fetch_runs (account_id, kind, started_at, finished_at, outcome, error) VALUES (?, 'posts', ?, ?, ?, ?)`);
    db.$client.exec("DELETE FROM fetch_runs");
    for (let i = 3; i >= 1; i--) run.run(A.accountId, now - i * DAY, now - i * DAY + 1000, "auth_failed", "token expired");
    const quiet = () => DAY;
    expect(sweepFailingFetches(db, now, quiet)).toBe(1);
    expect(sweepFailingFetches(db, now + 60_000, quiet)).toBe(0);
    run.run(A.accountId, now + DAY, now + DAY + 1000, "ok", null);
    for (let i = 2; i <= 4; i++) run.run(A.accountId, now + i * DAY, now + i * DAY + 1000, "transient", "503");
    expect(sweepFailingFetches(db, now + 6 * DAY, quiet)).toBe(1);
    expect(events(db, "fetch.failing")).toHaveLength(2);
  });

  it("the dispatcher marks events dispatched only once the queue took them, under job id event-<id>", async () => {
    const { db } = await seededDb("alerts-dispatch");
    const [A] = entitiesWithAccounts(db, 1);
    db.$client.exec("DELETE FROM events");
    flagPost(db, A, addPost(db, A.accountId, "a"), "pd.cpr");
    flagPost(db, A, addPost(db, A.accountId, "b"), "pd.cpr");
    // Redis down: the hand-over fails, nothing is marked, nothing lost.
    await expect(dispatchEvents(fakeRuntime(db, () => Promise.reject(new Error("ECONNREFUSED"))))).rejects.toThrow("ECONNREFUSED");
    expect(undispatchedEvents(db, 10)).toHaveLength(2);
    const added: string[] = [];
    expect(
      await dispatchEvents(
        fakeRuntime(db, async (jobs) => {
          added.push(...jobs.map((j) => j.opts?.jobId ?? ""));
        }),
      ),
    ).toBe(2);
    const ids = events(db).map((e) => e.flagId);
    expect(ids).toHaveLength(2);
    expect(added).toEqual(db.$client.prepare(`SELECT 'event-' || id FROM events ORDER BY id`).pluck().all());
    expect(undispatchedEvents(db, 10)).toHaveLength(0);
    // The sweep re-queues events dispatched but never processed (their job lost with Redis).
    const later = Date.now() + 10 * 60_000;
    const requeued: string[] = [];
    const swept = await notifySweep(
      fakeRuntime(
        db,
        async (jobs) => {
          requeued.push(...jobs.map((j) => j.opts?.jobId ?? ""));
        },
        () => later,
      ),
    );
    expect(swept.requeued).toBe(2);
    expect(requeued).toEqual(added);
  });
});
