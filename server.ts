/**
 * Production/dev HTTP server: express + compression + the Remix request handler serving build/.
 * `createServer(opts)` starts it in-process (tests, demo); run directly it starts on PORT (3000).
 * Config is validated first: a ConfigError prints its message and exits non-zero.
 */
import express from "express";
import compression from "compression";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { config, ConfigError } from "./app/lib/config.server";
import { registerHealthCheck, runHealthChecks } from "./app/lib/health.server";
import { getDb, databasePath } from "./db/client";
import { getUser } from "./app/lib/permissions.server";
import { mountQueueBoard } from "./workers/board";
import { registerWorkerHealth } from "./workers/health";

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
}

export interface RunningServer {
  app: express.Express;
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

const ROOT = fileURLToPath(new URL(".", import.meta.url));

registerHealthCheck("database", () => {
  const row = getDb(databasePath(process.env.DATABASE_URL)).get<{ ok: number }>(sql`select 1 as ok`);
  return { ok: row?.ok === 1, path: databasePath(process.env.DATABASE_URL) };
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
  app.use(compression());
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
    const health = await runHealthChecks();
    res.status(health.status === "ok" ? 200 : 503).json(health);
  });

  const closers: (() => Promise<void> | void)[] = [];
  const redisUrl = opts.redisUrl ?? cfg.REDIS_URL;
  if (redisUrl) {
    const health = registerWorkerHealth(redisUrl);
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

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: cfg.NODE_ENV === "production" ? "production" : "development",
      getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
    }),
  );

  const port = opts.port ?? cfg.PORT;
  const host = opts.host ?? "0.0.0.0";
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

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    config();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  createServer({ logRequests: process.env.LOG_LEVEL === "debug" })
    .then((s) => {
      console.log(`Amanah listening on http://localhost:${s.port}`);
      const stop = () => s.close().then(() => process.exit(0));
      process.on("SIGTERM", stop);
      process.on("SIGINT", stop);
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
