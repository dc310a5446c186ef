/**
 * The alert screens in a real browser (Arabic), against server.ts over HTTP: notification
 * preferences saved and audited, webhook registration (the outbound guard's refusals, the secret
 * shown once and stored sealed), the signed one-click unsubscribe POSTed without a session, and the
 * demo's sent-mail page showing a hostile message in a sandboxed frame. Screenshots go to
 * tests/artifacts/alerts-*.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { openDb, type Db } from "../../db/client";
import { storeReceived } from "../../db/demo/mailbox";
import { prefsOf } from "../../db/alerts/prefs";
import { unsubscribePath } from "../../core/alerts/unsubscribe";
import { startApp, waitForHydration, type AppHarness } from "./harness";

const SESSION_SECRET = "e2e-alerts-".padEnd(48, "y");
let app: AppHarness;
let db: Db;

const user = (email: string) => db.$client.prepare<[string], { id: number; role: "entity_director" }>(`SELECT id, role FROM users WHERE email = ?`).get(email)!;

beforeAll(async () => {
  app = await startApp({
    // The demo's outbox page exists only with AMANAH_DEMO=1, which production refuses.
    env: { NODE_ENV: "test", AMANAH_DEMO: "1", SESSION_SECRET, AMANAH_CREDENTIALS_KEY: randomBytes(32).toString("base64"), PAGE_CACHE: "0" },
  });
  db = openDb(app.dbPath);
});

afterAll(async () => {
  db?.$client.close();
  await app?.close();
});

describe("alert screens", () => {
  const director = "director@" + "%SLUG%" + ".demo.local";
  let dirEmail = director;

  it("notification preferences: Arabic, defaults on for a director, saved and audited", async () => {
    const slug = db.$client.prepare(`SELECT slug FROM entities ORDER BY id LIMIT 1`).pluck().get() as string;
    dirEmail = director.replace("%SLUG%", slug);
    const { context, page } = await app.newPage();
    try {
      await app.login(page, dirEmail);
      await page.goto("/settings/notifications");
      await waitForHydration(page);
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      expect(await page.isChecked("[data-testid=pref-immediate]")).toBe(true);
      expect(await page.isChecked("[data-testid=pref-digest]")).toBe(false);
      // The user menu links to both settings pages.
      expect(await page.locator("[data-testid=user-link-notifications]").count()).toBe(1);
      expect(await page.locator("[data-testid=user-link-webhooks]").count()).toBe(1);
      await page.check("[data-testid=pref-digest]");
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click("[data-testid=notification-settings] button[type=submit]")]);
      await page.waitForSelector("[role=status]");
      await page.screenshot({ path: "tests/artifacts/alerts-notifications-ar.png", fullPage: true });
      const u = user(dirEmail);
      expect(prefsOf(db, u)).toMatchObject({ immediate: true, digest: true });
      const audit = db.$client.prepare(`SELECT action FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT 1`).pluck().get(u.id);
      expect(audit).toBe("notifications.update");
    } finally {
      await context.close();
    }
  });

  it("webhooks: http and private addresses refused; the secret shown once and stored sealed", async () => {
    const { context, page } = await app.newPage();
    try {
      await app.login(page, dirEmail);
      await page.goto("/settings/webhooks");
      await waitForHydration(page);
      const register = async (url: string) => {
        await page.fill('input[name="url"]', url);
        await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), page.click('form:has(input[value="create"]) button[type=submit]')]);
      };
      await register("http://93.184.216.34/hook");
      expect(await page.textContent("[data-testid=hook-error]")).toMatch(/https/);
      await register("https://127.0.0.1/hook");
      await page.waitForSelector("[data-testid=hook-error]");
      expect(db.$client.prepare(`SELECT count(*) FROM webhooks`).pluck().get()).toBe(0);

      await register("https://93.184.216.34/amanah-hook");
      const secret = (await page.textContent("[data-testid=hook-secret] code"))?.trim() ?? "";
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{40,}$/);
      // Field and header names in the request format: each an isolated left-to-right run.
      const codes = await page.locator("[data-testid=hooks-format] bdi[dir=ltr] > code").allTextContents();
      expect(codes).toEqual(expect.arrayContaining(["occurredAt", "X-Amanah-Delivery", "X-Amanah-Signature"]));
      await page.screenshot({ path: "tests/artifacts/alerts-webhooks-ar.png", fullPage: true });
      const row = db.$client.prepare(`SELECT secret_sealed AS sealed, url FROM webhooks`).get() as { sealed: string; url: string };
      expect(row.url).toBe("https://93.184.216.34/amanah-hook");
      expect(row.sealed).not.toContain(secret);
      expect(row.sealed).not.toContain(secret.slice(6, 26));
      // Shown once: a reload no longer carries it.
      await page.goto("/settings/webhooks");
      expect(await page.content()).not.toContain(secret);
      expect(await page.locator("[data-testid=hook]").count()).toBe(1);
      const audit = db.$client.prepare(`SELECT action, after FROM audit_log WHERE target_type = 'webhook' ORDER BY id DESC LIMIT 1`).get() as { action: string; after: string };
      expect(audit.action).toBe("webhook.create");
      expect(audit.after).not.toContain(secret);
    } finally {
      await context.close();
    }
  });

  it("a reviewer has no webhooks page", async () => {
    const slug = db.$client.prepare(`SELECT slug FROM entities ORDER BY id LIMIT 1`).pluck().get() as string;
    const { context, page } = await app.newPage();
    try {
      await app.login(page, `reviewer@${slug}.demo.local`);
      const res = await page.goto("/settings/webhooks");
      expect(res?.status()).toBe(404);
    } finally {
      await context.close();
    }
  });

  it("one-click unsubscribe over HTTP without a session (RFC 8058 POST); the page in Arabic", async () => {
    const u = user(dirEmail);
    const path = unsubscribePath(SESSION_SECRET, { userId: u.id, kind: "immediate" });
    const { context, page } = await app.newPage();
    try {
      await page.goto(path);
      await waitForHydration(page);
      await page.screenshot({ path: "tests/artifacts/alerts-unsubscribe-ar.png" });
      expect(prefsOf(db, u).immediate).toBe(true); // a GET changes nothing
    } finally {
      await context.close();
    }
    const forged = await fetch(`${app.url}${path.replace(`u=${u.id}`, `u=${u.id + 2}`)}`, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) });
    expect(forged.status).toBe(400);
    const res = await fetch(`${app.url}${path}`, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }), redirect: "manual" });
    expect(res.status).toBe(200);
    expect(prefsOf(db, u).immediate).toBe(false);
  });

  it("the demo's sent mail: a hostile message shown in a sandboxed frame, csb_admin only", async () => {
    const id = storeReceived(db, {
      receivedAt: Date.now(),
      messageId: "<amanah.mail.1.1@amanah.test>",
      from: "Amanah <alerts@amanah.demo.local>",
      to: "director@x.demo.local",
      subject: "تنبيه: منشور عالي الخطورة <b>",
      html: `<html lang="ar" dir="rtl"><body><p>نص المنشور</p><script>parent.document.title = "pwned"</script></body></html>`,
      text: "نص المنشور",
      headers: { "list-unsubscribe": "<http://amanah.test/unsubscribe>" },
      bytes: 300,
    });
    const asDirector = await app.newPage();
    try {
      await app.login(asDirector.page, dirEmail);
      expect((await asDirector.page.goto("/admin/outbox"))?.status()).toBeGreaterThanOrEqual(403);
    } finally {
      await asDirector.context.close();
    }
    const { context, page } = await app.newPage();
    try {
      await app.login(page, "csb-admin@demo.local");
      await page.goto("/admin/outbox");
      await waitForHydration(page);
      expect(await page.textContent("[data-testid=outbox]")).toContain("director@x.demo.local");
      // The count in Arabic words or Arabic-Indic digits, never Latin digits.
      expect(await page.textContent("[data-testid=outbox-total]")).toMatch(/^(رسالة واحدة|رسالتان|[٠-٩]+ رسائل|[٠-٩]+ رسالة)$/);
      await page.screenshot({ path: "tests/artifacts/alerts-outbox-ar.png", fullPage: true });
      await page.goto(`/admin/outbox?m=${id}`);
      await waitForHydration(page);
      expect(await page.getAttribute("[data-testid=outbox-frame]", "sandbox")).toBe("");
      await page.waitForTimeout(300);
      expect(await page.title()).not.toBe("pwned");
      expect(await page.textContent("[data-testid=outbox-message]")).toContain("<b>"); // the subject as text
      await page.screenshot({ path: "tests/artifacts/alerts-outbox-message-ar.png", fullPage: true });
    } finally {
      await context.close();
    }
  });
});
