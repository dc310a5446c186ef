/**
 * `npm run bench` — runs each area's benchmark and prints a table; `-- --json` prints one JSON
 * object of named figures instead; `-- --quick` uses smaller data; `-- scoring dashboard` picks areas.
 */
import type { BenchFn, BenchResult } from "./bench/types";

const AREAS: Record<string, () => Promise<BenchFn>> = {
  scoring: async () => (await import("./bench/scoring")).benchScoring,
  dashboard: async () => (await import("./bench/dashboard")).benchDashboard,
  ingestion: async () => (await import("./bench/ingestion")).benchIngestion,
  reports: async () => (await import("./bench/reports")).benchReports,
  exports: async () => (await import("./bench/exports")).benchExports,
  alerts: async () => (await import("./bench/alerts")).benchAlerts,
};

const args = process.argv.slice(2);
const json = args.includes("--json");
const quick = args.includes("--quick");
const picked = args.filter((a) => !a.startsWith("--"));
const unknown = picked.filter((a) => !(a in AREAS));
if (unknown.length) {
  console.error(`unknown bench area(s): ${unknown.join(", ")}; known: ${Object.keys(AREAS).join(", ")}`);
  process.exit(2);
}

const results: Record<string, BenchResult[]> = {};
for (const area of picked.length ? picked : Object.keys(AREAS)) {
  if (!json) console.error(`bench: ${area} …`);
  const run = await AREAS[area]();
  results[area] = await run({ quick });
}

if (json) {
  const figures: Record<string, number> = {};
  for (const [area, rows] of Object.entries(results)) for (const r of rows) figures[`${area}.${r.name}`] = r.value;
  console.log(JSON.stringify(figures));
} else {
  const rows = Object.entries(results).flatMap(([area, rs]) =>
    rs.map((r) => [area, r.name, r.value.toLocaleString("en", { maximumFractionDigits: 2 }), r.unit, r.target ?? ""]),
  );
  const head = ["area", "figure", "value", "unit", "target"];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ");
  console.log(line(head));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}
process.exit(0);
