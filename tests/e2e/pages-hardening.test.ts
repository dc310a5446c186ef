/**
 * Issue 13, every page type over real HTTP and in real Chromium, Arabic and English, signed in as
 * csb_admin (who sees every page):
 * - item 7: no page contains a NUL byte;
 * - item 9: every HTML response carries the Content-Security-Policy, each inline script carries
 *   its nonce, and pages hydrate with no CSP violation; /healthz says only up/down;
 * - item 11: axe-core (WCAG 2.1 A/AA) finds no serious or critical violation on any page;
 * - hostile text: with script payloads in post text and registry values, no dialog opens and no
 *   payload runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import type { Page } from "playwright-core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { sessionCookie, startApp, waitForHydration, type AppHarness } from "./harness";

/** Every page type; `:account` is an interior account id. */
export const PAGE_TYPES = [
  "/",
  "/entities",
  "/entities/interior",
  "/entities/interior/accounts",
  "/entities/interior/accounts/new",
  "/entities/interior/import",
  "/entities/interior/impersonation",
  "/accounts/:account",
  "/accounts/:account/edit",
  "/accounts/:account/ownership",
  "/admin",
  "/compare",
  "/executives",
  "/health",
  "/import",
  "/reports",
  "/reports/preview?entity=interior",
  "/review",
  "/verify",
  "/verify?url=https%3A%2F%2Fx.com%2Fdm_inter",
  "/no/such/page",
];

const PAYLOAD = `<img src=x onerror="window.__pwned=1;alert(1)"><script>window.__pwned=1;alert(1)</script>"'><svg onload="window.__pwned=1;alert(1)"></svg>javascript:alert(1)`;

/** The locale cookie as POST /locale sets it. */
async function localeCookie(url: string, cookie: string, locale: "ar" | "en"): Promise<string> {
  const r = await fetch(`${url}/locale`, {
    method: "POST",
    headers: { Cookie: cookie, Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ locale, redirectTo: "/" }),
    redirect: "manual",
  });
  const set = r.headers.getSetCookie().find((c) => c.startsWith("amanah_locale="));
  if (!set) throw new Error(`no locale cookie (${r.status})`);
  return set.split(";")[0];
}

