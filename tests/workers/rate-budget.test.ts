/** Backoff, rate gate and cadence without a queue. */
import { describe, expect, it } from "vitest";
import { RateLimited, type Connector } from "../../connectors/types";
import { resetJitterMs, transientBackoffMs } from "../../workers/backoff";
import { basePeriodMs, periodStart, planPeriods, PERIOD_LADDER } from "../../workers/cadence";
import { gatedConnector, MemoryRateStore, RateGate } from "../../workers/rate-gate";
import { FakeConnector } from "./fakes";

describe("transient backoff", () => {
  it("grows exponentially with jitter inside [exp/2, exp] and is capped", () => {
    expect(transientBackoffMs(1, { random: () => 0 })).toBe(500);
    expect(transientBackoffMs(1, { random: () => 1 })).toBe(1000);
    expect(transientBackoffMs(4, { random: () => 0.5 })).toBe(6000);
    expect(transientBackoffMs(50, { random: () => 1, maxMs: 60_000 })).toBe(60_000);
    const samples = new Set(Array.from({ length: 20 }, () => transientBackoffMs(3)));
    expect(samples.size).toBeGreaterThan(1);
    expect(resetJitterMs(() => 0.5, 1000)).toBe(500);
  });
});

describe("rate gate", () => {
  it("closes on RateLimited and refuses calls until resetAt without calling the platform", async () => {
    let now = 1_000_000;
    const clock = () => now;
    const gate = new RateGate(new MemoryRateStore(), { clock });
    const fake = new FakeConnector("x", 10, clock);
    fake.add("a", [{ id: "1", text: "t" }]);
    let limited = true;
    fake.hook = () => {
      if (limited) throw new RateLimited("x", new Date(now + 60_000));
    };
    const c: Connector = gatedConnector(fake, gate);
    await expect(c.lookupProfile({ platform: "x", handle: "a" })).rejects.toBeInstanceOf(RateLimited);
    expect(fake.calls).toHaveLength(1);
    limited = false;
    now += 30_000;
    const err = await c.lookupProfile({ platform: "x", handle: "a" }).catch((e) => e);
    expect(err).toBeInstanceOf(RateLimited);
    expect((err as RateLimited).resetAt.getTime()).toBe(1_060_000);
    expect(fake.calls).toHaveLength(1); // refused locally
    expect(await gate.closedUntil("instagram")).toBeNull(); // other platforms unaffected
    now += 30_001;
    await expect(c.lookupProfile({ platform: "x", handle: "a" })).resolves.toMatchObject({ handle: "a" });
    expect(fake.calls).toHaveLength(2);
  });

  it("shares a closed gate between processes through the store, keeping the later reset", async () => {
    const store = new MemoryRateStore();
    const now = 5_000;
    const a = new RateGate(store, { clock: () => now });
    const b = new RateGate(store, { clock: () => now });
    await a.close("x", 9_000);
    await a.close("x", 7_000);
    expect(await b.closedUntil("x")).toBe(9_000);
  });

  it("serialises calls per platform so a 429 closes the gate before the next call starts", async () => {
    const now = 0;
    const gate = new RateGate(new MemoryRateStore(), { clock: () => now, laneSize: 1 });
    const order: string[] = [];
    const p1 = gate.run("x", async () => {
      order.push("start1");
      await new Promise((r) => setTimeout(r, 5));
      order.push("end1");
      throw new RateLimited("x", new Date(100));
    });
    const p2 = gate.run("x", async () => {
      order.push("start2");
    });
    await expect(p1).rejects.toBeInstanceOf(RateLimited);
    await expect(p2).rejects.toBeInstanceOf(RateLimited);
    expect(order).toEqual(["start1", "end1"]);
  });
});

describe("cadence", () => {
  const acc = (over: Partial<Parameters<typeof basePeriodMs>[0]> = {}) => ({
    id: 1,
    platform: "x",
    class: "official" as const,
    status: "active" as const,
    lastPostAt: 0,
    postsPerDay: 3,
    ...over,
  });
  it("watches official accounts closest and quiet ones least", () => {
    const now = 10 * 86_400_000;
    expect(basePeriodMs(acc({ lastPostAt: now }), now)).toBe(15 * 60_000);
    expect(basePeriodMs(acc({ class: "employee", lastPostAt: now }), now)).toBe(60 * 60_000);
    expect(basePeriodMs(acc({ postsPerDay: 30, lastPostAt: now }), now)).toBe(5 * 60_000);
    expect(basePeriodMs(acc({ lastPostAt: now - 40 * 86_400_000 }), now + 0)).toBe(6 * 3_600_000);
  });

  it("stretches a platform's periods to fit its budget", () => {
    const now = 1e12;
    const many = Array.from({ length: 2000 }, (_, i) => acc({ id: i, lastPostAt: now }));
    const periods = planPeriods(many, now, { x: { requests: 900, windowMs: 15 * 60_000 } });
    const p = periods.get(0)!;
    const demand = (15 * 60_000 / p) * 2 * 2000;
    expect(demand).toBeLessThanOrEqual(900 * 0.7);
    expect(PERIOD_LADDER).toContain(p);
  });

  it("gives deterministic period starts per account", () => {
    const s = periodStart(1_000_000, 60_000, 7);
    expect(periodStart(1_000_000 + 1, 60_000, 7)).toBe(s);
    expect(s).toBeLessThanOrEqual(1_000_000);
    expect(1_000_000 - s).toBeLessThan(60_000);
  });
});
