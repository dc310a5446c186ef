/**
 * The demo world as a deployment would see it: a second run on the same database serves the same
 * posts (stored cursors stay valid), and the risk mix looks like real government accounts.
 */
import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { SandboxWorld, DAY } from "../../connectors/sandbox/world";
import { seedDb, seededAt } from "../../db/seed";
import { seededDb } from "../helpers/db";

const HOUR = 3_600_000;
const paths: string[] = [];
afterAll(() => paths.forEach((p) => rmSync(p, { force: true })));

describe("demo world", () => {
  it("is anchored to the database's first seed, so a second run serves the posts the first one stored", async () => {
    const { db, path } = await seededDb("epoch");
    paths.push(path);
    const epoch = seededAt(db);
    expect(epoch).not.toBeNull();
    await new Promise((r) => setTimeout(r, 15));
    await seedDb(db); // the second `npm run demo` seeds again
    expect(seededAt(db)).toBe(epoch);

    const onlyX = { accountFilter: (a: { platform: string }) => a.platform === "x" };
    const first = new SandboxWorld({ startAt: epoch!, historyDays: 14, ...onlyX });
    const stored = new Set([...first.truth(epoch! + 2 * HOUR)].map((t) => `${t.handle}/${t.id}`));
    // Hours later, a new process builds its world from the same database.
    const second = new SandboxWorld({ startAt: seededAt(db)!, historyDays: 14, ...onlyX });
    const later = new Set([...second.truth(epoch! + 5 * HOUR)].map((t) => `${t.handle}/${t.id}`));
    expect(stored.size).toBeGreaterThan(100);
    const missing = [...stored].filter((k) => !later.has(k));
    expect(missing).toEqual([]);
    db.$client.close();
  });

  it("posts risks at a realistic rate: official accounts rarely, employees more, a few entities clearly worse", () => {
    const startAt = Date.UTC(2026, 10, 1);
    const world = new SandboxWorld({ startAt, historyDays: 14 });
    const byClass = new Map<string, { n: number; risky: number }>();
    const byEntity = new Map<string, { n: number; risky: number }>();
    for (const a of world.accounts) {
      for (const p of world.postsUntil(a, startAt + 7 * DAY)) {
        for (const [m, k] of [[byClass, a.class], [byEntity, a.entity.slug]] as const) {
          const c = m.get(k) ?? { n: 0, risky: 0 };
          c.n++;
          if (p.risk) c.risky++;
          m.set(k, c);
        }
      }
    }
    const rate = (c?: { n: number; risky: number }) => (c ? c.risky / c.n : NaN);
    expect(byClass.get("official")!.n).toBeGreaterThan(2000);
    expect(rate(byClass.get("official"))).toBeLessThan(0.015);
    expect(rate(byClass.get("employee"))).toBeGreaterThan(2 * rate(byClass.get("official")));
    const rates = [...byEntity.values()].filter((c) => c.n >= 200).map(rate).sort((a, b) => a - b);
    const median = rates[Math.floor(rates.length / 2)];
    expect(median).toBeLessThan(0.02);
    // The league table has a spread: the worst entities post risks several times as often.
    expect(rates[rates.length - 1]).toBeGreaterThan(3 * median);
  });
});
