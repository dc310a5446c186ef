/**
 * Personal tokens (/settings/tokens) and /api/v1: scopes, 401/403/429, bad input, cross-entity
 * isolation on every route, cursor pagination, and every response checked against
 * docs/openapi.json with ajv (loaders/actions called directly on a seeded SQLite file).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { eq } from "drizzle-orm";
import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { seededDb } from "../helpers/db";
import { addFlagFixture } from "./flag-fixture";
import { BASE, call, get, post, signInAs, useDb } from "./app-helpers";
import { action as tokensAction, loader as tokensLoader } from "../../app/routes/settings.tokens";
import { action as checkAction } from "../../app/routes/api.v1.check";
import { loader as entitiesLoader } from "../../app/routes/api.v1.entities._index";
import { loader as scoreLoader } from "../../app/routes/api.v1.entities.$slug.score";
import { loader as flagsLoader } from "../../app/routes/api.v1.flags";
import { loader as accountsLoader } from "../../app/routes/api.v1.accounts";
import { resultLine } from "../../core/scoring/cli-line";
import { scoreItem, POLICY_VERSION } from "../../core/scoring";
import { entityScores } from "../../app/lib/dashboard/rollups.server";
import { recomputeRollups } from "../../db/rollups";
import { FixedWindowLimiter } from "../../app/lib/rate-limit.server";
import { apiTokens, auditLog, entities, users } from "../../db/schema";
import type { Db } from "../../db/client";

const doc = JSON.parse(readFileSync(resolve(__dirname, "../../docs/openapi.json"), "utf8")) as Record<string, unknown>;
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(doc, "openapi");

/** Validates a response body against the OpenAPI document's schema for that path, method and status. */
function conforms(path: string, method: "get" | "post", status: number, body: unknown): void {
  const ptr = `openapi#/paths/${path.replace(/~/g, "~0").replace(/\//g, "~1")}/${method}/responses/${status}/content/application~1json/schema`;
  const validate = ajv.getSchema(ptr);
  if (!validate) throw new Error(`no schema in docs/openapi.json for ${method.toUpperCase()} ${path} ${status}`);
  if (!validate(body)) throw new Error(`${method.toUpperCase()} ${path} ${status} does not match docs/openapi.json: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
}

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

function checkRequest(body: unknown, token: string | null, type = "application/json"): Request {
  return new Request(`${BASE}/api/v1/check`, {
    method: "POST",
    headers: { ...(token ? bearer(token) : {}), "Content-Type": type },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

async function createToken(cookie: string, name: string, scope: string, expiry = "30"): Promise<string> {
  const r = await call(tokensAction, post("/settings/tokens", { name, scope, expiry }, cookie));
  expect(r.status).toBe(200);
  const body = (await r.json()) as { created: { token: string } };
  return body.created.token;
}

describe("API tokens and /api/v1", () => {
  let db: Db;
  let director: string;
  let checkToken: string;
  let readToken: string;
  let csbRead: string;

  beforeAll(async () => {
    ({ db } = await seededDb("api"));
    useDb(db);
    addFlagFixture(db, ["interior", "foreign-affairs"]);
    director = await signInAs("director@interior.demo.local", undefined, "10.7.0.1");
    checkToken = await createToken(director, "CMS plug-in", "check");
    readToken = await createToken(director, "BI reader", "read");
    csbRead = await createToken(await signInAs("csb-analyst@demo.local", undefined, "10.7.0.2"), "CSB BI", "read");
  });

  it("a token is shown once, stored only as its SHA-256, listed with last use, audited", async () => {
    expect(checkToken).toMatch(/^amanah_[A-Za-z0-9_-]{43}$/);
    const rows = db.select().from(apiTokens).all();
    expect(rows.length).toBe(3);
    for (const r of rows) expect(JSON.stringify(r)).not.toContain(checkToken.slice(7));
    const listed = (await (await call(tokensLoader, get("/settings/tokens", director))).json()) as { tokens: { name: string; lastUsedAt: string | null }[] };
    expect(listed.tokens.map((t) => t.name).sort()).toEqual(["BI reader", "CMS plug-in"]);
    const creations = db.select().from(auditLog).where(eq(auditLog.action, "token.create")).all();
    expect(creations.length).toBe(3);
    for (const a of creations) expect(`${a.after}`).not.toContain(checkToken);
  });

  it("bad token input is refused with the field named", async () => {
    const r = await call(tokensAction, post("/settings/tokens", { name: "", scope: "admin", expiry: "30" }, director));
    expect(r.status).toBe(400);
    const body = (await r.json()) as { errors: Record<string, string> };
    expect(Object.keys(body.errors).sort()).toEqual(["name", "scope"]);
  });

  it("POST /check answers exactly the score CLI's object plus policyVersion", async () => {
    const text = "رقم الهوية 850101234 تواصلوا معي";
    const r = await call(checkAction, checkRequest({ text, accountClass: "employee", kind: "post", id: "draft-1" }, checkToken));
    expect(r.status).toBe(200);
    const raw = await r.text();
    const s = scoreItem({ text, accountClass: "employee", kind: "post", entityDomains: [] });
    expect(raw).toBe(`${resultLine("draft-1", s.risk, s.flags).slice(0, -1)},"policyVersion":${JSON.stringify(POLICY_VERSION)}}`);
    const body = JSON.parse(raw);
    conforms("/check", "post", 200, body);
    expect(r.headers.get("RateLimit-Limit")).toBe("60");
    const listed = (await (await call(tokensLoader, get("/settings/tokens", director))).json()) as { tokens: { name: string; lastUsedAt: string | null }[] };
    expect(listed.tokens.find((t) => t.name === "CMS plug-in")!.lastUsedAt).not.toBeNull();
  });

  it("bad check input is a 400 naming what was wrong", async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ accountClass: "official", kind: "post" }, "application/json", /text: missing/],
      [{ text: "x".repeat(10_001), accountClass: "official", kind: "post" }, "application/json", /10001 characters; at most 10000/],
      [{ text: "hello", accountClass: "minister", kind: "post" }, "application/json", /accountClass: expected one of official\|executive\|employee/],
      [{ text: "hello", accountClass: "official", kind: "tweet" }, "application/json", /kind: expected one of post\|bio/],
      ["{not json", "application/json", /invalid JSON/],
      [{ text: "hello", accountClass: "official", kind: "post" }, "text/plain", /Content-Type: expected application\/json/],
    ];
    for (const [body, type, message] of cases) {
      const r = await call(checkAction, checkRequest(body, checkToken, type));
      expect(r.status, String(message)).toBe(400);
      const b = await r.json();
      conforms("/check", "post", 400, b);
      expect(b.error).toMatch(message);
    }
  });

  it("401 for a missing, malformed, unknown, revoked or expired token and a disabled user; 403 for the wrong scope", async () => {
    const ok = { text: "hello", accountClass: "official", kind: "post" };
    const missing = await call(checkAction, checkRequest(ok, null));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    conforms("/check", "post", 401, await missing.json());
    expect((await call(checkAction, checkRequest(ok, "amanah_notarealtoken"))).status).toBe(401);
    const malformed = new Request(`${BASE}/api/v1/check`, { method: "POST", headers: { Authorization: "Basic abc", "Content-Type": "application/json" }, body: JSON.stringify(ok) });
    expect((await call(checkAction, malformed)).status).toBe(401);
    // A session cookie is not a token.
    expect((await call(checkAction, new Request(`${BASE}/api/v1/check`, { method: "POST", headers: { Cookie: director, "Content-Type": "application/json" }, body: JSON.stringify(ok) }))).status).toBe(401);

    const wrongScope = await call(checkAction, checkRequest(ok, readToken));
    expect(wrongScope.status).toBe(403);
    conforms("/check", "post", 403, await wrongScope.json());
    for (const [fn, path] of [
      [entitiesLoader, "/api/v1/entities"],
      [flagsLoader, "/api/v1/flags"],
      [accountsLoader, "/api/v1/accounts"],
    ] as const) {
      expect((await call(fn, get(path, undefined, bearer(checkToken)))).status).toBe(403);
      expect((await call(fn, get(path))).status).toBe(401);
    }
    expect((await call(scoreLoader, get("/api/v1/entities/interior/score", undefined, bearer(checkToken)), { slug: "interior" })).status).toBe(403);

    // Revoked.
    const doomed = await createToken(director, "to revoke", "check");
    const row = db.select().from(apiTokens).where(eq(apiTokens.name, "to revoke")).get()!;
    expect((await call(tokensAction, post("/settings/tokens", { intent: "revoke", id: String(row.id) }, director))).status).toBe(200);
    const revoked = await call(checkAction, checkRequest(ok, doomed));
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error).toBe("token revoked");
    expect(db.select().from(auditLog).where(eq(auditLog.action, "token.revoke")).all().length).toBe(1);
    // Someone else's token cannot be revoked (404).
    const other = await signInAs("director@foreign-affairs.demo.local", undefined, "10.7.0.3");
    const mine = db.select().from(apiTokens).where(eq(apiTokens.name, "BI reader")).get()!;
    expect((await call(tokensAction, post("/settings/tokens", { intent: "revoke", id: String(mine.id) }, other))).status).toBe(404);

    // Expired.
    const old = await createToken(director, "expiring", "check");
    db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.name, "expiring")).run();
    const expired = await call(checkAction, checkRequest(ok, old));
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toBe("token expired");

    // A disabled user's tokens stop working; enabled again, they work.
    const reviewerCookie = await signInAs("reviewer@interior.demo.local", undefined, "10.7.0.4");
    const rt = await createToken(reviewerCookie, "reviewer", "check");
    const reviewer = db.select().from(users).where(eq(users.email, "reviewer@interior.demo.local")).get()!;
    db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, reviewer.id)).run();
    expect((await call(checkAction, checkRequest(ok, rt))).status).toBe(401);
    db.update(users).set({ disabledAt: null }).where(eq(users.id, reviewer.id)).run();
    expect((await call(checkAction, checkRequest(ok, rt))).status).toBe(200);
  });

  it("read routes: an entity user sees only their entity; another entity is the same 404 as an unknown slug", async () => {
    const ents = await call(entitiesLoader, get("/api/v1/entities", undefined, bearer(readToken)));
    expect(ents.status).toBe(200);
    const eb = await ents.json();
    conforms("/entities", "get", 200, eb);
    expect(eb.entities.map((e: { slug: string }) => e.slug)).toEqual(["interior"]);
    const all = await (await call(entitiesLoader, get("/api/v1/entities", undefined, bearer(csbRead)))).json();
    expect(all.entities.length).toBe(await db.$count(entities));

    const score = await call(scoreLoader, get("/api/v1/entities/interior/score?week=2026-11-03", undefined, bearer(readToken)), { slug: "interior" });
    expect(score.status).toBe(200);
    const sb = await score.json();
    conforms("/entities/{slug}/score", "get", 200, sb);
    expect(sb.weekStart).toBe("2026-11-01");
    expect(sb.weekEnd).toBe("2026-11-07");

    // The same figures as the dashboard's entity page, week by week (its 12 weeks).
    recomputeRollups(db);
    let compared = 0;
    for (const slug of ["interior", "foreign-affairs"]) {
      const id = db.select().from(entities).where(eq(entities.slug, slug)).get()!.id;
      for (const w of entityScores(db, id, Date.now()).weeks) {
        const api = await (await call(scoreLoader, get(`/api/v1/entities/${slug}/score?week=${w.weekStart}`, undefined, bearer(csbRead)), { slug })).json();
        expect(api.weekStart).toBe(w.weekStart);
        expect({ overall: api.overall, content: api.content, governance: api.governance, responsiveness: api.responsiveness, openFlags: api.parts.openFlags, posts: api.parts.content.posts }).toEqual({
          overall: w.overall,
          content: w.content,
          governance: w.governance,
          responsiveness: w.responsiveness,
          openFlags: w.totals.openFlags,
          posts: w.totals.posts,
        });
        if (w.overall !== null) compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(8);

    for (const slug of ["foreign-affairs", "no-such-entity"]) {
      const r = await call(scoreLoader, get(`/api/v1/entities/${slug}/score`, undefined, bearer(readToken)), { slug });
      expect(r.status).toBe(404);
      const b = await r.json();
      conforms("/entities/{slug}/score", "get", 404, b);
      expect(b.error).toBe(`entity "${slug}": not found`);
      for (const [fn, path] of [
        [flagsLoader, "/flags"],
        [accountsLoader, "/accounts"],
      ] as const) {
        const x = await call(fn, get(`/api/v1${path}?entity=${slug}`, undefined, bearer(readToken)));
        expect(x.status).toBe(404);
        expect((await x.json()).error).toBe(`entity "${slug}": not found`);
      }
    }
    const bad = await call(scoreLoader, get("/api/v1/entities/interior/score?week=last", undefined, bearer(readToken)), { slug: "interior" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toMatch(/week: expected a date/);

    const accts = await call(accountsLoader, get("/api/v1/accounts", undefined, bearer(readToken)));
    const ab = await accts.json();
    conforms("/accounts", "get", 200, ab);
    expect(ab.accounts.length).toBeGreaterThan(0);
    expect(new Set(ab.accounts.map((a: { entity: string }) => a.entity))).toEqual(new Set(["interior"]));
    const csbAccts = await (await call(accountsLoader, get("/api/v1/accounts?entity=foreign-affairs", undefined, bearer(csbRead)))).json();
    conforms("/accounts", "get", 200, csbAccts);
    expect(new Set(csbAccts.accounts.map((a: { entity: string }) => a.entity))).toEqual(new Set(["foreign-affairs"]));
  });

  it("flags page through an opaque cursor, oldest first, without gaps or repeats, only the caller's entity", async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const q: string = `/api/v1/flags?limit=7${cursor ? `&cursor=${cursor}` : ""}`;
      const r = await call(flagsLoader, get(q, undefined, bearer(csbRead)));
      expect(r.status).toBe(200);
      const b = await r.json();
      conforms("/flags", "get", 200, b);
      seen.push(...b.flags.map((f: { id: number }) => f.id));
      cursor = b.nextCursor;
      pages++;
    } while (cursor && pages < 1000);
    expect(seen.length).toBeGreaterThan(7);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    expect(new Set(seen).size).toBe(seen.length);
    const total = db.$client.prepare("SELECT count(*) AS n FROM flags").get() as { n: number };
    expect(seen.length).toBe(total.n);

    const mine = await (await call(flagsLoader, get("/api/v1/flags?limit=500&status=open", undefined, bearer(readToken)))).json();
    conforms("/flags", "get", 200, mine);
    for (const f of mine.flags) {
      expect(f.entity).toBe("interior");
      expect(f.status).toBe("open");
    }
    for (const q of ["cursor=abc", "limit=0", "status=maybe", "since=yesterday", "colour=red"]) {
      const r = await call(flagsLoader, get(`/api/v1/flags?${q}`, undefined, bearer(readToken)));
      expect(r.status, q).toBe(400);
      conforms("/flags", "get", 400, await r.json());
    }
  });

  it("over the limit is a 429 with Retry-After (fixed window per user)", async () => {
    const l = new FixedWindowLimiter(() => 3, 60_000);
    const t0 = 1_800_000_000_000;
    expect([1, 2, 3].map(() => l.hit("u", t0).ok)).toEqual([true, true, true]);
    const over = l.hit("u", t0 + 15_000);
    expect(over).toMatchObject({ ok: false, remaining: 0, retryAfter: 45 });
    expect(l.hit("other", t0).ok).toBe(true);
    expect(l.hit("u", t0 + 60_000).ok).toBe(true);

    // Through the route: the check budget (60 a minute by default) is spent, then 429.
    let last: Response | null = null;
    for (let i = 0; i < 70; i++) {
      last = await call(checkAction, checkRequest({ text: "hello", accountClass: "official", kind: "post" }, checkToken));
      if (last.status === 429) break;
    }
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("Retry-After"))).toBeGreaterThan(0);
    conforms("/check", "post", 429, await last!.json());
  });
});
