/**
 * Hydration regression: the dashboard pages render the same text on the server and in Chromium
 * (no React #418/#425 hydration errors, no console errors, no page errors) in Arabic and English.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { startDashApp, type DashApp } from "./harness";
import { sessionCookie, waitForHydration } from "../e2e/harness";

let app: DashApp;
let accountId: number;

beforeAll(async () => {
  app = await startDashApp();
  const sql = new Database(app.dbPath, { readonly: true });
  accountId = sql.prepare(`SELECT a.id FROM accounts a JOIN flags f ON f.account_id = a.id JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'interior' LIMIT 1`).pluck().get() as number;
  sql.close();
});
afterAll(async () => {
  await app?.close();
});

describe("translations per page", () => {
  it("a client-side navigation loads the namespaces the next page needs", async () => {
    const context = await app.browser.newContext({ baseURL: app.url, locale: "ar-BH", timezoneId: "Asia/Bahrain" });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    try {
      await signIn(page, "csb-admin@demo.local");
      await page.goto("/compare");
      await waitForHydration(page);
      // /compare ships common+dashboard only; the queue also needs "review" (root revalidates).
      await Promise.all([page.waitForURL("**/review"), page.locator('nav a[href="/review"]').first().click()]);
      await page.locator("[data-testid=review-queue] h1").waitFor();
      expect(await page.locator("[data-testid=review-queue] h1").textContent()).toBe("قائمة المراجعة");
      await Promise.all([page.waitForURL("**/reports"), page.locator('nav a[href="/reports"]').first().click()]);
      await page.locator("main h1").first().waitFor();
      expect(await page.locator("main h1").first().textContent()).not.toMatch(/^[a-z]+\.[a-zA-Z.]+$|^title$/);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

async function signIn(page: Page, email: string): Promise<void> {
  const cookie = await sessionCookie(app.url, email);
  await page.context().addCookies(
    cookie.split("; ").map((kv) => ({ name: kv.slice(0, kv.indexOf("=")), value: kv.slice(kv.indexOf("=") + 1), url: app.url })),
  );
}

// A browser in another zone and language than the server: formatting must not depend on either.
describe.each([
  { locale: "ar-BH", timezoneId: "America/Los_Angeles", cookie: undefined },
  { locale: "en-US", timezoneId: "Asia/Tokyo", cookie: "en" },
])("no hydration errors ($locale, $timezoneId)", ({ locale, timezoneId, cookie }) => {
  it("entity, compare, review, account and executives pages hydrate cleanly", async () => {
    const context = await app.browser.newContext({ baseURL: app.url, locale, timezoneId, viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || (m.type() === "warning" && /hydrat|did not match/i.test(m.text()))) errors.push(`console.${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    try {
      await signIn(page, "csb-admin@demo.local");
      if (cookie) await context.addCookies([{ name: "amanah_locale", value: Buffer.from(JSON.stringify(cookie)).toString("base64"), url: app.url }]);
      for (const path of ["/entities/interior", "/compare", "/review", `/accounts/${accountId}`, "/executives"]) {
        const before = errors.length;
        const r = await page.goto(path);
        expect(r?.status(), path).toBe(200);
        await waitForHydration(page);
        // Hydration errors are reported right after hydrate; let pending effects and lazy chunks settle.
        await page.waitForLoadState("networkidle");
        expect(errors.slice(before), path).toEqual([]);
      }
      if (cookie) expect(await page.locator("html").getAttribute("lang")).toBe(cookie);
    } finally {
      await context.close();
    }
  });
});
