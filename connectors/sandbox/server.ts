/**
 * The platform sandbox: one node:http server answering every endpoint the connectors call, under
 * a path prefix per platform, from a deterministic world with a controllable clock, fault
 * injection, enforced rate-limit blocks, a request log and a ground-truth endpoint.
 * For the demo and tests only: production code never imports this.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { rng } from "../../db/demo/world";
import type { Platform } from "../types";
import { drawFault, mergeFaults, NO_FAULTS, type FaultKind, type FaultPatch, type FaultRates } from "./faults";
import type { Quirks } from "./hard-cases";
import type { PlatformModule, SbContext, SbResponse } from "./http";
import { blueskyModule } from "./platforms/bluesky";
import { mastodonModule } from "./platforms/mastodon";
import { metaModule } from "./platforms/meta";
import { rssModule } from "./platforms/rss";
import { xModule } from "./platforms/x";
import { youtubeModule } from "./platforms/youtube";
import { SandboxWorld, type WorldOptions } from "./world";

export interface SandboxOptions extends WorldOptions {
  /** 0 picks a free port. Default SANDBOX_PORT or 4010. */
  port?: number;
  host?: string;
  /** External clock; POST /_sandbox/clock then shifts it by an offset. Default: a clock frozen at startAt. */
  now?: () => number;
  faults?: Partial<FaultRates>;
  /** Tokens answered as expired (any token containing "expired" is too). */
  expiredTokens?: string[];
  /** From this clock time on, every token/key is expired. */
  tokensExpireAt?: number;
}

export interface RequestLogEntry {
  platform: Platform | null;
  method: string;
  path: string;
  at: number;
  status: number;
  fault: FaultKind | "blocked" | null;
}

export interface SandboxClock {
  now(): number;
  set(ms: number): void;
  advance(ms: number): void;
}

export interface Sandbox {
  url: string;
  port: number;
  world: SandboxWorld;
  clock: SandboxClock;
  /** Base URL per platform for connector config. */
  baseUrls: Record<Platform, string>;
  requests: RequestLogEntry[];
  /** null clears a filter (platforms, paths), as in POST /_sandbox/faults. */
  setFaults(patch: FaultPatch): FaultRates;
  close(): Promise<void>;
}

const PREFIXES: { prefix: string; module: PlatformModule }[] = [
  { prefix: "/x", module: xModule },
  { prefix: "/graph", module: metaModule },
  { prefix: "/youtube", module: youtubeModule },
  { prefix: "/mastodon", module: mastodonModule },
  { prefix: "/bluesky", module: blueskyModule },
  { prefix: "/rss", module: rssModule },
];

