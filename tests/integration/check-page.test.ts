/**
 * /check and /check/live (loaders/actions called directly): a submitted check is counted per
 * entity and rule and audited as a count, never the text; the live preview is not counted; the
 * page, the preview and the API share one per-user rate limit.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { BASE, call, post, signInAs, useDb } from "./app-helpers";
import { action as checkAction } from "../../app/routes/check";
import { action as liveAction } from "../../app/routes/check.live";
import { action as tokensAction } from "../../app/routes/settings.tokens";
import { action as apiCheck } from "../../app/routes/api.v1.check";
import { checkCounts } from "../../db/check-counts";
import { bahrainDay } from "../../core/calendar";
import { auditLog, users } from "../../db/schema";
import type { Db } from "../../db/client";

const DRAFT = "My CPR is 850101234, call me";

describe("the check page", () => {
  let db: Db;
  let cookie: string;
  let entityId: number;

  beforeAll(async () => {
    ({ db } = await seededDb("check-page"));
    useDb(db);
    cookie = await signInAs("reviewer@interior.demo.local", undefined, "10.9.0.1");
    entityId = db.select().from(users).where(eq(users.email, "reviewer@interior.demo.local")).get()!.entityId!;
  });

  const today = () => bahrainDay(Date.now());
  const counts = () => Object.fromEntries(checkCounts(db, today(), today(), entityId).map((r) => [r.ruleId, r.count]));

  it("a submitted check shows the flags with their fix and is counted per rule; the text is kept nowhere", async () => {
    const r = await call(checkAction, post("/check", { text: DRAFT, accountClass: "employee", kind: "post" }, cookie));
    expect(r.status).toBe(200);
    const body = await r.json();
    expect(body.kind).toBe("result");
    expect(body.view.flags.map((f: { rule: string }) => f.rule)).toEqual(["pd.cpr"]);
    expect(body.view.flags[0].fix.en).toMatch(/Remove the CPR number/);
    expect(body.view.flags[0].spans[0].text).toBe("850101234");
    expect(counts()).toEqual({ "*": 1, "pd.cpr": 1 });
    const audit = db.select().from(auditLog).where(eq(auditLog.action, "check.run")).all();
    expect(audit.length).toBe(1);
    expect(JSON.stringify(audit[0])).not.toContain("850101234");
  });

  it("the live preview answers the same but is not counted", async () => {
    const r = await call(liveAction, post("/check/live", { text: DRAFT, accountClass: "employee", kind: "post" }, cookie));
    expect(r.status).toBe(200);
    expect((await r.json()).view.flags.length).toBe(1);
    expect(counts()).toEqual({ "*": 1, "pd.cpr": 1 });
  });

  it("bad input names the field; an unknown class is refused", async () => {
    const r = await call(checkAction, post("/check", { text: "", accountClass: "employee", kind: "post" }, cookie));
    expect(r.status).toBe(400);
    expect(await r.json()).toMatchObject({ kind: "invalid", field: "text" });
    const c = await call(checkAction, post("/check", { text: "hello", accountClass: "minister", kind: "post" }, cookie));
    expect(await c.json()).toMatchObject({ kind: "invalid", field: "accountClass" });
  });

  it("the page, the preview and the API share one budget per user", async () => {
    const created = await call(tokensAction, post("/settings/tokens", { name: "t", scope: "check", expiry: "30" }, cookie));
    const token = ((await created.json()) as { created: { token: string } }).created.token;
    let status = 200;
    for (let i = 0; i < 70 && status === 200; i++) {
      status = (await call(liveAction, post("/check/live", { text: "hello", accountClass: "official", kind: "post" }, cookie))).status;
    }
    expect(status).toBe(429);
    const page = await call(checkAction, post("/check", { text: "hello", accountClass: "official", kind: "post" }, cookie));
    expect(page.status).toBe(429);
    expect((await page.json()).kind).toBe("limited");
    const api = await call(apiCheck, new Request(`${BASE}/api/v1/check`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ text: "hello", accountClass: "official", kind: "post" }) }));
    expect(api.status).toBe(429);
    expect(Number(api.headers.get("Retry-After"))).toBeGreaterThan(0);
  });
});
