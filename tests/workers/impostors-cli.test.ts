/** `npm run cli -- impostors` as a user runs it: a real process, a seeded SQLite file and the sandbox over HTTP. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { seededDb } from "../helpers/db";
import { cli } from "../helpers/cli";

describe("impostors CLI", () => {
  let sandbox: Sandbox;
  let dbPath: string;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    const t = await seededDb("impostors-cli");
    dbPath = t.path;
    t.db.$client.close();
  });
  afterAll(async () => sandbox?.close());

  it("runs the watch of one entity and lists its candidates as JSON Lines, the sandbox's impostors among them", async () => {
    const impostors = (await (await fetch(`${sandbox.url}/_sandbox/impostors.jsonl`)).text())
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { platform: string; handle: string; imitates: string; entity?: string });
    const fakes = (await (await fetch(`${sandbox.url}/_sandbox/fakes.jsonl`)).text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { kind: string; platform: string; handle: string; entity: string });
    const slug = fakes.find((f) => f.kind === "impostor")!.entity;
    const mine = fakes.filter((f) => f.kind === "impostor" && f.entity === slug).map((f) => `${f.platform}:${f.handle.toLowerCase()}`);
    expect(mine.length).toBeGreaterThan(0);
    expect(impostors.length).toBeGreaterThan(mine.length);

    const r = await cli(["impostors", "--run", "--entity", slug, "--json", "--sandbox", sandbox.url, "--db", dbPath]);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split("\n").filter(Boolean).map((l) => JSON.parse(l) as { platform: string; handle: string; imitates: string | null; score: number; reasons: { code: string }[]; entity: string });
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) {
      expect(Object.keys(l)).toEqual(expect.arrayContaining(["platform", "handle", "imitates", "score", "reasons"]));
      expect(l.entity).toBe(slug);
      expect(l.score).toBeGreaterThanOrEqual(0);
      expect(l.score).toBeLessThanOrEqual(1);
    }
    const listed = new Set(lines.map((l) => `${l.platform}:${l.handle}`));
    for (const k of mine) expect(listed, k).toContain(k);
    // Best first.
    expect(lines.map((l) => l.score)).toEqual([...lines.map((l) => l.score)].sort((a, b) => b - a));

    // Without --run: the stored list, human-readable; an unknown entity is a clear error.
    const plain = await cli(["impostors", "--entity", slug, "--db", dbPath]);
    expect(plain.status).toBe(0);
    expect(plain.stdout.split("\n").filter(Boolean)).toHaveLength(lines.length);
    expect(plain.stderr).toContain(`${lines.length} candidate(s)`);
    const bad = await cli(["impostors", "--entity", "no-such-entity", "--db", dbPath]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('no entity with slug "no-such-entity"');
  }, 120_000);
});
