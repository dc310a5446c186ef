/**
 * `npx tsx scripts/impersonation-recall.ts [--json]`: the first impersonation watch run on the demo
 * world, measured. A fresh seeded database (temporary file), the platform sandbox on its own port,
 * one watch per entity over real HTTP, then the sandbox's impostors.jsonl against the candidates
 * above the alert threshold: recall, the parodies and the entities' own accounts above it (must be
 * none), the unrelated look-alikes above it, the takeover scenario's flags and events, and what
 * each platform spent.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startSandbox } from "../connectors/sandbox/server";
import { closeDb, openDb } from "../db/client";
import { migrateDb } from "../db/migrate";
import { seedDb } from "../db/seed";
import { connectorFactory } from "../workers/connectors";
import { silentLogger, type WorkerDeps } from "../workers/deps";
import { watchEntity } from "../workers/impersonation/watch";
import { MemoryRateStore, RateGate } from "../workers/rate-gate";
import { sandboxConnectorConfig } from "../workers/sandbox-config";
import { libraryScorer } from "../workers/scorer";
import { entitiesToWatch } from "../db/impersonation";
import { recallReport } from "./impersonation/recall";

const asJson = process.argv.includes("--json");
const dir = mkdtempSync(join(tmpdir(), "amanah-recall-"));
const db = openDb(join(dir, "recall.db"));
migrateDb(db);
await seedDb(db);
const sb = await startSandbox({ port: 0 });
try {
  const ig = sb.world.accounts.find((a) => a.platform === "instagram" && a.state === "active");
  const clock = () => sb.clock.now();
  const gate = new RateGate(new MemoryRateStore(), { clock });
  const deps: WorkerDeps = { db, connectors: connectorFactory(sandboxConnectorConfig(sb.url, { igUserId: ig?.apiId }), gate), clock, gate, scorer: libraryScorer, log: silentLogger };
  const started = Date.now();
  for (const entityId of entitiesToWatch(db)) await watchEntity(deps, { entityId });
  const report = await recallReport(db, sb.url);
  const out = { ...report, seconds: Math.round((Date.now() - started) / 100) / 10 };
  if (asJson) console.log(JSON.stringify(out));
  else {
    console.log(`impostors listed above the alert threshold: ${out.impostorsAbove}/${out.impostors} (recall ${(out.recall * 100).toFixed(1)} %)`);
    console.log(`by platform: ${Object.entries(out.byPlatform).map(([p, v]) => `${p} ${v.above}/${v.total}`).join(", ")}`);
    console.log(`parodies above the threshold: ${out.parodiesAbove}/${out.parodies}; the entities' own accounts listed: ${out.ownListed}`);
    console.log(`unrelated look-alikes above the threshold: ${out.unrelatedAbove}/${out.unrelated}; other candidates above it: ${out.otherAbove} ${out.others.join(", ")}`);
    console.log(`takeover scenario (${out.takeover.handle}): flags ${out.takeover.flags.join(", ") || "none"}; events ${out.takeover.events}`);
    console.log(`spent: ${Object.entries(out.spent).map(([p, n]) => `${p} ${n}`).join(", ")}; missed: ${out.missed.join(", ") || "none"}`);
    console.log(`${out.seconds} s`);
  }
} finally {
  await sb.close();
  closeDb(db);
  rmSync(dir, { recursive: true, force: true });
}
