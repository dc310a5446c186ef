/** `npm run cli -- fetch-now --account ID`: fetch one account's new posts immediately. */
import type { Command } from "commander";
import { closeDb } from "../../db/client";
import { cliDeps, progressBar } from "../../workers/cli-deps";
import { fetchPosts } from "../../workers/jobs/fetch-posts";
import { rollupEntityDays } from "../../workers/jobs/rollup";

export function register(program: Command): void {
  program
    .command("fetch-now")
    .description("fetch one account's new posts now (recorded in fetch_runs like a scheduled fetch)")
    .requiredOption("--account <id>", "accounts.id", (v) => Number(v))
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .option("--sandbox <url>", "use the platform sandbox at this origin instead of AMANAH_CONNECTORS")
    .action(async (opts: { account: number; db?: string; sandbox?: string }) => {
      const deps = await cliDeps(opts);
      const bar = progressBar("fetch");
      bar.start(1, 0, { detail: `account ${opts.account}` });
      try {
        const r = await fetchPosts(deps, { accountId: opts.account });
        if (r.entityId) rollupEntityDays(deps, { entityId: r.entityId, days: r.days });
        bar.update(1);
        bar.stop();
        console.log(JSON.stringify({ account: opts.account, outcome: r.outcome, ...r.counts, skipped: r.skipped }));
        if (r.outcome !== "ok") process.exitCode = 1;
      } catch (err) {
        bar.stop();
        console.error(`fetch failed: ${(err as Error).message}`);
        process.exitCode = 1;
      } finally {
        closeDb(deps.db);
      }
    });
}
