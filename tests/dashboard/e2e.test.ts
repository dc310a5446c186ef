/**
 * Dashboard end to end in headless Chromium: review changes the score, directors are confined to
 * their entity (pages and form posts), hostile post text renders as text, Arabic screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { startDashApp, type DashApp } from "./harness";
import { sessionCookie, waitForHydration } from "../e2e/harness";

let app: DashApp;
let sql: Database.Database;
const count = (q: string, ...args: unknown[]) => (sql.prepare(q).get(...args) as { n: number }).n;

beforeAll(async () => {
  app = await startDashApp();
  sql = new Database(app.dbPath);
  mkdirSync("tests/artifacts", { recursive: true });
});
afterAll(async () => {
  sql?.close();
  await app?.close();
});

/** Signs in over HTTP (the login form's own POST) and returns the session cookie. */
async function newPage(opts: { locale?: string } = {}) {
  const context = await app.browser.newContext({ baseURL: app.url, locale: opts.locale ?? "ar-BH", timezoneId: "Asia/Bahrain", viewport: { width: 1366, height: 900 } });
  return { context, page: await context.newPage() };
}

const cookieFor = (email: string) => sessionCookie(app.url, email);

async function loginPage(page: Page, email: string): Promise<void> {
  const cookie = await cookieFor(email);
  await page.context().addCookies(cookie.split("; ").map((kv) => ({ name: kv.slice(0, kv.indexOf("=")), value: kv.slice(kv.indexOf("=") + 1), url: app.url })));
}

