/**
 * The impersonation review page and /verify, through the real loaders and actions on a seeded
 * SQLite file: isolation (a director sees only their entity's candidates, 404 otherwise), review
 * decisions (validated, audited, once), "ours" pre-filling the registry form, and /verify naming the
 * official account an impostor resembles.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { entityBySlug, accountByHandle } from "../../db/accounts";
import { saveCandidate } from "../../db/impersonation";
import { loader as pageLoader, action as pageAction } from "../../app/routes/entities.$slug.impersonation";
import { loader as verifyLoader } from "../../app/routes/verify";
import { loader as compareLoader } from "../../app/routes/compare";
import { loader as newAccountLoader } from "../../app/routes/entities.$slug.accounts.new";
import { seededDb } from "../helpers/db";
import { call, get, post, signInAs, useDb } from "./app-helpers";

describe("impersonation review", () => {
  let db: Db;
  let director: string; // interior
  let reviewer: string; // interior
  let analyst: string; // CSB
  let ids: { interiorHigh: number; interiorLow: number; foreign: number };

  beforeAll(async () => {
    ({ db } = await seededDb("impersonation-routes"));
    useDb(db);
    director = await signInAs("director@interior.demo.local", undefined, "10.2.0.1");
    reviewer = await signInAs("reviewer@interior.demo.local", undefined, "10.2.0.2");
    analyst = await signInAs("csb-analyst@demo.local", undefined, "10.2.0.3");
    const interior = entityBySlug(db, "interior")!;
    const foreign = entityBySlug(db, "foreign-affairs")!;
    const official = db.$client.prepare<[number], { id: number; handle: string }>("SELECT id, handle FROM accounts WHERE entity_id = ? AND class = 'official' AND platform = 'x'").get(interior.id)!;
    const now = Date.now();
    const base = { platform: "x" as const, platformId: null, bio: null, links: [], profileCreatedAt: null, followers: null };
    ids = {
      interiorHigh: saveCandidate(
        db,
        {
          ...base,
          entityId: interior.id,
          handle: `${official.handle}_0ff`,
          displayName: "<img src=x onerror=alert(1)> وزارة الداخلية",
          profileUrl: `https://x.com/${official.handle}_0ff`,
          imitatesAccountId: official.id,
          score: 0.91,
          reasons: [{ code: "handle-affix", weight: 0.5, detail: official.handle }],
        },
        now,
        { accountId: official.id, handle: official.handle },
      ).id,
      interiorLow: saveCandidate(db, { ...base, entityId: interior.id, handle: "interior_fans", displayName: "محبو الداخلية", profileUrl: "javascript:alert(1)", imitatesAccountId: null, score: 0.4, reasons: [] }, now, null).id,
      foreign: saveCandidate(db, { ...base, entityId: foreign.id, handle: "mofa_bh_0fficial", displayName: "وزارة الخارجية", profileUrl: null, imitatesAccountId: null, score: 0.8, reasons: [] }, now, null).id,
    };
  });

  it("lists the entity's candidates with score, reasons, a safe profile link and first-seen", async () => {
    const r = await call(pageLoader, get("/entities/interior/impersonation", director), { slug: "interior" });
    expect(r.status).toBe(200);
    const data = (await r.json()) as { rows: { id: number; profileUrl: string | null; score: number; reasons: unknown[]; firstSeenAt: number }[]; counts: Record<string, number> };
    expect(data.rows.map((x) => x.id).sort()).toEqual([ids.interiorHigh, ids.interiorLow].sort());
    expect(data.rows[0].id).toBe(ids.interiorHigh); // best first
    expect(data.rows[0].profileUrl).toMatch(/^https:\/\/x\.com\//);
    expect(data.rows[0].reasons).toHaveLength(1);
    // A javascript: URL from a platform is never rendered as a link.
    expect(data.rows.find((x) => x.id === ids.interiorLow)!.profileUrl).toBeNull();
    expect(data.counts).toMatchObject({ suspected: 1, low: 1, impostor: 0 });
  });

  it("answers 404 to a director of another entity, for the page and for a decision on its candidate", async () => {
    expect((await call(pageLoader, get("/entities/foreign-affairs/impersonation", director), { slug: "foreign-affairs" })).status).toBe(404);
    const cross = await call(pageAction, post("/entities/foreign-affairs/impersonation", { candidate: String(ids.foreign), decision: "benign", note: "x" }, director), { slug: "foreign-affairs" });
    expect(cross.status).toBe(404);
    // Through their own entity's URL, another entity's candidate id answers like a missing one.
    const smuggled = await call(pageAction, post("/entities/interior/impersonation", { candidate: String(ids.foreign), decision: "benign", note: "x" }, director), { slug: "interior" });
    expect(smuggled.status).toBe(404);
    expect(db.$client.prepare("SELECT status FROM impersonation_candidates WHERE id = ?").pluck().get(ids.foreign)).toBe("open");
    // The CSB sees every entity's.
    expect((await call(pageLoader, get("/entities/foreign-affairs/impersonation", analyst), { slug: "foreign-affairs" })).status).toBe(200);
  });

  it("validates decisions with a message naming the field", async () => {
    const bad = async (form: Record<string, string>) => {
      const r = await call(pageAction, post("/entities/interior/impersonation", form, reviewer), { slug: "interior" });
      return { status: r.status, text: await r.text() };
    };
    expect(await bad({ candidate: String(ids.interiorLow), decision: "maybe" })).toMatchObject({ status: 400, text: expect.stringContaining("decision") });
    expect(await bad({ candidate: String(ids.interiorLow), decision: "benign" })).toMatchObject({ status: 400, text: expect.stringContaining("note") });
    expect(await bad({ candidate: String(ids.interiorHigh), decision: "impostor", reportedOn: "2026-13-40" })).toMatchObject({ status: 400, text: expect.stringContaining("reportedOn") });
    expect(await bad({ candidate: String(ids.interiorHigh), decision: "impostor", reportedOn: "2999-01-01" })).toMatchObject({ status: 400, text: expect.stringContaining("future") });
    expect(await bad({ candidate: "abc", decision: "impostor" })).toMatchObject({ status: 400, text: expect.stringContaining("candidate") });
    expect(await bad({ candidate: String(ids.interiorLow), decision: "benign", note: "fan\u202Egnp.exe" })).toMatchObject({ status: 400, text: expect.stringContaining("U+202E") });
  });

  it("records impostor (with the report date) and benign (with a note), audited", async () => {
    const imp = await call(pageAction, post("/entities/interior/impersonation", { candidate: String(ids.interiorHigh), decision: "impostor", reportedOn: "2026-11-01" }, reviewer), { slug: "interior" });
    expect(imp.status).toBe(200);
    const ben = await call(pageAction, post("/entities/interior/impersonation", { candidate: String(ids.interiorLow), decision: "benign", note: "حساب معجبين" }, reviewer), { slug: "interior" });
    expect(ben.status).toBe(200);
    const rows = db.$client
      .prepare<[number, number], { id: number; status: string; reportedOn: string | null; note: string | null; decidedBy: number | null }>(
        "SELECT id, status, reported_on AS reportedOn, note, decided_by AS decidedBy FROM impersonation_candidates WHERE id IN (?, ?) ORDER BY id",
      )
      .all(ids.interiorHigh, ids.interiorLow);
    expect(rows.find((r) => r.id === ids.interiorHigh)).toMatchObject({ status: "impostor", reportedOn: "2026-11-01", note: null });
    expect(rows.find((r) => r.id === ids.interiorLow)).toMatchObject({ status: "benign", note: "حساب معجبين", reportedOn: null });
    for (const r of rows) expect(r.decidedBy).not.toBeNull();
    const audit = db.$client
      .prepare<[], { action: string; targetId: string }>("SELECT action, target_id AS targetId FROM audit_log WHERE target_type = 'impersonation_candidate' ORDER BY id")
      .all();
    expect(audit.map((a) => a.action)).toEqual(["impersonation.impostor", "impersonation.benign"]);
    const page = (await (await call(pageLoader, get("/entities/interior/impersonation?view=decided", director), { slug: "interior" })).json()) as { counts: Record<string, number>; rows: unknown[] };
    expect(page.counts).toMatchObject({ impostor: 1, benign: 1, suspected: 0 });
    expect(page.rows).toHaveLength(2);
  });

  it("the CSB comparison shows impostor counts per entity; an entity's director cannot open it", async () => {
    const interior = entityBySlug(db, "interior")!;
    const foreign = entityBySlug(db, "foreign-affairs")!;
    const d = (await (await call(compareLoader, get("/compare", analyst))).json()) as { impostors: Record<string, { impostors: number; suspected: number }> };
    expect(d.impostors[interior.id]).toEqual({ impostors: 1, suspected: 0 });
    expect(d.impostors[foreign.id]).toEqual({ impostors: 0, suspected: 1 });
    expect((await call(compareLoader, get("/compare", director))).status).toBeGreaterThanOrEqual(400);
  });

  it("/verify: a handle marked impostor is not official and names the account it resembles", async () => {
    const handle = db.$client.prepare<[number], string>("SELECT handle FROM impersonation_candidates WHERE id = ?").pluck().get(ids.interiorHigh)!;
    const r = await (await call(verifyLoader, get(`/verify?url=${encodeURIComponent(`https://x.com/${handle}`)}`, undefined, { Accept: "application/json" }))).json();
    const official = accountByHandle(db, "x", handle.replace(/_0ff$/, ""))!;
    expect(r).toMatchObject({ registered: false, resembles: { platform: "x", handle: `@${official.handle}`, entity: { slug: "interior" } } });
    // A candidate below the threshold and still open says nothing more than "not registered".
    const low = await (await call(verifyLoader, get("/verify?url=%40interior_fans", undefined, { Accept: "application/json" }))).json();
    expect(low).toEqual({ query: "@interior_fans", registered: false });
  });

  it("'ours' sends an editor to the registry form, pre-filled", async () => {
    const interior = entityBySlug(db, "interior")!;
    const c = saveCandidate(
      db,
      { entityId: interior.id, platform: "instagram", handle: "interior_bh_news", platformId: null, displayName: null, bio: null, profileUrl: null, links: [], profileCreatedAt: null, followers: null, imitatesAccountId: null, score: 0.5, reasons: [] },
      Date.now(),
      null,
    );
    const r = await call(pageAction, post("/entities/interior/impersonation", { candidate: String(c.id), decision: "ours" }, director), { slug: "interior" });
    expect(r.status).toBe(302);
    const to = r.headers.get("Location")!;
    expect(to).toMatch(/^\/entities\/interior\/accounts\/new\?/);
    const form = (await (await call(newAccountLoader, get(to, director), { slug: "interior" })).json()) as { prefill: { platform: string; handle: string } };
    expect(form.prefill).toEqual({ platform: "instagram", handle: "interior_bh_news" });
  });
});
