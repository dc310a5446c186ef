/**
 * The one-way layers of docs/decisions/004-one-way-layers.md, held by the lint config: the whole
 * tree passes the boundary, SQL-in-db and no-any rules, and the rules do fire on a forbidden import.
 */
import { ESLint } from "eslint";
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const LAYER_RULES = new Set(["import-x/no-restricted-paths", "no-restricted-imports", "no-restricted-syntax", "@typescript-eslint/no-explicit-any"]);

async function ruleIdsFor(path: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, path) });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe("one-way layers", () => {
  it("the whole tree passes the boundary, SQL and no-any rules", async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(["core", "connectors", "db", "reports", "workers", "app", "scripts", "server.ts"]);
    const problems = results.flatMap((r) =>
      r.messages.filter((m) => m.ruleId && LAYER_RULES.has(m.ruleId)).map((m) => `${r.filePath.slice(root.length + 1)}:${m.line} ${m.ruleId}: ${m.message}`),
    );
    expect(problems).toEqual([]);
  }, 120_000);

  it("fails on a deliberately forbidden import, passes the same import where it is allowed", async () => {
    const upward = 'import { db } from "../app/lib/db.server";\nexport const x = db;\n';
    expect(await ruleIdsFor("core/probe.ts", upward)).toContain("import-x/no-restricted-paths");
    expect(await ruleIdsFor("db/probe.ts", upward)).toContain("import-x/no-restricted-paths");
    expect(await ruleIdsFor("workers/probe.ts", 'import { startWorkers } from "../app/root";\nexport const x = startWorkers;\n')).toContain("import-x/no-restricted-paths");
    expect(await ruleIdsFor("connectors/x/probe.ts", 'import { getDb } from "../../db/client";\nexport const x = getDb;\n')).toContain("import-x/no-restricted-paths");
    // Production never imports the sandbox; scripts (the demo) may.
    const sandbox = 'import { startSandbox } from "../connectors/sandbox/server";\nexport const x = startSandbox;\n';
    expect(await ruleIdsFor("workers/probe.ts", sandbox)).toContain("import-x/no-restricted-paths");
    expect(await ruleIdsFor("scripts/probe.ts", sandbox)).toEqual([]);
    // Downward imports are fine.
    expect(await ruleIdsFor("workers/probe.ts", 'import { getDb } from "../db/client";\nexport const x = getDb;\n')).toEqual([]);
    expect(await ruleIdsFor("db/probe.ts", 'import { bahrainDay } from "../core/calendar";\nexport const x = bahrainDay;\n')).toEqual([]);
  }, 60_000);

  it("only db/ writes SQL: drizzle, the driver, the tables and the raw handle stay behind it", async () => {
    expect(await ruleIdsFor("app/lib/probe.server.ts", 'import { eq } from "drizzle-orm";\nexport const x = eq;\n')).toContain("no-restricted-imports");
    expect(await ruleIdsFor("workers/probe.ts", 'import { posts } from "../db/schema";\nexport const x = posts;\n')).toContain("no-restricted-imports");
    expect(await ruleIdsFor("reports/probe.ts", 'import type { Db } from "../db/client";\nexport const f = (d: Db) => d.$client;\n')).toContain("no-restricted-syntax");
    expect(await ruleIdsFor("db/probe.ts", 'import { eq } from "drizzle-orm";\nimport { posts } from "./schema";\nexport const x = [eq, posts];\n')).toEqual([]);
    expect(await ruleIdsFor("app/lib/probe.server.ts", "export const x: any = 1;\n")).toContain("@typescript-eslint/no-explicit-any");
  }, 60_000);

  it("no SQL text outside db/ (the sandbox and tests aside)", () => {
    const files = execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard", "*.ts", "*.tsx"], { cwd: root, encoding: "utf8" })
      .split("\n")
      .filter((f) => f && !/^(db|tests|connectors\/sandbox)\//.test(f));
    const SQL = /["'`]\s*(SELECT\s[\s\S]*?\sFROM\s|INSERT\s+(OR\s+\w+\s+)?INTO\s|UPDATE\s+\w+\s+SET\s|DELETE\s+FROM\s|PRAGMA\s)/i;
    const offenders = files.filter((f) => SQL.test(readFileSync(resolve(root, f), "utf8")));
    expect(offenders).toEqual([]);
  });
});
