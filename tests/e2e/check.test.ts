/**
 * /check in Chromium: results as you type (JavaScript) and on submit (JavaScript off), in Arabic
 * and English; evidence highlighted with <mark> and escaped; the draft is not stored, only
 * counted; the token page shows a new token once. Screenshots of the new screens in Arabic go to
 * tests/artifacts/ (gitignored) for a look.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { startApp, waitForHydration, type AppHarness } from "./harness";
import { POLICY_VERSION } from "../../core/scoring";

const SHOTS = resolve(__dirname, "../artifacts");
const BIO = "موظف في وزارة الداخلية";
const POST_EN = "My CPR is 850101234 <img src=x onerror=alert(1)>";

describe("pre-publication check in Chromium", () => {
  let app: AppHarness;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    app = await startApp();
  }, 240_000);
  afterAll(async () => {
    await app?.close();
  });

  const counted = () => {
    const db = new Database(app.dbPath, { readonly: true });
    try {
      const n = db.prepare("SELECT coalesce(sum(count), 0) AS n FROM check_counts WHERE rule_id = '*'").get() as { n: number };
      const rule = db.prepare("SELECT coalesce(sum(count), 0) AS n FROM check_counts WHERE rule_id = 'disc.missing'").get() as { n: number };
      const texts = db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'check.run' AND (after LIKE '%850101234%' OR after LIKE '%وزارة%')").get() as { n: number };
      return { n: n.n, rule: rule.n, leaked: texts.n };
    } finally {
      db.close();
    }
  };

  it("Arabic, JavaScript on: results as you type, evidence marked, what to change; not counted until submitted", async () => {
    const { context, page } = await app.newPage({ locale: "ar-BH" });
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await app.login(page, "director@interior.demo.local");
    await page.goto("/check");
    await waitForHydration(page);
    await expect(page.locator("html").getAttribute("dir")).resolves.toBe("rtl");
    await page.check("[data-testid=check-kind-bio]");
    await page.selectOption("[data-testid=check-class]", "employee");
    const before = counted().n;
    await page.fill("[data-testid=check-text]", BIO);
    // No click: the debounced preview answers.
    const flag = page.locator("[data-testid=check-flag][data-rule='disc.missing']");
    await flag.waitFor({ timeout: 10_000 });
    await expect(page.locator("[data-testid=check-fix]").first().textContent()).resolves.toContain("الآراء تمثلني");
    await expect(page.locator("[data-testid=check-results] mark").first().textContent()).resolves.toBe(BIO);
    expect(counted().n).toBe(before);
    // The policy version stays in reading order after Arabic text: an isolated LTR run.
    await expect(page.locator("[data-testid=check-results] bdi[dir=ltr]").last().textContent()).resolves.toBe(POLICY_VERSION);
    await page.screenshot({ path: `${SHOTS}/check-ar.png`, fullPage: true });
    await page.click("[data-testid=check-submit]");
    await expect.poll(() => counted().n, { timeout: 10_000 }).toBe(before + 1);
    expect(counted().rule).toBe(1);
    expect(counted().leaked).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  }, 60_000);

  it("English, JavaScript off: the form submits and the answer is rendered by the server, markup escaped", async () => {
    const context = await app.browser.newContext({ baseURL: app.url, locale: "en-GB", javaScriptEnabled: false, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto("/login");
    await page.fill('input[name="email"]', "reviewer@foreign-affairs.demo.local");
    await page.fill('input[name="password"]', process.env.DEMO_PASSWORD ?? (await import("../../core/config")).DEMO_PASSWORD);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith("/login")), page.click("[data-testid=login-submit]")]);
    // English for this user (the language switch is a form: it works without JavaScript too).
    await page.goto("/check");
    if ((await page.locator("html").getAttribute("lang")) !== "en") {
      await Promise.all([page.waitForURL((u) => u.pathname === "/check"), page.click("[data-testid=lang-switch]")]);
    }
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.fill("[data-testid=check-text]", POST_EN);
    await page.selectOption("[data-testid=check-class]", "employee");
    await Promise.all([page.waitForLoadState("load"), page.click("[data-testid=check-submit]")]);
    const flag = page.locator("[data-testid=check-flag][data-rule='pd.cpr']");
    await expect(flag.count()).resolves.toBe(1);
    await expect(page.locator("[data-testid=check-fix]").first().textContent()).resolves.toContain("Remove the CPR number");
    await expect(page.locator("[data-testid=check-results] mark").first().textContent()).resolves.toBe("850101234");
    // The draft's markup is text, never elements.
    expect(await page.locator("[data-testid=check-results] img").count()).toBe(0);
    await expect(page.locator("[data-testid=check-results]").textContent()).resolves.toContain("<img src=x onerror=alert(1)>");
    // Empty text: a readable error, no result.
    await page.goto("/check");
    await page.locator("[data-testid=check-text]").evaluate((el) => el.removeAttribute("required"));
    await Promise.all([page.waitForLoadState("load"), page.click("[data-testid=check-submit]")]);
    await expect(page.locator("[data-testid=check-invalid]").count()).resolves.toBe(1);
    await context.close();
  }, 60_000);

  it("the token page in Arabic: a new token is shown once", async () => {
    const { context, page } = await app.newPage({ locale: "ar-BH" });
    await app.login(page, "director@interior.demo.local");
    await page.goto("/settings/tokens");
    await waitForHydration(page);
    await page.fill("input[name=name]", "نظام إدارة المحتوى");
    await page.click("[data-testid=token-create]");
    const token = await page.locator("[data-testid=new-token]").textContent();
    expect(token).toMatch(/^amanah_[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: `${SHOTS}/tokens-ar.png`, fullPage: true });
    const r = await fetch(`${app.url}/api/v1/check`, { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ text: BIO, accountClass: "employee", kind: "bio" }) });
    expect(r.status).toBe(200);
    expect((await r.json()).flags[0].rule).toBe("disc.missing");
    await page.reload();
    expect(await page.locator("[data-testid=new-token]").count()).toBe(0);
    await context.close();
  }, 60_000);

  it("export links in Arabic: the review queue with its filters, an account's records for its director", async () => {
    const { context, page } = await app.newPage({ locale: "ar-BH" });
    await app.login(page, "director@interior.demo.local");
    await page.goto("/review?severity=high");
    await waitForHydration(page);
    expect(await page.locator("[data-testid=export-csv]").getAttribute("href")).toBe("/review/export.csv?severity=high");
    await page.screenshot({ path: `${SHOTS}/review-ar.png` });
    const csv = await page.request.get("/review/export.csv?severity=high");
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    const xlsx = await page.request.get("/review/export.xlsx");
    expect(xlsx.status()).toBe(200);
    expect((await xlsx.body()).subarray(0, 2).toString("latin1")).toBe("PK");
    await page.goto("/entities/interior/accounts");
    const first = page.locator("a[href^='/accounts/']").first();
    const href = (await first.getAttribute("href"))!;
    await page.goto(href);
    await waitForHydration(page);
    expect(await page.locator("[data-testid=records-export]").getAttribute("href")).toBe(`${href}/records.zip`);
    await page.screenshot({ path: `${SHOTS}/account-ar.png` });
    const zip = await page.request.get(`${href}/records.zip`);
    expect(zip.status()).toBe(200);
    expect(zip.headers()["x-amanah-manifest-sha256"]).toMatch(/^[0-9a-f]{64}$/);
    await context.close();
    // A reviewer of the entity sees the account but no records link.
    const r = await app.newPage({ locale: "ar-BH" });
    await app.login(r.page, "reviewer@interior.demo.local");
    await r.page.goto(href);
    await waitForHydration(r.page);
    expect(await r.page.locator("[data-testid=records-export]").count()).toBe(0);
    await r.context.close();
  }, 60_000);
});