describe("every page type: NUL bytes, CSP, hostile text", () => {
  let app: AppHarness;
  let admin: string;
  let pages: string[];
  const cookies: Record<"ar" | "en", string> = { ar: "", en: "" };

  beforeAll(async () => {
    app = await startApp();
    const sql = new Database(app.dbPath);
    try {
      const account = sql.prepare("SELECT a.id FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'interior' ORDER BY a.id").pluck().get() as number;
      pages = PAGE_TYPES.map((p) => p.replace(":account", String(account)));
      // Hostile values in everything a page shows from platforms and the registry.
      // Posts with hostile text, each flagged (so the review queue and the account page show them).
      const interior = sql.prepare("SELECT id FROM entities WHERE slug = 'interior'").pluck().get() as number;
      const now = Date.now();
      for (let i = 0; i < 3; i++) {
        const post = sql
          .prepare("INSERT INTO posts (account_id, platform_post_id, url, text, lang, published_at, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?, 'ar', ?, ?, ?)")
          .run(account, `hostile-${i}`, `javascript:window.__pwned=1`, `${PAYLOAD} منشور ${i}`, now - i * 3_600_000, now, now).lastInsertRowid;
        sql
          .prepare("INSERT INTO flags (subject_key, post_id, account_id, entity_id, rule_id, clause_id, category, severity, score, spans, policy_version, created_at) VALUES (?, ?, ?, ?, ?, ?, 'offensive', 'high', 0.9, ?, 'test', ?)")
          .run(`post:${post}`, post, account, interior, `rule-${PAYLOAD}`, `clause-${PAYLOAD}`, JSON.stringify([{ start: 0, end: 20, text: PAYLOAD }]), now);
      }
      sql.prepare("UPDATE accounts SET holder_name = ?, holder_title = ?, display_name = ?, managed_by = ?, handover_plan = ?").run(PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD, PAYLOAD);
      sql.prepare("UPDATE entities SET name_en = ? || name_en, name_ar = ? || name_ar WHERE slug = 'interior'").run(PAYLOAD, PAYLOAD);
      expect(sql.prepare("SELECT count(*) FROM posts WHERE text LIKE '<img src=x%'").pluck().get()).toBeGreaterThan(0);
    } finally {
      sql.close();
    }
    admin = await sessionCookie(app.url, "csb-admin@demo.local");
    cookies.ar = `${admin}; ${await localeCookie(app.url, admin, "ar")}`;
    cookies.en = `${admin}; ${await localeCookie(app.url, admin, "en")}`;
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it("no page contains a NUL byte; every HTML page has the CSP and nonce'd inline scripts (Arabic and English)", async () => {
    for (const locale of ["ar", "en"] as const) {
      for (const path of [...pages, "/login"]) {
        const r = await fetch(`${app.url}${path}`, { headers: { Cookie: path === "/login" ? cookies[locale].split("; ").pop()! : cookies[locale] } });
        const where = `${locale} ${path} (${r.status})`;
        expect([200, 404], where).toContain(r.status);
        const bytes = Buffer.from(await r.arrayBuffer());
        expect(bytes.indexOf(0), where).toBe(-1);
        const html = bytes.toString("utf8");
        expect(html, where).toContain(locale === "ar" ? `<html lang="ar" dir="rtl"` : `<html lang="en" dir="ltr"`);
        const csp = r.headers.get("content-security-policy") ?? "";
        const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
        expect(nonce, where).toBeTruthy();
        for (const part of ["default-src 'self'", `script-src 'self' 'nonce-${nonce}'`, "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'", "img-src 'self' data:"]) {
          expect(csp, `${where}: ${part}`).toContain(part);
        }
        const inline = [...html.matchAll(/<script\b([^>]*)>/g)].filter((m) => !/\bsrc=/.test(m[1]));
        expect(inline.length, where).toBeGreaterThan(0);
        for (const m of inline) expect(m[1], where).toContain(`nonce="${nonce}"`);
        // The hostile values are there, escaped.
        if (path === "/entities/interior") expect(html, where).toContain("&lt;img src=x onerror=");
      }
    }
  }, 300_000);

  it("/healthz says only up or down per component; the details are for csb_admin on /health", async () => {
    const r = await fetch(`${app.url}/healthz`);
    const body = await r.json();
    expect(body.status).toBe("ok");
    expect(body.components.database).toBe("up");
    expect(Object.values(body.components).every((v) => v === "up" || v === "down")).toBe(true);
    expect(JSON.stringify(body)).not.toContain(app.dbPath);
    expect(JSON.stringify(body)).not.toMatch(/pid|error|path/i);

    const asAdmin = await fetch(`${app.url}/health`, { headers: { Cookie: cookies.en } });
    const html = await asAdmin.text();
    expect(html).toContain('data-testid="health-components"');
    expect(html).toContain(JSON.stringify(app.dbPath).slice(1, -1));
    const director = await sessionCookie(app.url, "director@interior.demo.local");
    const other = await (await fetch(`${app.url}/health`, { headers: { Cookie: director } })).text();
    expect(other).not.toContain("health-components");
    expect(other).not.toContain(app.dbPath);
  });

  /** Opens each page in Chromium (CSP violations recorded from the first byte), waits for hydration, hands it to `check`. */
  async function eachPage(locale: "ar" | "en", check: (page: Page, path: string) => Promise<void>): Promise<void> {
    const { context, page } = await app.newPage({ locale: locale === "ar" ? "ar-BH" : "en-GB" });
    try {
      await context.addCookies(
        cookies[locale].split("; ").map((c) => {
          const at = c.indexOf("=");
          return { name: c.slice(0, at), value: c.slice(at + 1), url: app.url };
        }),
      );
      await page.addInitScript(() => {
        const w = window as unknown as { __csp: string[] };
        w.__csp = [];
        document.addEventListener("securitypolicyviolation", (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
      });
      for (const path of pages) {
        await page.goto(path);
        await waitForHydration(page);
        await check(page, path);
      }
    } finally {
      await context.close();
    }
  }

  it("pages hydrate with no CSP violation, and no hostile payload runs or opens a dialog (Arabic and English)", async () => {
    for (const locale of ["ar", "en"] as const) {
      const violations: string[] = [];
      const dialogs: string[] = [];
      let current = "";
      await eachPage(locale, async (page, path) => {
        if (!current) {
          page.on("console", (m) => {
            if (/Content Security Policy/i.test(m.text())) violations.push(`${current}: ${m.text()}`);
          });
          page.on("dialog", (d) => {
            dialogs.push(`${current}: ${d.message()}`);
            void d.dismiss();
          });
          // The first page loaded before the listeners: load it again under them.
          current = path;
          await page.reload();
          await waitForHydration(page);
        }
        current = path;
        await page.waitForTimeout(50);
        const seen = await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
        violations.push(...seen.map((v) => `${path}: ${v}`));
        const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
        expect(pwned, `${locale} ${path}`).toBeUndefined();
        expect(await page.locator("html").getAttribute("lang"), path).toBe(locale);
      });
      expect(violations, locale).toEqual([]);
      expect(dialogs, locale).toEqual([]);
    }
  }, 600_000);

  it("axe-core: no serious or critical WCAG 2.1 A/AA violation on any page (Arabic and English)", async () => {
    const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
    const found: string[] = [];
    for (const locale of ["ar", "en"] as const) {
      await eachPage(locale, async (page, path) => {
        // Evaluated through the DevTools protocol: the page's CSP does not apply to it.
        await page.evaluate(axeSource);
        const violations = await page.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: unknown[]; failureSummary?: string }[] }[] }> } }).axe;
          const r = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] }, resultTypes: ["violations"] });
          return r.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => String(n.target)).slice(0, 5), n: v.nodes.length }));
        });
        for (const v of violations) found.push(`${locale} ${path}: ${v.id} (${v.impact}) ×${v.n} ${v.nodes.join(" | ")}`);
      });
    }
    expect(found).toEqual([]);
  }, 600_000);
});
