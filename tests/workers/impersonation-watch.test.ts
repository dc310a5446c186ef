/**
 * The impersonation watch against the platform sandbox over real HTTP, on the demo world: recall of
 * the sandbox's impostors (impostors.jsonl) above the alert threshold in the first run, parodies
 * and the entities' own accounts never above it, the takeover scenario's flags and event, one
 * `impersonation.suspected` event per candidate, and budgets the platforms' real requests never
 * exceed (YouTube's quota units counted from the sandbox's request log).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { ALERT_THRESHOLD, DEFAULT_WATCH_BUDGETS, type WatchBudgets } from "../../core/impersonation";
import type { Db } from "../../db/client";
import { entitiesToWatch } from "../../db/impersonation";
import { budgetTotals, currentCandidates, eventsOfType } from "../../db/read/impersonation";
import { connectorFactory } from "../../workers/connectors";
import { silentLogger, type WorkerDeps } from "../../workers/deps";
import { watchEntity } from "../../workers/impersonation/watch";
import { MemoryRateStore, RateGate } from "../../workers/rate-gate";
import { sandboxConnectorConfig } from "../../workers/sandbox-config";
import { libraryScorer } from "../../workers/scorer";
import { recallReport } from "../../scripts/impersonation/recall";
import { seededDb } from "../helpers/db";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0 });
});
afterAll(async () => {
  await sb?.close();
});

function depsFor(db: Db): WorkerDeps {
  const ig = sb.world.accounts.find((a) => a.platform === "instagram" && a.state === "active");
  const clock = () => sb.clock.now();
  const gate = new RateGate(new MemoryRateStore(), { clock });
  return { db, connectors: connectorFactory(sandboxConnectorConfig(sb.url, { igUserId: ig?.apiId }), gate), clock, gate, scorer: libraryScorer, log: silentLogger };
}

/** YouTube Data API units of the requests the sandbox saw: search.list 100, every other list 1. */
function youtubeUnits(from: number): { units: number; searches: number } {
  const yt = sb.requests.slice(from).filter((r) => r.platform === "youtube" && r.status === 200);
  const searches = yt.filter((r) => /\/search(\?|$)/.test(r.path)).length;
  return { units: searches * 100 + (yt.length - searches), searches };
}

async function watchAll(deps: WorkerDeps, budgets?: WatchBudgets): Promise<void> {
  for (const entityId of entitiesToWatch(deps.db)) await watchEntity(deps, { entityId }, { budgets });
}

describe("impersonation watch against the sandbox", () => {
  it("lists ≥ 90 % of the impostors above the threshold in the first run, no parody and none of the entities' own accounts; the takeover raises its flags and alert", async () => {
    const { db } = await seededDb("watch");
    const deps = depsFor(db);
    const from = sb.requests.length;
    await watchAll(deps);
    const r = await recallReport(db, sb.url);

    expect(r.impostors).toBeGreaterThanOrEqual(50);
    expect(r.recall).toBeGreaterThanOrEqual(0.9);
    for (const p of ["x", "instagram", "youtube", "bluesky", "mastodon"]) expect(r.byPlatform[p]?.total, p).toBeGreaterThan(0);
    expect(r.parodies).toBeGreaterThan(0);
    expect(r.parodiesAbove).toBe(0);
    expect(r.unrelatedAbove).toBe(0);
    expect(r.ownListed).toBe(0);

    // The takeover scenario: rename + crypto bio + burst, as flags and one alert.
    expect(r.takeover.handle).toBeTruthy();
    expect(r.takeover.flags).toEqual(expect.arrayContaining(["handle-change", "bio-crypto", "burst"]));
    expect(r.takeover.events).toBe(1);
    const flags = db.$client
      .prepare<[], { clauseId: string; category: string; evidence: string | null }>(
        `SELECT f.clause_id AS clauseId, f.category, e.evidence FROM flags f LEFT JOIN flag_evidence e ON e.flag_id = f.id WHERE f.rule_id LIKE 'gov.official.takeover.%'`,
      )
      .all();
    expect(flags.length).toBeGreaterThanOrEqual(3);
    for (const f of flags) {
      expect(f.clauseId).toBe("GUIDE-OFFICIAL");
      expect(f.category).toBe("governance");
      expect(JSON.parse(f.evidence ?? "null")).toHaveProperty("signal");
    }

    // One impersonation.suspected event per candidate above the threshold, in the outbox.
    const above = currentCandidates(db).filter((c) => c.score >= ALERT_THRESHOLD);
    const suspected = eventsOfType(db, "impersonation.suspected");
    expect(suspected.length).toBe(above.length);
    expect(new Set(suspected.map((e) => e.key)).size).toBe(suspected.length);

    // Budgets: the ledger and the real requests within each platform's day.
    const spent = budgetTotals(db);
    for (const [p, units] of Object.entries(spent)) expect(units, p).toBeLessThanOrEqual(DEFAULT_WATCH_BUDGETS[p as keyof typeof DEFAULT_WATCH_BUDGETS]!.perDay);
    const yt = youtubeUnits(from);
    expect(yt.searches).toBeGreaterThan(0);
    expect(yt.units).toBeLessThanOrEqual(spent.youtube);

    // Renamed official accounts of the demo world raise the handle-change signal too; the scenario's is the one with a crypto bio.
    const takeovers = eventsOfType(db, "account.takeover_suspected").length;
    expect(eventsOfType(db, "account.takeover_suspected").filter((e) => (JSON.parse(e.data) as { signals: string[] }).signals.includes("bio-crypto"))).toHaveLength(1);
    // A second run the same day alerts nothing new and keeps within the same day's budgets.
    await watchAll(deps);
    expect(eventsOfType(db, "impersonation.suspected").length).toBe(suspected.length);
    expect(eventsOfType(db, "account.takeover_suspected").length).toBe(takeovers);
    for (const [p, units] of Object.entries(budgetTotals(db))) expect(units, p).toBeLessThanOrEqual(DEFAULT_WATCH_BUDGETS[p as keyof typeof DEFAULT_WATCH_BUDGETS]!.perDay);
    db.$client.close();
  }, 180_000);

  it("never exceeds a small YouTube quota: searches stop when the day's units would run over", async () => {
    const { db } = await seededDb("watch-budget");
    const deps = depsFor(db);
    const from = sb.requests.length;
    // Room for two searches (101 units each with the channels.list that resolves them) and a few profiles.
    const budgets: WatchBudgets = { ...DEFAULT_WATCH_BUDGETS, youtube: { ...DEFAULT_WATCH_BUDGETS.youtube!, perDay: 250 } };
    await watchAll(deps, budgets);
    const yt = youtubeUnits(from);
    expect(yt.searches).toBeGreaterThan(0);
    expect(yt.searches).toBeLessThanOrEqual(2);
    expect(yt.units).toBeLessThanOrEqual(250);
    expect(budgetTotals(db).youtube).toBeLessThanOrEqual(250);
    const notes = db.$client.prepare<[], string>("SELECT notes FROM impersonation_runs").pluck().all().flatMap((n) => JSON.parse(n) as string[]);
    expect(notes).toContain("youtube:budget");
    db.$client.close();
  }, 180_000);
});