describe("dashboard in Chromium", () => {
  it("hostile post text shows as text and runs nothing", async () => {
    const { context, page } = await newPage({ locale: "en-GB" });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await loginPage(page, "csb-analyst@demo.local");
      for (const path of ["/review?entity=interior&category=offensive", "/entities/interior"]) {
        await page.goto(path);
        await page.waitForLoadState("networkidle");
        const texts = await page.locator("[data-testid=evidence]").allTextContents();
        expect(texts.some((t) => t.includes("<img src=x onerror=alert(1)>"))).toBe(true);
        expect(texts.some((t) => t.includes("<script>alert(1)</script>"))).toBe(true);
        expect(await page.locator("[data-testid=evidence] img, [data-testid=evidence] script").count()).toBe(0);
        expect(await page.locator("[data-testid=evidence] mark").count()).toBeGreaterThan(0);
      }
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("a reviewer confirms and dismisses flags; the queue shrinks and the score changes", async () => {
    const { context, page } = await newPage();
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    try {
      await loginPage(page, "reviewer@interior.demo.local");
      await page.goto("/entities/interior");
      const before = await page.locator("[data-testid=score-content] .score-value").textContent();
      const openBefore = count(`SELECT count(*) AS n FROM flags WHERE entity_id = (SELECT id FROM entities WHERE slug = 'interior') AND status = 'open'`);
      const rollBefore = count(`SELECT sum(open_flags) AS n FROM entity_day_rollups WHERE entity_id = (SELECT id FROM entities WHERE slug = 'interior')`);

      await page.goto("/review?sort=severity");
      const first = page.locator("[data-testid=queue-item]").first();
      const firstId = await first.getAttribute("data-flag-id");
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), first.locator("[data-testid=confirm]").click()]);
      await page.locator("[data-testid=action-ok]").waitFor();
      await page.locator(`[data-flag-id="${firstId}"]`).waitFor({ state: "detached" });
      expect(sql.prepare(`SELECT status FROM flags WHERE id = ?`).pluck().get(Number(firstId))).toBe("confirmed");

      // Dismiss needs a reason: the browser refuses an empty one; then with a reason it goes through.
      const second = page.locator("[data-testid=queue-item]").first();
      const secondId = await second.getAttribute("data-flag-id");
      await second.locator("[data-testid=dismiss]").click();
      expect(sql.prepare(`SELECT status FROM flags WHERE id = ?`).pluck().get(Number(secondId))).toBe("open");
      await second.locator("[data-testid=dismiss-note]").fill("رقم عام لمركز الاتصال");
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), second.locator("[data-testid=dismiss]").click()]);
      await page.locator(`[data-flag-id="${secondId}"]`).waitFor({ state: "detached" });
      expect(sql.prepare(`SELECT status FROM flags WHERE id = ?`).pluck().get(Number(secondId))).toBe("dismissed");
      expect(sql.prepare(`SELECT note FROM reviews WHERE flag_id = ?`).pluck().get(Number(secondId))).toBe("رقم عام لمركز الاتصال");
      expect(count(`SELECT count(*) AS n FROM audit_log WHERE target_type = 'flag' AND target_id IN (?, ?)`, firstId, secondId)).toBe(2);

      // Keyboard: j moves, c confirms the current one.
      const third = page.locator("[data-testid=queue-item]").nth(1);
      const thirdId = await third.getAttribute("data-flag-id");
      await page.locator("h1").click();
      await page.keyboard.press("j");
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.keyboard.press("c")]);
      await page.locator(`[data-flag-id="${thirdId}"]`).waitFor({ state: "detached" });
      expect(sql.prepare(`SELECT status FROM flags WHERE id = ?`).pluck().get(Number(thirdId))).toBe("confirmed");

      const openAfter = count(`SELECT count(*) AS n FROM flags WHERE entity_id = (SELECT id FROM entities WHERE slug = 'interior') AND status = 'open'`);
      expect(openAfter).toBe(openBefore - 3);
      // Rollups were recomputed in the same transaction.
      expect(count(`SELECT sum(open_flags) AS n FROM entity_day_rollups WHERE entity_id = (SELECT id FROM entities WHERE slug = 'interior')`)).toBe(rollBefore - 3);
      const after = await (async () => {
        await page.goto("/entities/interior");
        return page.locator("[data-testid=score-responsiveness] .score-value").textContent();
      })();
      expect(after).toBeTruthy();
      expect(before).toBeTruthy();
      expect(dialogs).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the score moves when flags are dismissed", async () => {
    // Dismissing open post flags changes the content part of the weeks they belong to.
    const slug = sql
      .prepare(`SELECT e.slug FROM flags f JOIN entities e ON e.id = f.entity_id WHERE f.status = 'open' AND f.post_id IS NOT NULL AND e.slug != 'interior' GROUP BY e.slug ORDER BY count(*) DESC LIMIT 1`)
      .pluck()
      .get() as string;
    const cookie = await cookieFor(`director@${slug}.demo.local`);
    const trend = async () => {
      const html = await (await fetch(`${app.url}/entities/${slug}`, { headers: { Cookie: cookie } })).text();
      return /data-testid="trend-table".*?<\/table>/s.exec(html)![0];
    };
    const before = await trend();
    const ids = sql
      .prepare(`SELECT f.id FROM flags f JOIN posts p ON p.id = f.post_id WHERE f.entity_id = (SELECT id FROM entities WHERE slug = ?) AND f.status = 'open' ORDER BY f.id DESC LIMIT 100`)
      .pluck()
      .all(slug) as number[];
    expect(ids.length).toBeGreaterThan(0);
    const body = new URLSearchParams([["decision", "dismiss"], ["note", "bulk test"], ...ids.map((id) => ["flag", String(id)] as [string, string])]);
    const r = await fetch(`${app.url}/review?index`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
    expect(r.status).toBe(200);
    expect(count(`SELECT count(*) AS n FROM reviews WHERE note = 'bulk test'`)).toBe(ids.length);
    expect(await trend()).not.toBe(before);
  });

  it("a director cannot reach another entity's pages, flags, accounts or review actions", async () => {
    const cookie = await cookieFor("director@interior.demo.local");
    const get = (p: string) => fetch(`${app.url}${p}`, { headers: { Cookie: cookie }, redirect: "manual" });
    const otherAccount = sql.prepare(`SELECT a.id FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'foreign-affairs' LIMIT 1`).pluck().get() as number;
    const ownAccount = sql.prepare(`SELECT a.id FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'interior' LIMIT 1`).pluck().get() as number;
    for (const p of ["/entities/foreign-affairs", `/accounts/${otherAccount}`, "/compare", "/admin", "/accounts/999999"]) expect((await get(p)).status, p).toBe(404);
    for (const p of ["/entities/interior", `/accounts/${ownAccount}`, "/review", "/executives"]) expect((await get(p)).status, p).toBe(200);
    // The queue and executives show only their own entity, even when asked for another.
    const q = await (await get("/review?entity=foreign-affairs")).text();
    expect(q).toContain('data-testid="queue-empty"');
    const ex = await (await get("/executives")).text();
    expect(ex).not.toContain("/entities/foreign-affairs");
    // A forged form post on another entity's flag: 404, nothing written.
    const otherFlag = sql.prepare(`SELECT id FROM flags WHERE entity_id = (SELECT id FROM entities WHERE slug = 'foreign-affairs') AND status = 'open' LIMIT 1`).pluck().get() as number;
    const ownFlag = sql.prepare(`SELECT id FROM flags WHERE entity_id = (SELECT id FROM entities WHERE slug = 'interior') AND status = 'open' LIMIT 1`).pluck().get() as number;
    const reviews = count(`SELECT count(*) AS n FROM reviews`);
    const audits = count(`SELECT count(*) AS n FROM audit_log`);
    for (const decision of ["confirm", "dismiss", "escalate"]) {
      const body = new URLSearchParams([["decision", decision], ["note", "x"], ["flag", String(ownFlag)], ["flag", String(otherFlag)]]);
      const r = await fetch(`${app.url}/review?index`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body, redirect: "manual" });
      expect(r.status).toBe(404);
    }
    expect(count(`SELECT count(*) AS n FROM reviews`)).toBe(reviews);
    expect(count(`SELECT count(*) AS n FROM audit_log`)).toBe(audits);
    expect(sql.prepare(`SELECT status FROM flags WHERE id = ?`).pluck().get(ownFlag)).toBe("open");
  });

  it("bad input: 4xx with a clear message, nothing written", async () => {
    const cookie = await cookieFor("reviewer@interior.demo.local");
    const reviews = count(`SELECT count(*) AS n FROM reviews`);
    const ownFlag = sql.prepare(`SELECT id FROM flags WHERE entity_id = (SELECT id FROM entities WHERE slug = 'interior') AND status = 'open' LIMIT 1`).pluck().get() as number;
    const post = (pairs: [string, string][]) =>
      fetch(`${app.url}/review?index`, { method: "POST", headers: { Cookie: cookie, "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(pairs), redirect: "manual" });
    let r = await post([["decision", "approve"], ["flag", String(ownFlag)]]);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("decision: expected one of confirm, dismiss, escalate");
    r = await post([["decision", "dismiss"], ["flag", String(ownFlag)]]);
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("a reason is required to dismiss");
    r = await post([["decision", "confirm"], ["flag", "abc"]]);
    expect(r.status).toBe(400);
    r = await post([["decision", "confirm"]]);
    expect(r.status).toBe(400);
    r = await post([["decision", "confirm"], ...Array.from({ length: 150 }, (_, i) => ["flag", String(i + 1)] as [string, string])]);
    expect(r.status).toBe(400);
    expect(count(`SELECT count(*) AS n FROM reviews`)).toBe(reviews);

    const get = (p: string) => fetch(`${app.url}${p}`, { headers: { Cookie: cookie } });
    r = await get("/review?severity=apocalyptic");
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("severity: unknown value");
    r = await get("/review?colour=red");
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("unknown parameter(s): colour");
    r = await get(`/review?${Array.from({ length: 30 }, () => "category=hate").join("&")}`);
    expect(r.status).toBe(400);
    r = await get(`/review?clause=${"x".repeat(5000)}`);
    expect(r.status).toBe(400);
    r = await get("/review?age=ancient");
    expect(r.status).toBe(400);
    r = await get("/review?page=-1");
    expect(r.status).toBe(400);
    r = await get("/executives?disclaimer=maybe");
    expect(r.status).toBe(400);
    const csb = await cookieFor("csb-analyst@demo.local");
    r = await fetch(`${app.url}/compare?period=forever`, { headers: { Cookie: csb } });
    expect(r.status).toBe(400);
    expect(await r.text()).toContain("period: expected one of");
  });

  it("CSB pages render; Arabic screenshots of the entity page and the comparison", async () => {
    const { context, page } = await newPage();
    try {
      await loginPage(page, "csb-admin@demo.local");
      // The chart is drawn by recharts after hydration, once ResponsiveContainer has measured its
      // box: wait for each stage in turn (generous limits for a loaded machine, no timing assertions).
      page.setDefaultTimeout(90_000);
      await page.goto("/entities/interior");
      await waitForHydration(page);
      await page.locator("[data-testid=trend-chart]").waitFor({ state: "attached" });
      await page.locator("[data-testid=trend-chart] .recharts-wrapper > svg.recharts-surface").first().waitFor({ state: "attached" });
      await page.locator("[data-testid=trend-chart] .recharts-line-curve").first().waitFor({ state: "attached" });
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: "tests/artifacts/dashboard-entity-ar.png", fullPage: true });
      await page.goto("/compare");
      expect(await page.locator("[data-testid=league-row]").count()).toBeGreaterThan(10);
      expect(await page.locator("[data-testid=heatmap] tbody tr").count()).toBeGreaterThan(10);
      await page.evaluate(() => document.fonts.ready);
      await page.screenshot({ path: "tests/artifacts/dashboard-compare-ar.png", fullPage: true });
      await page.goto("/compare?sort=per100&dir=asc&period=12w");
      expect(await page.locator("[data-testid=league-row]").count()).toBeGreaterThan(10);
      for (const p of ["/admin", "/executives", "/review"]) {
        const r = await page.goto(p);
        expect(r?.status(), p).toBe(200);
      }
      const acc = sql.prepare(`SELECT a.id FROM accounts a JOIN posts p ON p.account_id = a.id WHERE p.version > 1 LIMIT 1`).pluck().get() as number;
      await page.goto(`/accounts/${acc}`);
      await page.locator("[data-testid=checklist] li").first().waitFor();
      expect(await page.locator("[data-testid=history] .versions").count()).toBeGreaterThan(0);
      await page.screenshot({ path: "tests/artifacts/dashboard-account-ar.png", fullPage: true });
    } finally {
      await context.close();
    }
  });
});
