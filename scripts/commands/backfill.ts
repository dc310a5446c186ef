/** `npm run cli -- backfill --entity SLUG`: fetch, re-check and profile every account of an entity now. */
import type { Command } from "commander";
import { closeDb } from "../../db/client";
import { entityAccountsToFetch } from "../../db/schedule";
import { cliDeps, progressBar } from "../../workers/cli-deps";
import { fetchPosts } from "../../workers/jobs/fetch-posts";
import { recheckRecent } from "../../workers/jobs/recheck";
import { refreshProfile } from "../../workers/jobs/refresh-profile";
import { rollupEntityDays } from "../../workers/jobs/rollup";

export function register(program: Command): void {
  program
    .command("backfill")
    .description("fetch posts, profiles and the re-check window for every account of an entity, now")
    .requiredOption("--entity <slug>", "entity slug")
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .option("--sandbox <url>", "use the platform sandbox at this origin instead of AMANAH_CONNECTORS")
    .action(async (opts: { entity: string; db?: string; sandbox?: string }) => {
      const deps = await cliDeps(opts);
      const found = entityAccountsToFetch(deps.db, opts.entity);
      if (!found) {
        console.error(`no entity with slug "${opts.entity}"`);
        process.exitCode = 2;
        return;
      }
      const { entityId, accounts } = found;
      const bar = progressBar("backfill");
      bar.start(accounts.length, 0, { detail: "" });
      const days = new Set<string>();
      const totals = { new: 0, changed: 0, deleted: 0, failed: 0 };
      for (const a of accounts) {
        bar.update({ detail: `${a.platform}:${a.handle}` });
        for (const job of [refreshProfile, fetchPosts, recheckRecent]) {
          try {
            const r = await job(deps, { accountId: a.id });
            r.days.forEach((d) => days.add(d));
            totals.new += r.counts.postsNew;
            totals.changed += r.counts.postsChanged;
            totals.deleted += r.counts.postsDeleted;
          } catch {
            totals.failed++; // recorded in fetch_runs with its outcome
          }
        }
        bar.increment();
      }
      rollupEntityDays(deps, { entityId, days: [...days] });
      bar.stop();
      console.log(JSON.stringify({ entity: opts.entity, accounts: accounts.length, ...totals }));
      closeDb(deps.db);
    });
}
