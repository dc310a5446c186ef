/**
 * Production/dev HTTP server: express + compression + the Remix request handler serving build/.
 * `createServer(opts)` starts it in-process (tests, demo); run directly it starts on PORT (3000).
 * Config is validated first: a ConfigError prints its message and exits non-zero.
 * Run directly it is a node:cluster primary forking WEB_CONCURRENCY workers (default: one per CPU;
 * 1 = a single process, no cluster): SSR is CPU-bound and one process serves requests one after
 * another. The primary restarts a worker that dies and stops all workers on SIGTERM/SIGINT.
 */
import express from "express";
import compression from "compression";
import { createRequestHandler as createFetchHandler, type ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import cluster, { type Worker } from "node:cluster";
import { availableParallelism } from "node:os";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { config, ConfigError } from "./core/config";
import { answerRateAsk, FixedWindowLimiter, isRateAsk } from "./core/rate-limit";
import { publicHealth, registerHealthCheck } from "./app/lib/health.server";
import { getDb, databasePath } from "./db/client";
import { databaseAnswers } from "./db/read/health";
import { importAccountsInThread, type ImportJob } from "./db/import-thread";
import { getUser } from "./app/lib/permissions.server";
import { createPageCache } from "./app/lib/page-cache.server";
import { sameOriginWrites } from "./app/lib/same-origin.server";
import { fetchRequest, sendResponse } from "./app/lib/send-response.server";
import { mountQueueBoard } from "./workers/board";
import { workerHealthChecks } from "./workers/health";

export interface ServerOptions {
  /** 0 picks a free port. Default: config PORT. */
  port?: number;
  host?: string;
  /** Folder holding the Remix server build (build/index.js). */
  buildDir?: string;
  /** Folder of static files (public/, with public/build from the Remix compiler). */
  publicDir?: string;
  /** Log each request line to stdout. */
  logRequests?: boolean;
  /** Redis of the workers: mounts Bull Board (csb_admin) and the redis/workers health checks. Default: REDIS_URL. */
  redisUrl?: string;
  /** Reuse rendered pages while the database is unchanged. Default: config PAGE_CACHE. */
  pageCache?: boolean;
}

export interface RunningServer {
  app: express.Express;
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

// The project folder: this file's own, or its parent when running compiled as build/server.js.
const ROOT = fileURLToPath(new URL(import.meta.url.endsWith(".ts") ? "." : "..", import.meta.url));

registerHealthCheck("database", () => {
  return { ok: databaseAnswers(getDb(databasePath(process.env.DATABASE_URL))), path: databasePath(process.env.DATABASE_URL) };
});

export async function createServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const cfg = config();
  const buildDir = resolve(opts.buildDir ?? resolve(ROOT, "build"));
  const publicDir = resolve(opts.publicDir ?? resolve(ROOT, "public"));
  const buildFile = resolve(buildDir, "index.js");
  if (!existsSync(buildFile)) throw new Error(`No Remix build at ${buildFile}: run \`npm run build\` first`);
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild;

  const app = express();
  app.disable("x-powered-by");
  // zlib's default level 6 on purpose: measured on the 1M-post bench pages (53–174 kB of HTML),
  // level 1 saves ≤ 0.7 ms per page (none on /compare) for 14–20 % more bytes; gzip is not where
  // the time goes (React SSR is). See docs/compliance-score.md, Performance.
  app.use(compression());
  app.use(sameOriginWrites);
  // Fingerprinted assets from the Remix compiler: cache for a year.
  app.use("/build", express.static(resolve(publicDir, "build"), { immutable: true, maxAge: "1y" }));
  app.use(express.static(publicDir, { maxAge: "1h" }));
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/favicon.svg"));
  if (opts.logRequests) {
    app.use((req, res, next) => {
      const t0 = Date.now();
      res.on("finish", () => console.log(`${req.method} ${req.originalUrl} ${res.statusCode} ${Date.now() - t0}ms`));
      next();
    });
  }

  app.get("/healthz", async (_req, res) => {
    const health = await publicHealth();
    res.status(health.status === "ok" ? 200 : 503).json(health);
  });

  const closers: (() => Promise<void> | void)[] = [];
  const redisUrl = opts.redisUrl ?? cfg.REDIS_URL;
  if (redisUrl) {
    const health = workerHealthChecks(redisUrl);
    for (const [name, check] of Object.entries(health.checks)) registerHealthCheck(name, check);
    closers.push(() => health.close());
    const board = mountQueueBoard(app, {
      redisUrl,
      // The session cookie decides, exactly as for the Remix routes.
      authorize: async (req) => {
        const request = new Request(new URL(req.originalUrl, "http://localhost"), { headers: { cookie: req.headers.cookie ?? "" } });
        return (await getUser(request))?.role === "csb_admin";
      },
    });
    closers.push(() => board.close());
  }

  const mode = cfg.NODE_ENV === "production" ? "production" : "development";
  const render = createFetchHandler(build, mode);
  const dbFile = databasePath(process.env.DATABASE_URL);
  // CSV imports run in a worker thread on their own connection (an in-memory database cannot be shared).
  const runImport = dbFile === ":memory:" ? undefined : (job: ImportJob) => importAccountsInThread({ ...job, databaseFile: resolve(dbFile) });
  if ((opts.pageCache ?? cfg.PAGE_CACHE === "1") && dbFile !== ":memory:" && existsSync(dbFile)) {
    const cache = createPageCache({
      databaseFile: dbFile,
      render: (request, clientIp) => render(request, { clientIp }),
      identify: async (request) => (await getUser(request))?.id ?? null,
    });
    closers.push(() => cache.close());
    app.get("*", cache.middleware);
  }

  // The Remix handler at the Fetch API level, its response sent with back-pressure (streamed exports).
  app.all("*", (req, res, next) => {
    void (async () => {
      const response = await render(fetchRequest(req, res), { clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown", runImport });
      await sendResponse(res, response);
    })().catch(next);
  });

  const port = opts.port ?? cfg.PORT;
  const host = opts.host ?? cfg.HOST;
  const server = await new Promise<Server>((ok, fail) => {
    const s = app.listen(port, host, () => ok(s));
    s.on("error", fail);
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    app,
    server,
    port: actual,
    url: `http://127.0.0.1:${actual}`,
    close: async () => {
      for (const c of closers) await c();
      await new Promise<void>((ok, fail) => server.close((err) => (err ? fail(err) : ok())));
    },
  };
}

/** WEB_CONCURRENCY as a worker count: a positive integer, else one per CPU. */
export function webConcurrency(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.WEB_CONCURRENCY?.trim();
  if (raw) {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError([`WEB_CONCURRENCY: expected a positive integer, got "${raw}"`]);
    return n;
  }
  return availableParallelism();
}

/** One HTTP server in this process; SIGTERM/SIGINT close it and exit 0. */
function runServer(label: string): void {
  let stopping = false;
  const fail = (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  };
  createServer({ logRequests: process.env.LOG_LEVEL === "debug" })
    .then((s) => {
      console.log(`Amanah listening on http://localhost:${s.port}${label}`);
      const stop = () => {
        if (stopping) return;
        stopping = true;
        s.close().then(() => process.exit(0), fail);
      };
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    })
    .catch(fail);
}

/** Cluster primary: forks `n` workers, replaces one that dies, stops them all on SIGTERM/SIGINT. */
function runPrimary(n: number): void {
  const STOP_TIMEOUT_MS = 10_000;
  let stopping = false;
  let stopCode = 0;
  const live = new Set<Worker>();
  const listening = new WeakSet<Worker>();
  let restarts: number[] = [];
  // One rate-limit count per user for all workers (app/lib/rate-limit.server.ts asks here).
  const limiter = new FixedWindowLimiter(() => config().API_RATE_LIMIT);
  const fork = () => {
    const w = cluster.fork();
    live.add(w);
    w.once("listening", () => listening.add(w));
    w.on("message", (m: unknown) => {
      if (isRateAsk(m) && w.isConnected()) w.send(answerRateAsk(limiter, m));
    });
  };
  cluster.on("exit", (w, code, signal) => {
    live.delete(w);
    if (stopping) {
      if (live.size === 0) process.exit(stopCode);
      return;
    }
    const how = signal ? `signal ${signal}` : `code ${code}`;
    // A worker that never listened failed at start-up (no build, port in use...): a restart
    // would fail the same way, so stop with its exit code as the single process would.
    if (!listening.has(w)) {
      console.error(`Amanah worker ${w.process.pid} failed to start (${how}); stopping`);
      stop(code || 1);
      return;
    }
    // Guard against a crash loop: at most 10 restarts a minute.
    const now = Date.now();
    restarts = restarts.filter((t) => now - t < 60_000);
    if (restarts.length >= 10) {
      console.error(`Amanah workers keep dying (last: ${w.process.pid}, ${how}); stopping`);
      stop(1);
      return;
    }
    restarts.push(now);
    console.error(`Amanah worker ${w.process.pid} died (${how}); starting a new one`);
    fork();
  });
  function stop(exitCode: number): void {
    if (stopping) return;
    stopping = true;
    stopCode = exitCode;
    if (live.size === 0) process.exit(exitCode);
    for (const w of live) w.process.kill("SIGTERM");
    // A worker stuck closing (a long request) must not keep the deploy waiting forever.
    setTimeout(() => {
      console.error(`Amanah: ${live.size} worker(s) did not stop within ${STOP_TIMEOUT_MS / 1000}s; killing`);
      for (const w of live) w.process.kill("SIGKILL");
      process.exit(exitCode || 1);
    }, STOP_TIMEOUT_MS).unref();
  }
  process.on("SIGTERM", () => stop(0));
  process.on("SIGINT", () => stop(0));
  console.log(`Amanah primary ${process.pid}: starting ${n} workers`);
  for (let i = 0; i < n; i++) fork();
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  let workers = 1;
  try {
    config();
    workers = webConcurrency();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  if (cluster.isPrimary && workers > 1) runPrimary(workers);
  else runServer(cluster.isWorker ? ` (worker ${process.pid})` : "");
}
