/**
 * `npm run cli -- report --entity SLUG|--csb --week YYYY-MM-DD --out FILE.pdf [--lang en] [--archive]`
 * Renders one weekly report to a file. With --archive it is also stored as a new version in
 * REPORTS_DIR and recorded in the `reports` table. The week must be a Sunday (docs/reports.md).
 */
import type { Command } from "commander";
import { copyFileSync, writeFileSync } from "node:fs";
import { closeDb, databasePath, openDb } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { generateReport, renderReport } from "../../reports/archive";
import { closeBrowser } from "../../reports/browser";
import { entityBySlug } from "../../reports/data";
import { ReportInputError, localeSchema, parseWeek } from "../../reports/week";

interface Opts {
  entity?: string;
  csb?: boolean;
  week: string;
  out: string;
  lang: string;
  archive?: boolean;
}

export function register(program: Command): void {
  program
    .command("report")
    .description("render a weekly compliance report (PDF)")
    .option("--entity <slug>", "the entity's report")
    .option("--csb", "the CSB-wide report")
    .requiredOption("--week <YYYY-MM-DD>", "the Sunday that starts the week (Asia/Bahrain)")
    .requiredOption("--out <file.pdf>", "where to write the PDF")
    .option("--lang <ar|en>", "language", "ar")
    .option("--archive", "also store it as a new archived version")
    .action(async (o: Opts) => {
      const db = openDb(databasePath());
      try {
        migrateDb(db);
        if (!!o.entity === !!o.csb) throw new ReportInputError("give exactly one of --entity SLUG or --csb");
        const lang = localeSchema.safeParse(o.lang);
        if (!lang.success) throw new ReportInputError(`--lang must be "ar" or "en" (got "${o.lang}")`);
        const weekStart = parseWeek(o.week);
        const entityId = o.entity ? entityBySlug(db, o.entity).id : undefined;
        const input = { scope: o.csb ? ("csb" as const) : ("entity" as const), entityId, weekStart, locale: lang.data };
        if (o.archive) {
          const row = await generateReport(db, { ...input, by: "system:cli" });
          copyFileSync(row.filePath, o.out);
          console.log(`${o.out}: ${row.pages} pages, ${row.bytes} bytes (archived as report ${row.id}, version ${row.version}, sha256 ${row.sha256})`);
        } else {
          const { pdf, pages } = await renderReport(db, input);
          writeFileSync(o.out, pdf);
          console.log(`${o.out}: ${pages} pages, ${pdf.length} bytes`);
        }
      } catch (e) {
        if (!(e instanceof ReportInputError)) throw e;
        console.error(`report: ${e.message}`);
        process.exitCode = 2;
      } finally {
        await closeBrowser();
        closeDb(db);
      }
    });
}
