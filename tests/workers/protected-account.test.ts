/**
 * A protected account (X) is a state of the account, not a vanished one and not a failure: the run
 * records it, the account is marked `protected`, stored posts are never marked deleted, nothing is
 * retried, and the first fetch that sees posts again makes it active.
 */
import { describe, expect, it } from "vitest";
import { AccountProtected } from "../../connectors/types";
import { fetchPosts } from "../../workers/jobs/fetch-posts";
import { recheckRecent } from "../../workers/jobs/recheck";
import { refreshProfile } from "../../workers/jobs/refresh-profile";
import { basePeriodMs } from "../../workers/cadence";
import { freshDb } from "../helpers/db";
import { fakeDeps, FakeConnector, insertAccounts } from "./fakes";

describe("a protected account", () => {
  it("is marked protected, keeps its posts, is not retried, and turns active when its posts are public again", async () => {
    const { db } = freshDb("protected");
    const x = new FakeConnector("x", 2);
    const [id] = insertAccounts(db, [{ platform: "x", handle: "hidden", class: "employee" }]);
    x.add("hidden", [
      { id: "1", text: "one" },
      { id: "2", text: "two" },
    ]);
    const deps = fakeDeps(db, { x });
    const status = () => (db.$client.prepare("SELECT status FROM accounts WHERE id = ?").get(id) as { status: string }).status;
    expect((await fetchPosts(deps, { accountId: id })).counts.postsNew).toBe(2);

    let hidden = true;
    x.hook = (method) => {
      if (hidden && method !== "profile") throw new AccountProtected("x", "X @hidden is protected: Sorry, you are not authorized");
    };
    const r = await recheckRecent(deps, { accountId: id });
    expect(r.outcome).toBe("not_found");
    expect(status()).toBe("protected");
    expect(db.$client.prepare("SELECT count(*) AS n FROM posts WHERE account_id = ? AND deleted_at IS NULL").get(id)).toEqual({ n: 2 });
    expect(await fetchPosts(deps, { accountId: id })).toMatchObject({ outcome: "not_found" });
    expect(db.$client.prepare("SELECT outcome, error FROM fetch_runs WHERE account_id = ? ORDER BY id DESC").get(id)).toEqual({ outcome: "not_found", error: expect.stringContaining("protected") });
    // Not a vanished handle: no audit row, no governance flag, no confirming profile lookup.
    expect(db.$client.prepare("SELECT count(*) AS n FROM audit_log").get()).toEqual({ n: 0 });
    expect(db.$client.prepare("SELECT count(*) AS n FROM flags WHERE rule_id = 'gov.official.handle-vanished'").get()).toEqual({ n: 0 });
    expect(x.calls.map((c) => c.method)).toEqual(["fetch", "lookup", "fetch"]);
    // A profile that still resolves does not prove the posts are visible.
    await refreshProfile(deps, { accountId: id });
    expect(status()).toBe("protected");
    expect(basePeriodMs({ id, platform: "x", class: "employee", status: "protected", lastPostAt: Date.now(), postsPerDay: 5 }, Date.now())).toBe(6 * 3_600_000);

    hidden = false;
    expect((await fetchPosts(deps, { accountId: id })).outcome).toBe("ok");
    expect(status()).toBe("active");
  });
});
