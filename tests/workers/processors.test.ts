/** Processors as plain functions with an injected connector, clock and scorer (no queue). */
import { describe, expect, it } from "vitest";
import { AuthFailed, Transient } from "../../connectors/types";
import { fetchPosts } from "../../workers/jobs/fetch-posts";
import { recheckRecent } from "../../workers/jobs/recheck";
import { refreshProfile } from "../../workers/jobs/refresh-profile";
import { rescoreSince } from "../../workers/jobs/score";
import { freshDb } from "../helpers/db";
import { fakeDeps, fakeScorer, FakeConnector, insertAccounts, post } from "./fakes";

function world() {
  const { db } = freshDb("proc");
  const x = new FakeConnector("x", 2);
  const ids = insertAccounts(db, [
    { platform: "x", handle: "alpha" },
    { platform: "x", handle: "gone" },
    { platform: "myspace", handle: "old" },
    { platform: "x", handle: "exec", class: "executive" },
  ]);
  x.add("alpha", [
    { id: "1", text: "hello" },
    { id: "2", text: "BAD words" },
    { id: "3", text: "" },
    { id: "4", text: "CPR 880101010" },
    { id: "5", text: "y".repeat(100_000) },
  ]);
  x.add("exec", [{ id: "9", text: "hi" }]);
  const deps = fakeDeps(db, { x });
  return { db, x, deps, ids, run: (id: number) => db.$client.prepare("SELECT * FROM fetch_runs WHERE account_id = ? ORDER BY id DESC").get(id) as Record<string, unknown> };
}

describe("fetchPosts", () => {
  it("stores every page, scores new posts, records the run and the cursor", async () => {
    const { db, deps, ids, run } = world();
    const r = await fetchPosts(deps, { accountId: ids[0] }, { jobId: "fetch:1:0" });
    expect(r).toMatchObject({ outcome: "ok", counts: { postsNew: 5, postsChanged: 0, postsDeleted: 0 } });
    expect(run(ids[0])).toMatchObject({ outcome: "ok", posts_new: 5, job_id: "fetch:1:0" });
    const flags = db.$client.prepare("SELECT rule_id AS rule, subject_key AS s, policy_version AS v FROM flags ORDER BY rule_id").all();
    expect(flags).toEqual([
      { rule: "test.bad", s: expect.stringMatching(/^post:\d+$/), v: "test-1" },
      { rule: "test.cpr", s: expect.stringMatching(/^post:\d+$/), v: "test-1" },
    ]);
    const again = await fetchPosts(deps, { accountId: ids[0] });
    expect(again.counts.postsNew).toBe(0);
    expect(db.$client.prepare("SELECT count(*) AS n FROM posts").get()).toEqual({ n: 5 });
  });

  it("records an unknown platform in fetch_runs without throwing", async () => {
    const { deps, ids, run } = world();
    const r = await fetchPosts(deps, { accountId: ids[2] });
    expect(r.outcome).toBe("error");
    expect(run(ids[2])).toMatchObject({ outcome: "error", error: expect.stringContaining("myspace") });
  });

  it("marks a vanished official handle not_found only after a confirming lookup, with audit and flag", async () => {
    const { db, deps, ids, run, x } = world();
    const r = await fetchPosts(deps, { accountId: ids[1] });
    expect(r.outcome).toBe("not_found");
    expect(x.calls.filter((c) => c.handle === "gone").map((c) => c.method)).toEqual(["fetch", "profile"]);
    expect(run(ids[1])).toMatchObject({ outcome: "not_found" });
    expect(db.$client.prepare("SELECT status FROM accounts WHERE id = ?").get(ids[1])).toEqual({ status: "not_found" });
    expect(db.$client.prepare("SELECT action, target_id AS t FROM audit_log").all()).toEqual([{ action: "account.not_found", t: String(ids[1]) }]);
    expect(db.$client.prepare("SELECT rule_id AS r, clause_id AS c, category, severity FROM flags").all()).toEqual([
      { r: "gov.official.handle-vanished", c: "GUIDE-OFFICIAL", category: "governance", severity: "critical" },
    ]);
  });

  it("does not mark not_found when the profile still resolves", async () => {
    const { db, deps, ids, x } = world();
    // Post-level 404 simulated: fetch NotFound, but the profile resolves by the time it is confirmed.
    x.accounts.get("alpha")!.gone = true;
    const orig = x.lookupProfile.bind(x);
    x.lookupProfile = async (ref) => {
      x.accounts.get("alpha")!.gone = false;
      return orig(ref);
    };
    await expect(fetchPosts(deps, { accountId: ids[0] })).rejects.toBeInstanceOf(Transient);
    expect(db.$client.prepare("SELECT status FROM accounts WHERE id = ?").get(ids[0])).toEqual({ status: "active" });
  });

  it("marks auth_failed and rethrows AuthFailed; keeps pages stored before a transient error", async () => {
    const { db, deps, ids, x, run } = world();
    x.hook = (m, _ref, page) => {
      if (m === "fetch" && page === 1) throw new Transient("x", "502");
    };
    await expect(fetchPosts(deps, { accountId: ids[0] })).rejects.toBeInstanceOf(Transient);
    expect(run(ids[0])).toMatchObject({ outcome: "transient", posts_new: 2 });
    x.hook = () => {
      throw new AuthFailed("x", "token expired");
    };
    await expect(fetchPosts(deps, { accountId: ids[0] })).rejects.toBeInstanceOf(AuthFailed);
    expect(db.$client.prepare("SELECT status FROM accounts WHERE id = ?").get(ids[0])).toEqual({ status: "auth_failed" });
    x.hook = () => undefined;
    const ok = await fetchPosts(deps, { accountId: ids[0] });
    expect(ok.counts.postsNew).toBe(3);
    expect(db.$client.prepare("SELECT status FROM accounts WHERE id = ?").get(ids[0])).toEqual({ status: "active" });
  });
});

