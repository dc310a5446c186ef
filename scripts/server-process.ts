/**
 * The web server as production runs it (`bash scripts/server.sh` → `node build/server.js`), started
 * in a child process on a free port (or `port`), answering once /healthz does. The demo, the
 * benchmarks and the end-to-end harnesses share it, so they all run what `npm start` runs.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SERVER_SCRIPT } from "./app-build";
import { freePort } from "./redis";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

export interface ServerProcessOptions {
  /** The child's whole environment (callers spread process.env themselves). */
  env: NodeJS.ProcessEnv;
  port?: number;
  /** "capture": output kept in `logs` (and shown if it fails to start); "inherit": to this
   *  process's; "quiet": stdout dropped, stderr inherited. */
  output: "capture" | "inherit" | "quiet";
  /** Also count a 503 as up (a component, e.g. the workers, may be down on purpose). */
  degraded?: boolean;
  timeoutMs?: number;
}

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  logs: string[];
  /** Resolves with the exit code when the process ends. */
  exited: Promise<number | null>;
  /** SIGTERM (if still running), then wait for the exit. */
  stop(): Promise<void>;
}

export async function startServerProcess(opts: ServerProcessOptions): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const child = spawn("bash", [SERVER_SCRIPT], {
    cwd: ROOT,
    env: { ...opts.env, PORT: String(port) },
    stdio: ["ignore", opts.output === "capture" ? "pipe" : opts.output === "inherit" ? "inherit" : "ignore", opts.output === "capture" ? "pipe" : "inherit"],
  });
  const logs: string[] = [];
  child.stdout?.on("data", (d) => logs.push(String(d)));
  child.stderr?.on("data", (d) => logs.push(String(d)));
  const exited = new Promise<number | null>((ok) => child.once("exit", (code) => ok(code)));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    await exited;
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the web server exited with code ${child.exitCode}:\n${logs.join("")}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the web server did not answer /healthz within ${(opts.timeoutMs ?? 60_000) / 1000} s:\n${logs.join("")}`);
    }
    const status = await fetch(`${url}/healthz`).then((r) => r.status, () => 0);
    if (status === 200 || (opts.degraded === true && status === 503)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, child, logs, exited, stop };
}
