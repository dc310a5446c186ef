/**
 * `npm run cli -- coverage --sandbox URL`: how much of the sandbox's world the database holds — per
 * platform, the live posts of the accounts the platform still serves (truth.jsonl) against the
 * stored posts. The demo's "≥ 95 % after five minutes" is measured with it.
 */
import type { Command } from "commander";
import { closeDb, getDb } from "../../db/client";
import { storedPostKeys } from "../../db/ingest";

interface TruthLine {
  platform: string;
  handle: string;
  id: string;
  status: "live" | "edited" | "deleted";
}

export function register(program: Command): void {
  program
    .command("coverage")
    .description("per platform: the sandbox's live posts that are stored (JSON)")
    .requiredOption("--sandbox <url>", "the platform sandbox's origin")
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .action(async (opts: { sandbox: string; db?: string }) => {
      const base = opts.sandbox.replace(/\/$/, "");
      const accounts = (await (await fetch(`${base}/_sandbox/accounts`)).json()) as { platform: string; handle: string; state: string }[];
      const served = new Set(accounts.filter((a) => a.state === "active").map((a) => `${a.platform}\u0000${a.handle}`));
      const truth = (await (await fetch(`${base}/_sandbox/truth.jsonl`)).text())
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l) as TruthLine);
      const db = getDb(opts.db);
      const stored = storedPostKeys(db);
      closeDb(db);
      const per: Record<string, { live: number; stored: number; pct: number }> = {};
      for (const t of truth) {
        if (t.status === "deleted" || !served.has(`${t.platform}\u0000${t.handle}`)) continue;
        const p = (per[t.platform] ??= { live: 0, stored: 0, pct: 0 });
        p.live++;
        if (stored.has(`${t.platform}\u0000${t.handle}\u0000${t.id}`)) p.stored++;
      }
      for (const p of Object.values(per)) p.pct = p.live ? Math.round((1000 * p.stored) / p.live) / 10 : 100;
      console.log(JSON.stringify(per));
    });
}
