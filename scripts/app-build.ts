/**
 * Builds what the production server runs: the Remix app (build/index.js) and server.ts compiled
 * to plain JavaScript (build/server.js, with the CSV import thread's build/import-thread-worker.js).
 * Production runs `node build/server.js`, not tsx: tsx's module hooks cost the web process
 * ≈ 300 MB of resident memory (measured in docs/decisions/006-compiled-server.md).
 *
 * `npm run build` (this file run directly) builds everything; `--if-stale` only when an output is
 * missing or older than a source (a stale build would run old code). `ensureBuild()` is the latter
 * for tests and benchmarks.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, rmSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";

/** Source folders and files that end up in build/ (Remix bundles core/, db/… into index.js too). */
const SOURCES = ["app", "core", "connectors", "db", "reports", "workers", "server.ts", "remix.config.js"];
const SERVER_JS = "build/server.js";
/** Starts the compiled server as `npm start` does (bash SERVER_SCRIPT), relative to the project folder. */
export const SERVER_SCRIPT = "scripts/server.sh";
/** Every file the build writes that a later run needs. */
const OUTPUTS = ["build/index.js", SERVER_JS, "build/import-thread-worker.js"];

function newestMtime(path: string): number {
  if (!statSync(path).isDirectory()) return statSync(path).mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) newest = Math.max(newest, newestMtime(join(path, entry.name)));
  return newest;
}

export function buildIsStale(root = process.cwd()): boolean {
  const outputs = OUTPUTS.map((o) => join(root, o));
  if (!outputs.every((o) => existsSync(o))) return true;
  const built = Math.min(...outputs.map((o) => statSync(o).mtimeMs));
  return SOURCES.some((s) => existsSync(join(root, s)) && newestMtime(join(root, s)) > built);
}

/**
 * server.ts and the import thread as ES modules; npm packages stay imports from node_modules.
 * Split: what the server imports dynamically (the queue board) is a chunk of its own, so the
 * packages it needs load only when it does.
 */
export function buildServer(root = process.cwd()): void {
  rmSync(join(root, "build", "chunks"), { recursive: true, force: true });
  buildSync({
    absWorkingDir: root,
    entryPoints: { server: "server.ts", "import-thread-worker": "db/import-thread-worker.ts" },
    outdir: "build",
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
}

export function build(root = process.cwd(), { quiet = true } = {}): void {
  // NODE_ENV must be production here: vitest sets "test", which would emit dev-only JSX calls.
  execFileSync("npx", ["remix", "build"], { cwd: root, stdio: quiet ? "pipe" : "inherit", env: { ...process.env, NODE_ENV: "production" } });
  buildServer(root);
}

/** Builds when build/ is missing or older than the sources. */
export function ensureBuild(root = process.cwd()): void {
  if (buildIsStale(root)) build(root);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = resolve(fileURLToPath(new URL("..", import.meta.url)));
  try {
    if (!process.argv.includes("--if-stale")) build(root, { quiet: false });
    else if (buildIsStale(root)) {
      console.error("amanah: building the dashboard …");
      build(root);
    }
  } catch (err) {
    const out = err as { stderr?: Buffer; stdout?: Buffer; message: string };
    console.error(`amanah build failed: ${String(out.stderr ?? "") || String(out.stdout ?? "") || out.message}`);
    process.exit(1);
  }
}
