/** `npm run cli -- import-accounts FILE.csv [--entity slug] [--dry-run] [--encoding windows-1256]` (docs/csv-import.md). */
import type { Command } from "commander";
import { existsSync, readFileSync, statSync } from "node:fs";
import cliProgress from "cli-progress";
import { closeDb, databasePath, openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { importAccounts, MAX_CSV_BYTES } from "../../db/import-accounts";

export function register(program: Command): void {
  program
    .command("import-accounts")
    .description("Import registry accounts (with ownership records) from a CSV file; all rows or none")
    .argument("<file>", "CSV file (UTF-8, header row; see docs/csv-import.md)")
    .option("--entity <slug>", "import only into this entity (the entity column may then be omitted)")
    .option("--dry-run", "validate and count, write nothing")
    .option("--encoding <charset>", "the file's character encoding when it is not UTF-8 (e.g. windows-1256)")
    .option("--db <path>", "SQLite file (default: DATABASE_URL or data/amanah.db)")
    .action(async (file: string, opts: { entity?: string; dryRun?: boolean; db?: string; encoding?: string }) => {
      if (!existsSync(file)) {
        console.error(`${file}: no such file`);
        process.exitCode = 1;
        return;
      }
      const size = statSync(file).size;
      if (size > MAX_CSV_BYTES) {
        console.error(`${file}: the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB (the size limit); nothing imported`);
        process.exitCode = 1;
        return;
      }
      const db = openDb(databasePath(opts.db ?? process.env.DATABASE_URL));
      migrateDb(db);
      // Progress on stderr so stdout stays the machine-readable summary.
      const bar = new cliProgress.SingleBar({ stream: process.stderr, format: "import [{bar}] {value}/{total} rows", hideCursor: true }, cliProgress.Presets.shades_classic);
      let started = false;
      try {
        const result = await importAccounts(db, readFileSync(file), {
          actor: "system:cli",
          entitySlug: opts.entity,
          dryRun: opts.dryRun,
          charset: opts.encoding,
          onProgress: (done, total) => {
            if (!started) {
              bar.start(total, 0);
              started = true;
            }
            bar.update(done);
          },
        });
        if (started) bar.stop();
        if (!result.ok) {
          console.error(`${file}: ${result.errors.length} problem(s); nothing imported`);
          for (const e of result.errors) console.error(`  line ${e.line}: ${e.message}`);
          process.exitCode = 1;
          return;
        }
        console.log(JSON.stringify({ file, created: result.created, updated: result.updated, unchanged: result.unchanged, total: result.total, dryRun: result.dryRun }));
      } finally {
        closeDb(db);
      }
    });
}
