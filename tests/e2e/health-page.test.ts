/** The ingestion health page: scoped by entity, and a vanished official handle shown as a takeover risk. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../db/client";
import { startApp, type AppHarness } from "./harness";

describe("/health", () => {
  let app: AppHarness;
  let interiorAccounts = 0;
  beforeAll(async () => {
    app = await startApp();
    const db = openDb(app.dbPath);
    const row = db.$client.prepare("SELECT a.id FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'interior' AND a.class = 'official' AND a.platform = 'x'").get() as { id: number };
    db.$client.prepare("UPDATE accounts SET status = 'not_found' WHERE id = ?").run(row.id);
    interiorAccounts = (db.$client.prepare("SELECT count(*) AS n FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = 'interior'").get() as { n: number }).n;
    db.$client.close();
  });
  afterAll(async () => app?.close());

  it("a director sees only their entity's accounts, with the takeover risk first", async () => {
    const { context, page } = await app.newPage();
    try {
      await app.login(page, "director@interior.demo.local");
      await page.goto("/health");
      const rows = page.locator("[data-testid=health-page] tbody tr");
      expect(await rows.count()).toBe(interiorAccounts);
      expect(await page.locator("[data-testid=health-page] tbody").innerText()).not.toContain("وزارة الخارجية");
      expect(await rows.first().innerText()).toContain("خطر استيلاء");
      expect(await page.getByTestId("takeover-count").innerText()).toContain("١");
    } finally {
      await context.close();
    }
  });

  it("the CSB sees every entity's accounts", async () => {
    const { context, page } = await app.newPage();
    try {
      await app.login(page, "csb-analyst@demo.local");
      await page.goto("/health");
      const text = await page.locator("[data-testid=health-page] tbody").innerText();
      expect(text).toContain("وزارة الداخلية");
      expect(text).toContain("وزارة الخارجية");
    } finally {
      await context.close();
    }
  });
});