const GRAPH_VERSION = "v26.0";

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const world = new SandboxWorld(opts);
  const base = opts.now ?? (() => world.startAt);
  let offset = 0;
  const clock: SandboxClock = {
    now: () => base() + offset,
    set: (ms) => void (offset = ms - base()),
    advance: (ms) => void (offset += ms),
  };
  let faults = mergeFaults(NO_FAULTS, opts.faults ?? {});
  const faultRng = rng(`${world.seed}:faults`);
  const blockedUntil = new Map<Platform, number>();
  const requests: RequestLogEntry[] = [];
  const expired = new Set(opts.expiredTokens ?? []);
  const isExpired = (t: string) =>
    expired.has(t) || /expired/i.test(t) || (opts.tokensExpireAt !== undefined && clock.now() >= opts.tokensExpireAt);

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "sandbox failure", message: String(err) }));
      } else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
    if (url.pathname.startsWith("/_sandbox/")) return control(req, res, url);
    const now = clock.now();
    const route = PREFIXES.find((p) => url.pathname === p.prefix || url.pathname.startsWith(`${p.prefix}/`));
    const logPath = redactPath(url);
    if (!route) {
      send(res, now, { status: 404, headers: { "content-type": "text/plain" }, body: "no such sandbox route" });
      requests.push({ platform: null, method: req.method ?? "GET", path: logPath, at: now, status: 404, fault: null });
      return;
    }
    const path = url.pathname.slice(route.prefix.length) || "/";
    const ctx: SbContext = { world, now, url, path, base: `${url.origin}${route.prefix}${route.prefix === "/graph" ? `/${path.split("/")[1] ?? GRAPH_VERSION}` : ""}`, headers: req.headers, isExpired };
    const platform = route.module.platformOf(ctx);
    const log = (status: number, fault: RequestLogEntry["fault"]) =>
      requests.push({ platform, method: req.method ?? "GET", path: logPath, at: now, status, fault });

    // A request before an announced reset is refused again, with the same reset.
    const until = blockedUntil.get(platform);
    if (until !== undefined && now < until) {
      const r = route.module.rateLimited(ctx, until);
      log(r.status, "blocked");
      return send(res, now, r);
    }
    const { kind, slow } = drawFault(faults, faultRng, platform, url.pathname);
    if (slow && faults.slowMs > 0) await new Promise((r) => setTimeout(r, faults.slowMs));
    let out: SbResponse;
    if (kind === "rateLimit") {
      const u = route.module.newBlock(ctx, faultRng);
      blockedUntil.set(platform, u);
      out = route.module.rateLimited(ctx, u);
    } else if (kind === "serverError") out = route.module.serverError(ctx, faultRng);
    else if (kind === "expiredToken") out = route.module.expiredToken(ctx);
    else out = route.module.handle(ctx);

    if (kind === "malformedJson" && out.status === 200 && out.body.length > 2) {
      // Break the document near its end: a dangling comma / unclosed element.
      out = { ...out, body: out.body.slice(0, Math.floor(out.body.length * 0.8)) + (out.body.trimStart().startsWith("<") ? "<broken" : ',"') };
    }
    log(out.status, kind);
    if (kind === "cutBody" && out.body.length > 1) return sendCut(res, now, out);
    send(res, now, out);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    try {
      const body = req.method === "POST" ? await readJson(req) : undefined;
      switch (`${req.method} ${url.pathname}`) {
        case "GET /_sandbox/faults":
          return reply(200, faults);
        case "POST /_sandbox/faults":
          faults = mergeFaults(faults, body);
          return reply(200, faults);
        case "GET /_sandbox/clock":
          return reply(200, { now: clock.now(), iso: new Date(clock.now()).toISOString() });
        case "POST /_sandbox/clock": {
          const b = (body ?? {}) as { advanceMs?: unknown; now?: unknown };
          if (typeof b.advanceMs === "number") clock.advance(b.advanceMs);
          else if (typeof b.now === "number" || typeof b.now === "string") {
            const t = typeof b.now === "number" ? b.now : Date.parse(b.now);
            if (!Number.isFinite(t)) throw new Error("now must be epoch ms or an ISO date");
            clock.set(t);
          } else throw new Error("give advanceMs or now");
          return reply(200, { now: clock.now(), iso: new Date(clock.now()).toISOString() });
        }
        case "GET /_sandbox/requests": {
          const since = Number(url.searchParams.get("since") ?? 0);
          return reply(200, requests.slice(since));
        }
        case "DELETE /_sandbox/requests":
          requests.length = 0;
          return reply(200, { ok: true });
        case "GET /_sandbox/accounts":
          return reply(
            200,
            world.accounts.map((a) => ({ key: a.key, platform: a.platform, handle: a.handle, currentHandle: a.currentHandle, platformId: a.platformId, apiId: a.apiId, state: a.state, class: a.class, postsPerDay: a.postsPerDay, quirks: quirksJson(a.quirks) })),
          );
        case "GET /_sandbox/impostors.jsonl": {
          // The impostors a watch should find (not parodies, not unrelated look-alikes).
          res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
          for (const f of world.fakes) if (f.kind === "impostor") res.write(JSON.stringify({ platform: f.platform, handle: f.handle, imitates: f.imitates }) + "\n");
          res.end();
          return;
        }
        case "GET /_sandbox/fakes.jsonl": {
          res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
          for (const f of world.fakes) res.write(JSON.stringify({ kind: f.kind, platform: f.platform, handle: f.handle, imitates: f.imitates, entity: f.entitySlug, how: f.how }) + "\n");
          res.end();
          return;
        }
        case "GET /_sandbox/takeover":
          return reply(200, world.takeover ? { ...world.takeover, at: new Date(world.takeover.at).toISOString(), burst: world.takeover.burst.map((t) => new Date(t).toISOString()) } : null);
        case "GET /_sandbox/truth.jsonl": {
          const pf = url.searchParams.get("platform");
          const hf = url.searchParams.get("handle");
          res.writeHead(200, { "content-type": "application/x-ndjson; charset=utf-8" });
          for (const t of world.truth(clock.now())) {
            if ((pf && t.platform !== pf) || (hf && t.handle !== hf)) continue;
            res.write(JSON.stringify(t) + "\n");
          }
          res.end();
          return;
        }
        default:
          return reply(404, { error: `unknown control endpoint ${req.method} ${url.pathname}` });
      }
    } catch (err) {
      reply(400, { error: (err as Error).message });
    }
  }

  function send(res: ServerResponse, now: number, r: SbResponse): void {
    const body = Buffer.from(r.body, r.encoding ?? "utf8");
    res.writeHead(r.status, { date: new Date(now).toUTCString(), "content-length": String(body.length), ...r.headers });
    res.end(body);
  }

  function sendCut(res: ServerResponse, now: number, r: SbResponse): void {
    const body = Buffer.from(r.body, r.encoding ?? "utf8");
    res.writeHead(r.status, { date: new Date(now).toUTCString(), "content-length": String(body.length), ...r.headers });
    res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
  }

  const port = opts.port ?? Number(process.env.SANDBOX_PORT ?? 4010);
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  const url = `http://${host}:${actual}`;
  return {
    url,
    port: actual,
    world,
    clock,
    requests,
    baseUrls: {
      x: `${url}/x`,
      facebook: `${url}/graph/${GRAPH_VERSION}`,
      instagram: `${url}/graph/${GRAPH_VERSION}`,
      youtube: `${url}/youtube/youtube/v3`,
      mastodon: `${url}/mastodon`,
      bluesky: `${url}/bluesky`,
      rss: `${url}/rss`,
    },
    setFaults(patch) {
      faults = mergeFaults(faults, patch);
      return faults;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Quirks for JSON: "protected since always" would otherwise print as null. */
function quirksJson(q: Quirks): Record<string, unknown> {
  const { protectedFrom, ...rest } = q;
  if (protectedFrom === undefined) return rest;
  return { ...rest, protectedFrom: Number.isFinite(protectedFrom) ? new Date(protectedFrom).toISOString() : "always" };
}

function redactPath(url: URL): string {
  const u = new URL(url.toString());
  for (const k of ["access_token", "key"]) if (u.searchParams.has(k)) u.searchParams.set(k, "REDACTED");
  return u.pathname + u.search;
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > 1_000_000) throw new Error("body too large");
    chunks.push(c as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : {};
}
