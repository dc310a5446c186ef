/** The operations CLI (backfill, fetch-now, rescore) as a user runs it: real processes, SQLite and sandbox HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { openDb } from "../../db/client";
import { seededDb } from "../helpers/db";
import { cli } from "../helpers/cli";

describe("operations CLI", () => {
  let sandbox: Sandbox;
  let dbPath: string;
  const count = (sql: string, ...p: unknown[]) => {
    const db = openDb(dbPath);
    try {
      return (db.$client.prepare(sql).get(...p) as { n: number }).n;
    } finally {
      db.$client.close();
    }
  };
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, historyDays: 3, accountFilter: (a) => a.entitySlug === "labour" });
    const t = await seededDb("ops-cli");
    dbPath = t.path;
    t.db.$client.close();
  });
  afterAll(async () => sandbox?.close());

  it("backfill fetches every account of an entity and is idempotent", async () => {
    const first = await cli(["backfill", "--entity", "labour", "--sandbox", sandbox.url, "--db", dbPath]);
    expect(first.status, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    const accounts = count("SELECT count(*) AS n FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'labour'");
    expect(out).toMatchObject({ entity: "labour", accounts });
    expect(out.new).toBeGreaterThan(0);
    const posts = count("SELECT count(*) AS n FROM posts");
    expect(posts).toBe(out.new);
    // Every account has a recorded run (a renamed one stops at its profile lookup).
    expect(count("SELECT count(DISTINCT account_id) AS n FROM fetch_runs")).toBe(accounts);
    const again = JSON.parse((await cli(["backfill", "--entity", "labour", "--sandbox", sandbox.url, "--db", dbPath])).stdout);
    expect(again.new).toBe(0);
    expect(count("SELECT count(*) AS n FROM posts")).toBe(posts);
  });

  it("fetch-now runs one account and records the run", async () => {
    const id = count("SELECT a.id AS n FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'labour' AND a.platform = 'x' AND a.class = 'official'");
    const before = count("SELECT count(*) AS n FROM fetch_runs WHERE account_id = ?", id);
    const r = await cli(["fetch-now", "--account", String(id), "--sandbox", sandbox.url, "--db", dbPath]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ account: id, outcome: "ok" });
    expect(count("SELECT count(*) AS n FROM fetch_runs WHERE account_id = ?", id)).toBe(before + 1);
  });

  it("rescore re-applies the policy without duplicating flags; bad input is a clear error", async () => {
    const r = await cli(["rescore", "--since", "2020-01-01", "--db", dbPath]);
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).policyVersion).toMatch(/^\d{4}\./);
    // The seed's bios (every entity) are scored now; a second run adds nothing.
    const flags = count("SELECT count(*) AS n FROM flags");
    expect(count("SELECT count(*) AS n FROM flags WHERE subject_key LIKE 'profile:%' AND category = 'disclaimer'")).toBeGreaterThan(0);
    expect((await cli(["rescore", "--since", "2020-01-01", "--db", dbPath])).status).toBe(0);
    expect(count("SELECT count(*) AS n FROM flags")).toBe(flags);
    const bad = await cli(["rescore", "--since", "last tuesday", "--db", dbPath]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("--since: not a date");
    const unknown = await cli(["backfill", "--entity", "no-such-entity", "--sandbox", sandbox.url, "--db", dbPath]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('no entity with slug "no-such-entity"');
  });
});
