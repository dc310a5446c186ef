/**
 * `npx tsx scripts/scoring/eval-functional.ts [--misses]`: per-function accuracy of the scorer on
 * our own functional hate suite (core/scoring/suites/functional-hate.ts), Arabic and English.
 * `npm run eval:scorer` prints the same table through `functionalReport()`.
 */
import { fileURLToPath } from "node:url";
import { functionalReport } from "../../core/scoring/suites/functional-report";

export { functionalReport };
export type { FunctionalReport, FunctionRow } from "../../core/scoring/suites/functional-report";

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = functionalReport();
  process.stdout.write(r.table + "\n");
  if (process.argv.includes("--misses")) {
    for (const m of r.misses) process.stdout.write(`  MISS [${m.c.fn}/${m.c.lang}${m.c.hateful ? "" : " (not hateful)"}] ${m.c.text}  → ${m.got.join(", ") || "no flag"}\n`);
  }
}
