/** `npm run cli -- rescore --since DATE`: rescore posts and profiles after a policy change. */
import type { Command } from "commander";
import { closeDb } from "../../db/client";
import { bahrainDay } from "../../core/calendar";
import { recomputeRollups } from "../../db/rollups";
import { firstPostToRescore } from "../../db/scoring";
import { cliDeps, progressBar } from "../../workers/cli-deps";
import { rescoreSince } from "../../workers/jobs/score";

export function register(program: Command): void {
  program
    .command("rescore")
    .description("rescore live posts published since DATE and every bio with the current policy version")
    .requiredOption("--since <date>", "YYYY-MM-DD (Asia/Bahrain) or ISO instant")
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .action(async (opts: { since: string; db?: string }) => {
      const since = /^\d{4}-\d{2}-\d{2}$/.test(opts.since) ? Date.parse(`${opts.since}T00:00:00+03:00`) : Date.parse(opts.since);
      if (!Number.isFinite(since)) {
        console.error(`--since: not a date: ${opts.since}`);
        process.exitCode = 2;
        return;
      }
      const deps = await cliDeps(opts);
      const bar = progressBar("rescore");
      bar.start(1, 0, { detail: `policy ${deps.scorer.policyVersion}` });
      // New flags are attributed to their post's day (profile flags to today): days before the
      // first rescored post cannot change, so the rollups are recomputed from there, not from --since.
      const first = firstPostToRescore(deps.db, { since });
      const r = rescoreSince(deps, { since, onProgress: (done, total) => (bar.setTotal(total), bar.update(done)) });
      bar.stop();
      recomputeRollups(deps.db, { fromDay: bahrainDay(first ?? Date.now()) });
      console.log(JSON.stringify({ policyVersion: deps.scorer.policyVersion, ...r }));
      closeDb(deps.db);
    });
}
