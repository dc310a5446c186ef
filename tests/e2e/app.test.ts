import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdirSync } from "node:fs";
import { sessionCookie, startApp, waitForHydration, type AppHarness } from "./harness";

describe("app in headless Chromium", () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp({ env: { AMANAH_DEMO: "0" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("serves /healthz with the database component", async () => {
    const r = await fetch(`${app.url}/healthz`);
    expect(r.status).toBe(200);
    expect(await r.json()).toMatchObject({ status: "ok", components: { database: "up" } });
  });

  it("refuses a form post sent from another site's page, and nothing changes", async () => {
    const cookie = await sessionCookie(app.url, "csb-analyst@demo.local");
    const post = (origin?: string) =>
      fetch(`${app.url}/logout`, { method: "POST", headers: { Cookie: cookie, ...(origin ? { Origin: origin } : {}) }, redirect: "manual" });
    for (const origin of ["https://evil.example", "null", `${app.url}.evil.example`, "not a url"]) {
      const r = await post(origin);
      expect(r.status, origin).toBe(403);
      expect(await r.text()).toMatch(/another site/);
    }
    // Still signed in: the refused logouts did nothing.
    expect((await fetch(`${app.url}/entities`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(200);
    // The same post from the app's own origin goes through.
    expect((await post(app.url)).status).toBe(302);
    expect((await fetch(`${app.url}/entities`, { headers: { Cookie: cookie }, redirect: "manual" })).status).toBe(302);
  });

  it("/verify negotiates JSON through the real server and answers bad input with 400", async () => {
    const yes = await fetch(`${app.url}/verify?url=${encodeURIComponent("https://x.com/dm_inter")}`, { headers: { Accept: "application/json" } });
    expect(yes.status).toBe(200);
    expect(yes.headers.get("content-type")).toMatch(/application\/json/);
    expect(await yes.json()).toMatchObject({ registered: true, account: { platform: "x", handle: "dm_inter" }, entity: { slug: "interior" } });
    const bad = await fetch(`${app.url}/verify?url=${encodeURIComponent("javascript:alert(1)")}`, { headers: { Accept: "application/json" } });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error).toBe("scheme");
    const huge = await fetch(`${app.url}/verify?url=${"a".repeat(10_000)}`);
    expect(huge.status).toBe(400);
    expect(await huge.text()).toMatch(/<html lang="ar" dir="rtl"/);
  });

  it("CSB analyst sees the entity list; a missing page is a translated 404", async () => {
    const { context, page } = await app.newPage();
    try {
      await app.login(page, "csb-analyst@demo.local");
      await page.goto("/entities");
      expect(await page.locator("[data-testid=entity-card]").count()).toBeGreaterThan(10);
      await page.screenshot({ path: "tests/artifacts/entities-ar.png" });
      const r = await page.goto("/no/such/page");
      expect(r?.status()).toBe(404);
      await expect(page.locator("h1").first().textContent()).resolves.toBe("الصفحة غير موجودة");
    } finally {
      await context.close();
    }
  });

  it("director: own entity, 404 on another entity, language switch flips dir, Arabic screenshot", async () => {
    const { context, page } = await app.newPage();
    try {
      await app.login(page, "director@interior.demo.local");
      // /entities sends an entity user to their own entity.
      await page.goto("/entities");
      expect(new URL(page.url()).pathname).toBe("/entities/interior");
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      expect(await page.getAttribute("html", "lang")).toBe("ar");
      await expect(page.locator("[data-testid=entity-head] h1").textContent()).resolves.toBe("وزارة الداخلية");

      const other = await page.goto("/entities/foreign-affairs");
      expect(other?.status()).toBe(404);
      await expect(page.locator("h1").first().textContent()).resolves.toBe("الصفحة غير موجودة");
      const missing = await page.goto("/entities/does-not-exist");
      expect(missing?.status()).toBe(404);

      await page.goto("/entities/interior/accounts");
      await page.locator("[data-testid=accounts-table] tbody tr").first().waitFor();
      await expect(page.locator("[data-testid=synthetic-note]").isVisible()).resolves.toBe(true);
      await page.evaluate(() => document.fonts.ready);
      mkdirSync("tests/artifacts", { recursive: true });
      await page.screenshot({ path: "tests/artifacts/entity-ar.png", fullPage: true });
      // The bundled Arabic font is the one in use.
      const fontOk = await page.evaluate(() => document.fonts.check('16px "IBM Plex Sans Arabic"', "وزارة"));
      expect(fontOk).toBe(true);

      await Promise.all([page.waitForURL(/\/entities\/interior\/accounts/), page.click("[data-testid=lang-switch]")]);
      await page.waitForFunction(() => document.documentElement.dir === "ltr");
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await expect(page.locator("[data-testid=entity-head] h1").textContent()).resolves.toBe("Ministry of Interior");
      await page.screenshot({ path: "tests/artifacts/entity-en.png", fullPage: true });
      // The choice persists across navigation.
      await page.goto("/entities/interior");
      expect(await page.getAttribute("html", "dir")).toBe("ltr");
    } finally {
      await context.close();
    }
  });

  it("wrong password shows the error; ownership form errors show next to fields", async () => {
    const { context, page } = await app.newPage();
    try {
      await page.goto("/login");
      await waitForHydration(page);
      await page.fill('input[name="email"]', "director@labour.demo.local");
      await page.fill('input[name="password"]', "wrong-password");
      await page.click("[data-testid=login-submit]");
      await page.locator("[data-testid=login-error]").waitFor();
      await app.login(page, "director@labour.demo.local");
      await page.goto("/entities/labour/accounts");
      await page.locator("[data-testid=accounts-table] tbody a").first().click();
      await page.waitForURL(/\/accounts\/\d+$/);
      const id = new URL(page.url()).pathname.split("/")[2];
      await page.goto(`/accounts/${id}/ownership`);
      await waitForHydration(page);
      await page.fill('input[name="custodianEmail"]', "not-an-email");
      await page.click('form:has(input[name="custodianEmail"]) button[type="submit"]');
      await page.locator("#custodianEmail-error").waitFor();
      await page.screenshot({ path: "tests/artifacts/ownership-ar.png", fullPage: true });
    } finally {
      await context.close();
    }
  });
});