describe("recheck, profile, rescore", () => {
  it("confirms deletions by id and turns edits into versions that are rescored", async () => {
    const { db, deps, ids, x } = world();
    await fetchPosts(deps, { accountId: ids[0] });
    const a = x.accounts.get("alpha")!;
    a.posts = a.posts.filter((p) => p.platformPostId !== "1");
    a.posts[0] = post("2", "now fine", a.posts[0].publishedAt.getTime());
    a.posts[1] = post("3", "edited to BAD", a.posts[1].publishedAt.getTime());
    const r = await recheckRecent(deps, { accountId: ids[0] });
    expect(r.counts).toEqual({ postsNew: 0, postsChanged: 2, postsDeleted: 1 });
    const p = db.$client.prepare("SELECT platform_post_id AS id, text, version, deleted_at IS NOT NULL AS del FROM posts ORDER BY id").all();
    expect(p.slice(0, 3)).toEqual([
      { id: "1", text: "hello", version: 1, del: 1 },
      { id: "2", text: "now fine", version: 2, del: 0 },
      { id: "3", text: "edited to BAD", version: 2, del: 0 },
    ]);
    expect(db.$client.prepare("SELECT count(*) AS n FROM flags WHERE rule_id = 'test.bad'").get()).toEqual({ n: 2 });
  });

  it("refreshes the profile and scores the bio once", async () => {
    const { db, deps, ids, x } = world();
    x.accounts.get("exec")!.profile.bio = "Director BAD";
    await refreshProfile(deps, { accountId: ids[3] });
    await refreshProfile(deps, { accountId: ids[3] });
    expect(db.$client.prepare("SELECT bio, display_name AS n, platform_id AS pid FROM accounts WHERE id = ?").get(ids[3])).toEqual({ bio: "Director BAD", n: "exec", pid: "pid-exec" });
    expect(db.$client.prepare("SELECT subject_key AS s FROM flags").all()).toEqual([{ s: `profile:${ids[3]}` }]);
  });

  it("rescores after a policy change with new-version flags", async () => {
    const { db, deps, ids } = world();
    await fetchPosts(deps, { accountId: ids[0] });
    const progress: number[] = [];
    const r = rescoreSince({ ...deps, scorer: { ...fakeScorer, policyVersion: "test-2" } }, { since: 0, onProgress: (d) => progress.push(d) });
    expect(r.flags).toBe(2);
    expect(progress.length).toBeGreaterThan(0);
    expect(db.$client.prepare("SELECT policy_version AS v, count(*) AS n FROM flags GROUP BY v").all()).toEqual([
      { v: "test-1", n: 2 },
      { v: "test-2", n: 2 },
    ]);
  });
});
