/** Builds the Remix app when build/index.js is missing or older than app/ (a stale build would run old code). */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

export function ensureBuild(root = process.cwd()): void {
  const out = join(root, "build", "index.js");
  const stale = !existsSync(out) || statSync(out).mtimeMs < Math.max(newestMtime(join(root, "app")), statSync(join(root, "remix.config.js")).mtimeMs);
  // NODE_ENV must be production here: vitest sets "test", which would emit dev-only JSX calls.
  if (stale) execFileSync("npx", ["remix", "build"], { cwd: root, stdio: "pipe", env: { ...process.env, NODE_ENV: "production" } });
}
