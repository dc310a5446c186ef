/**
 * `npm run cli -- impostors [--entity SLUG] [--json]`: the impersonation watch's current candidates
 * (open or marked impostor), best first. `--run` runs the watch of the entity (or of every entity)
 * first, against the configured platforms or `--sandbox`.
 */
import type { Command } from "commander";
import { closeDb, openDb, databasePath } from "../../db/client";
import { entityBySlug } from "../../db/accounts";
import { entitiesToWatch } from "../../db/impersonation";
import { currentCandidates } from "../../db/read/impersonation";
import { ALERT_THRESHOLD } from "../../core/impersonation/score";
import { displayHandle } from "../../core/handles";
import { cliDeps } from "../../workers/cli-deps";
import { watchEntity } from "../../workers/impersonation/watch";

interface Opts {
  entity?: string;
  json?: boolean;
  minScore?: string;
  run?: boolean;
  db?: string;
  sandbox?: string;
}

export function register(program: Command): void {
  program
    .command("impostors")
    .description("list the accounts the impersonation watch found (JSON Lines with --json)")
    .option("--entity <slug>", "only this entity's candidates")
    .option("--json", "JSON Lines: {platform, handle, imitates, score, reasons}")
    .option("--min-score <n>", "only candidates scoring at least this (0–1)")
    .option("--run", "run the watch first")
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .option("--sandbox <url>", "with --run: use the platform sandbox at this origin")
    .action(async (opts: Opts) => {
      const minScore = opts.minScore === undefined ? 0 : Number(opts.minScore);
      if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
        console.error(`--min-score must be a number from 0 to 1, got "${opts.minScore}"`);
        process.exitCode = 2;
        return;
      }
      const deps = opts.run ? cliDeps(opts) : null;
      const db = deps?.db ?? openDb(databasePath(opts.db ?? process.env.DATABASE_URL));
      try {
        const entity = opts.entity ? entityBySlug(db, opts.entity) : undefined;
        if (opts.entity && !entity) {
          console.error(`no entity with slug "${opts.entity}"`);
          process.exitCode = 2;
          return;
        }
        if (deps) {
          for (const id of entity ? [entity.id] : entitiesToWatch(db)) {
            const r = await watchEntity(deps, { entityId: id });
            console.error(`watch ${id}: ${r.outcome}, ${r.candidates} candidates, ${r.alerts} new alerts${r.notes.length ? ` (${r.notes.join(", ")})` : ""}`);
          }
        }
        const rows = currentCandidates(db, { entityId: entity?.id, minScore });
        for (const c of rows) {
          if (opts.json) {
            console.log(JSON.stringify({ platform: c.platform, handle: c.handle, imitates: c.imitates, score: c.score, reasons: c.reasons, entity: c.entitySlug, status: c.status }));
          } else {
            const mark = c.status === "impostor" ? "impostor" : c.score >= ALERT_THRESHOLD ? "suspected" : "low";
            const reasons = c.reasons.map((r) => (r.detail ? `${r.code} (${r.detail})` : r.code)).join(", ");
            console.log(`${c.score.toFixed(2)}  ${mark.padEnd(9)} ${c.entitySlug.padEnd(12)} ${c.platform.padEnd(9)} ${displayHandle(c.platform, c.handle).padEnd(32)} ~ ${c.imitates ?? "-"}  ${reasons}`);
          }
        }
        if (!opts.json) console.error(`${rows.length} candidate(s)`);
      } finally {
        closeDb(db);
      }
    });
}
