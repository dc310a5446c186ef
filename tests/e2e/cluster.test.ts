/**
 * `npm start` with WEB_CONCURRENCY=2: a cluster primary with two workers serves pages (a session
 * made on one worker is valid on the other), holds one API rate limit across both workers,
 * replaces a worker that dies, and on SIGTERM stops every worker and exits 0.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { resolve } from "node:path";
import { rmSync } from "node:fs";
import { createHash } from "node:crypto";
import { request as httpRequest } from "node:http";
import { ensureBuild, freePort, sessionCookie, SERVER_SCRIPT } from "./harness";
import { seededDb } from "../helpers/db";

const ROOT = resolve(__dirname, "../..");

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until<T>(
  what: string,
  fn: () => T | undefined | Promise<T | undefined>,
  logs: string[],
  ms = 60_000,
): Promise<T> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const v = await fn();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}:\n${logs.join("")}`);
}

const TOKEN = "amanah_cluster-rate-limit-test-token-0123456789";
const LIMIT = 6;

/** GET on a fresh connection (no keep-alive), so the primary hands each request to the next worker. */
function freshGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { agent: false, headers: { ...headers, Connection: "close" } }, (res) => {
      res.resume();
      res.on("end", () => ok(res.statusCode ?? 0));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("npm start with WEB_CONCURRENCY=2", () => {
  let child: ChildProcess;
  let dbPath = "";
  let url = "";
  const logs: string[] = [];
  const out = () => logs.join("");
  const workerPids = () =>
    [...out().matchAll(/listening on \S+ \(worker (\d+)\)/g)].map((m) => Number(m[1]));
  let exit: Promise<number | null>;

  beforeAll(async () => {
    ensureBuild();
    const t = await seededDb("cluster");
    const analyst = t.db.$client.prepare("SELECT id FROM users WHERE email = 'csb-analyst@demo.local'").get() as { id: number };
    t.db.$client
      .prepare("INSERT INTO api_tokens (user_id, name, scope, token_hash, prefix, created_at, expires_at) VALUES (?, 'cluster test', 'read', ?, ?, ?, ?)")
      .run(analyst.id, createHash("sha256").update(TOKEN, "utf8").digest("hex"), TOKEN.slice(0, 12), Date.now(), Date.now() + 86_400_000);
    t.db.$client.close();
    dbPath = t.path;
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: Record<string, string | undefined> = {
      ...process.env,
      WEB_CONCURRENCY: "2",
      SESSION_SECRET: "cluster-".padEnd(48, "x"),
      DATABASE_URL: dbPath,
      PORT: String(port),
      AMANAH_DEMO: "0",
      API_RATE_LIMIT: String(LIMIT),
    };
    delete env.NODE_ENV; // npm start sets it
    delete env.REDIS_URL; // no workers' Redis here
    // Own process group, so a failing test can still stop everything it started.
    child = spawn("npm", ["start"], {
      cwd: ROOT,
      env: env as NodeJS.ProcessEnv,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    child.stdout!.on("data", (d) => logs.push(String(d)));
    child.stderr!.on("data", (d) => logs.push(String(d)));
    exit = new Promise((r) => child.once("exit", (code) => r(code)));
    await until("two workers listening", () => (workerPids().length >= 2 ? true : undefined), logs);
  });

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* gone */
      }
    }
    for (const s of ["", "-wal", "-shm"]) rmSync(dbPath + s, { force: true });
  });

  it("serves pages from two worker processes, sessions valid on either", async () => {
    const primary = Number(/Amanah primary (\d+): starting 2 workers/.exec(out())?.[1]);
    expect(primary).toBeGreaterThan(0);
    const pids = workerPids();
    expect(new Set(pids).size).toBe(2);
    expect(pids).not.toContain(primary);

    const cookie = await sessionCookie(url, "csb-admin@demo.local");
    // Round-robin over both workers: every request must see the signed-in page.
    const pages = await Promise.all(
      Array.from({ length: 8 }, () =>
        fetch(`${url}/review`, { headers: { Cookie: cookie }, redirect: "manual" }),
      ),
    );
    for (const r of pages) {
      expect(r.status).toBe(200);
      expect(r.headers.get("content-encoding")).toBe("gzip");
      expect(await r.text()).toContain("<html");
    }
  });

  it("holds one API rate limit for a user across both workers", async () => {
    // Each worker counting for itself let a user make LIMIT requests a minute on each of them.
    const statuses: number[] = [];
    for (let i = 0; i < 2 * LIMIT + 2; i++) statuses.push(await freshGet(`${url}/api/v1/entities`, { Authorization: `Bearer ${TOKEN}` }));
    expect(statuses.filter((s) => s === 200)).toHaveLength(LIMIT);
    expect(statuses.slice(LIMIT).every((s) => s === 429)).toBe(true);
  });

  it("replaces a worker that dies", async () => {
    const [victim] = workerPids();
    const before = workerPids().length;
    process.kill(victim, "SIGKILL");
    await until(
      "a replacement worker",
      () => (workerPids().length > before ? true : undefined),
      logs,
    );
    expect(out()).toContain(`worker ${victim} died`);
    const r = await fetch(`${url}/login`);
    expect(r.status).toBe(200);
  });

  it("stops every worker and exits 0 on SIGTERM", async () => {
    const primary = Number(/Amanah primary (\d+)/.exec(out())![1]);
    const pids = workerPids().filter(alive);
    expect(pids.length).toBe(2);
    process.kill(primary, "SIGTERM");
    const code = await Promise.race([
      exit,
      new Promise((r) => setTimeout(() => r("timeout"), 20_000)),
    ]);
    expect(code, out()).toBe(0);
    expect(alive(primary)).toBe(false);
    for (const pid of pids) expect(alive(pid)).toBe(false);
    await expect(fetch(`${url}/login`)).rejects.toThrow();
  });
});

describe("WEB_CONCURRENCY validation", () => {
  it("rejects a value that is not a positive integer before starting", async () => {
    const child = spawn("bash", [SERVER_SCRIPT], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "production",
        WEB_CONCURRENCY: "many",
        SESSION_SECRET: "cluster-".padEnd(48, "x"),
        PORT: String(await freePort()),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr!.on("data", (d) => (err += String(d)));
    const code = await new Promise((r) => child.once("exit", r));
    expect(code).toBe(1);
    expect(err).toContain("WEB_CONCURRENCY");
  });
});
