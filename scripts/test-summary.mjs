// Prints the one summary line CI reads ("N passed, N failed") from vitest's JSON report.
// Skipped or todo tests are defects here, so they fail the run.
import { readFileSync } from "node:fs";

const report = JSON.parse(readFileSync(process.argv[2], "utf8"));
const passed = report.numPassedTests ?? 0;
// A file that failed without a failing test (import error, hook failure) still counts once;
// describe blocks around a failing test are not counted again.
const brokenFiles = (report.testResults ?? []).filter(
  (f) => f.status === "failed" && !(f.assertionResults ?? []).some((a) => a.status === "failed"),
).length;
const failed = (report.numFailedTests ?? 0) + brokenFiles;
const skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failed > 0 || skipped > 0 || passed === 0 ? 1 : 0);
