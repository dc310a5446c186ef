/**
 * A private, throw-away Redis for the demo and the tests when REDIS_URL is unset: Debian's
 * `redis-server` on a free loopback port, no persistence, data dir under `dir`. `restart()` keeps
 * the port so clients reconnect (used by the tests that restart Redis mid-ingest).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { createServer, connect } from "node:net";

export const REDIS_BINARY = process.env.REDIS_SERVER_BIN ?? "/usr/bin/redis-server";

export interface LocalRedis {
  url: string;
  port: number;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Installs Debian's redis-server when missing and we are root; otherwise a clear error. */
export function ensureRedisBinary(binary = REDIS_BINARY): string {
  if (existsSync(binary)) return binary;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(
      `${binary} not found. Install Redis (as root: apt-get install -y redis-server) or set REDIS_URL to a running Redis.`,
    );
  }
  process.stderr.write("redis-server missing: installing Debian's redis-server package…\n");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const update = spawnSync("apt-get", ["update"], { stdio: "inherit", env });
  const install = spawnSync("apt-get", ["install", "-y", "--no-install-recommends", "redis-server"], { stdio: "inherit", env });
  if (update.error || install.status !== 0 || !existsSync(binary)) {
    throw new Error(`could not install redis-server with apt-get (exit ${install.status}); set REDIS_URL to a running Redis instead`);
  }
  return binary;
}

function waitForPort(port: number, child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      if (child.exitCode !== null) return reject(new Error(`redis-server exited with code ${child.exitCode}`));
      const sock = connect(port, "127.0.0.1");
      sock.once("connect", () => {
        // Redis accepts connections only once it is ready to serve.
        sock.end("PING\r\n");
        resolve();
      });
      sock.once("error", () => {
        sock.destroy();
        if (Date.now() > deadline) reject(new Error(`redis-server did not listen on ${port} within ${timeoutMs} ms`));
        else setTimeout(attempt, 50);
      });
    };
    attempt();
  });
}

export async function ensureRedis(opts: { dir: string; port?: number; quiet?: boolean }): Promise<LocalRedis> {
  const binary = ensureRedisBinary();
  mkdirSync(opts.dir, { recursive: true });
  const port = opts.port ?? (await freePort());
  let child: ChildProcess | null = null;

  const start = async () => {
    const c = spawn(
      binary,
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", opts.dir, "--loglevel", "warning"],
      { stdio: ["ignore", opts.quiet === false ? "inherit" : "ignore", "inherit"] },
    );
    child = c;
    await waitForPort(port, c);
  };

  const stop = async () => {
    const c = child;
    child = null;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => c.kill("SIGKILL"), 5_000);
      c.once("exit", () => {
        clearTimeout(t);
        resolve();
      });
      c.kill("SIGTERM");
    });
  };

  await start();
  // Never leave an orphaned redis-server behind when the parent exits abruptly.
  const onExit = () => {
    const c = child as ChildProcess | null;
    c?.kill("SIGKILL");
  };
  process.once("exit", onExit);

  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    stop: async () => {
      process.off("exit", onExit);
      await stop();
    },
    restart: async () => {
      await stop();
      await start();
    },
  };
}
