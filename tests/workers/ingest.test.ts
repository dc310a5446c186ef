/** Storage (db/ingest.ts): idempotent upserts, versions, confirmed deletions, raw cap, flags once. */
import { describe, expect, it } from "vitest";
import { capRaw, ingestPage, insertFlags, markPostsDeleted, RAW_CAP_BYTES } from "../../db/ingest";
import { finishFetchRun, startFetchRun } from "../../db/fetch-runs";
import { freshDb } from "../helpers/db";
import { insertAccounts, post } from "./fakes";

function setup() {
  const { db } = freshDb("ingest");
  const [accountId] = insertAccounts(db, [{ platform: "x", handle: "a" }]);
  const entityId = (db.$client.prepare("SELECT entity_id AS e FROM accounts WHERE id = ?").get(accountId) as { e: number }).e;
  return { db, account: { id: accountId, entityId } };
}

const rows = (db: ReturnType<typeof setup>["db"]) =>
  db.$client.prepare("SELECT platform_post_id AS id, text, version, deleted_at AS deletedAt, edited_at AS editedAt FROM posts ORDER BY id").all() as {
    id: string;
    text: string;
    version: number;
    deletedAt: number | null;
    editedAt: number | null;
  }[];

describe("ingestPage", () => {
  it("inserts new posts once and is idempotent on replay", () => {
    const { db, account } = setup();
    const page = [post("1", "a", 1000), post("2", "b", 2000)];
    const r1 = ingestPage(db, account, page, { now: 5000 });
    expect([r1.new, r1.changed, r1.unchanged]).toEqual([2, 0, 0]);
    const r2 = ingestPage(db, account, page, { now: 6000 });
    expect([r2.new, r2.changed, r2.unchanged]).toEqual([0, 0, 2]);
    expect(rows(db)).toHaveLength(2);
    expect(db.$client.prepare("SELECT count(*) AS n FROM post_versions").get()).toEqual({ n: 2 });
    expect(r1.latestPublishedAt).toBe(2000);
  });

  it("adds a version when the text changes and updates text and edited_at", () => {
    const { db, account } = setup();
    ingestPage(db, account, [post("1", "first", 1000)], { now: 5000 });
    const r = ingestPage(db, account, [post("1", "second", 1000)], { now: 7000 });
    expect(r.changed).toBe(1);
    expect(r.changedPosts[0]).toMatchObject({ change: "changed", version: 2, text: "second" });
    expect(rows(db)[0]).toMatchObject({ text: "second", version: 2, editedAt: 7000 });
    const versions = db.$client.prepare("SELECT version, text FROM post_versions ORDER BY version").all();
    expect(versions).toEqual([
      { version: 1, text: "first" },
      { version: 2, text: "second" },
    ]);
  });

  it("counts duplicate ids within and across pages once", () => {
    const { db, account } = setup();
    const a = ingestPage(db, account, [post("1", "x", 1), post("1", "x", 1), post("2", "y", 2)], { now: 10 });
    const b = ingestPage(db, account, [post("2", "y", 2), post("3", "z", 3)], { now: 11 });
    expect(a.new + b.new).toBe(3);
    expect(rows(db).map((r) => r.id)).toEqual(["1", "2", "3"]);
  });

  it("stores empty and 100,000-character texts verbatim", () => {
    const { db, account } = setup();
    const long = "ب".repeat(50_000) + "x".repeat(50_000);
    ingestPage(db, account, [post("e", "", 1), post("l", long, 2)], { now: 10 });
    const r = rows(db);
    expect(r.find((x) => x.id === "e")!.text).toBe("");
    expect(r.find((x) => x.id === "l")!.text).toBe(long);
  });

  it("caps raw at 16 KB without splitting characters", () => {
    const { db, account } = setup();
    ingestPage(db, account, [{ ...post("r", "t", 1), raw: { blob: "ق".repeat(40_000) } }], { now: 1 });
    const raw = (db.$client.prepare("SELECT raw FROM posts").get() as { raw: string }).raw;
    expect(Buffer.byteLength(raw)).toBeLessThanOrEqual(RAW_CAP_BYTES);
    expect(raw).toContain("[truncated");
    expect(raw).not.toContain("\uFFFD");
    expect(capRaw(null)).toBeNull();
    expect(capRaw({ a: 1 })).toBe('{"a":1}');
  });

  it("rolls the whole page back when scoring fails inside the transaction", () => {
    const { db, account } = setup();
    expect(() =>
      ingestPage(db, account, [post("1", "a", 1)], {
        now: 1,
        onChanged: () => {
          throw new Error("boom");
        },
      }),
    ).toThrow("boom");
    expect(rows(db)).toHaveLength(0);
  });
});

describe("deletions and flags", () => {
  it("marks deleted once and restores a post the platform serves again", () => {
    const { db, account } = setup();
    ingestPage(db, account, [post("1", "a", 1), post("2", "b", 2)], { now: 10 });
    expect(markPostsDeleted(db, account.id, ["1"], 20)).toBe(1);
    expect(markPostsDeleted(db, account.id, ["1"], 30)).toBe(0);
    expect(rows(db)[0].deletedAt).toBe(20);
    const r = ingestPage(db, account, [post("1", "a", 1)], { now: 40 });
    expect(r.restored).toBe(1);
    expect(rows(db)[0].deletedAt).toBeNull();
  });

  it("writes a flag once per (subject, rule, policy version)", () => {
    const { db, account } = setup();
    const f = {
      subjectKey: "profile:1",
      postId: null,
      accountId: account.id,
      entityId: account.entityId,
      ruleId: "r",
      clauseId: "COC-2",
      category: "offensive" as const,
      severity: "high" as const,
      score: 1,
      spans: [],
      policyVersion: "p1",
    };
    expect(insertFlags(db, [f, f], 1)).toBe(1);
    expect(insertFlags(db, [f], 2)).toBe(0);
    expect(insertFlags(db, [{ ...f, policyVersion: "p2" }], 3)).toBe(1);
  });

  it("closes an earlier attempt of the same job left running by a killed worker", () => {
    const { db, account } = setup();
    const killed = startFetchRun(db, { accountId: account.id, kind: "posts", jobId: "fetch:1:p9", now: 1_000 });
    const other = startFetchRun(db, { accountId: account.id, kind: "posts", jobId: "fetch:1:p10", now: 1_500 });
    const again = startFetchRun(db, { accountId: account.id, kind: "posts", jobId: "fetch:1:p9", now: 2_000 });
    const row = (id: number) => db.$client.prepare("SELECT outcome, finished_at AS f, error FROM fetch_runs WHERE id = ?").get(id) as { outcome: string; f: number | null; error: string | null };
    expect(row(killed)).toMatchObject({ outcome: "error", f: 2_000 });
    expect(row(killed).error).toMatch(/^interrupted/);
    expect(row(other)).toMatchObject({ outcome: "running", f: null }); // another job: untouched
    expect(row(again)).toMatchObject({ outcome: "running", f: null });
  });

  it("records fetch runs with outcome and counts", () => {
    const { db, account } = setup();
    const id = startFetchRun(db, { accountId: account.id, kind: "posts", jobId: "j", now: 1 });
    finishFetchRun(db, id, { outcome: "ok", counts: { postsNew: 3, postsChanged: 1, postsDeleted: 2 }, now: 2 });
    expect(db.$client.prepare("SELECT outcome, posts_new AS n, posts_changed AS c, posts_deleted AS d, finished_at AS f FROM fetch_runs").get()).toEqual({
      outcome: "ok",
      n: 3,
      c: 1,
      d: 2,
      f: 2,
    });
  });
});
