/**
 * The rendered-page cache (app/lib/page-cache.server.ts) against the built server over HTTP: a page
 * is reused only for the same session while the database is unchanged, never crosses users, and
 * any commit (from this server or another connection) makes the next request render afresh.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../db/client";
import { seedHistory } from "../../db/demo/history";
import { sessionCookie, startApp, type AppHarness } from "./harness";

let app: AppHarness;
let db: Db;

beforeAll(async () => {
  app = await startApp();
  db = openDb(app.dbPath);
  // Posts and open flags for the review queue (written while the server runs, as ingestion would).
  await seedHistory(db, { weeks: 2, now: Date.now() });
}, 120_000);

afterAll(async () => {
  db?.$client.close();
  await app?.close();
});

const signIn = (email: string) => sessionCookie(app.url, email);

async function page(path: string, cookie: string) {
  const r = await fetch(app.url + path, { headers: { Cookie: cookie }, redirect: "manual" });
  return {
    status: r.status,
    cache: r.headers.get("x-amanah-page-cache"),
    encoding: r.headers.get("content-encoding"),
    body: await r.text(),
    location: r.headers.get("location"),
  };
}

describe("rendered-page cache", () => {
  it("serves a repeated page from the cache, byte for byte, while nothing changed", async () => {
    const csb = await signIn("csb-admin@demo.local");
    const first = await page("/compare", csb);
    const second = await page("/compare", csb);
    expect(first.status).toBe(200);
    expect(first.cache).toBe("miss");
    expect(second.cache).toBe("hit");
    expect(second.body).toBe(first.body);
    expect(second.encoding).toBe("gzip"); // stored compressed, sent as is
    const plain = await fetch(app.url + "/compare", { headers: { Cookie: csb, "Accept-Encoding": "identity" } });
    expect(plain.headers.get("x-amanah-page-cache")).toBe("hit");
    expect(plain.headers.get("content-encoding")).toBeNull();
    expect(await plain.text()).toBe(first.body);
    // Another URL (query) is another page.
    expect((await page("/compare?sort=name", csb)).cache).toBe("miss");
  });

  it("never hands one user's page to another: a director still gets 404 for the comparison", async () => {
    const csb = await signIn("csb-admin@demo.local");
    await page("/entities/foreign-affairs", csb);
    expect((await page("/entities/foreign-affairs", csb)).cache).toBe("hit");
    const director = await signIn("director@interior.demo.local");
    const other = await page("/entities/foreign-affairs", director);
    expect(other.status).toBe(404);
    expect(other.cache).toBe("miss");
    expect((await page("/compare", director)).status).toBe(404);
    expect((await page("/entities/interior", director)).status).toBe(200);
  });

  it("a commit from another connection makes the next request render the new data", async () => {
    const csb = await signIn("csb-admin@demo.local");
    await page("/entities/interior", csb);
    expect((await page("/entities/interior", csb)).cache).toBe("hit");
    const before = await page("/entities/interior", csb);
    expect(before.body).not.toContain("وزارة الداخلية (اختبار التخزين)");
    db.$client.prepare(`UPDATE entities SET name_ar = 'وزارة الداخلية (اختبار التخزين)' WHERE slug = 'interior'`).run();
    const after = await page("/entities/interior", csb);
    expect(after.cache).toBe("miss");
    expect(after.body).toContain("وزارة الداخلية (اختبار التخزين)");
    expect((await page("/entities/interior", csb)).cache).toBe("hit");
  });

  it("a signed-out session is not served the page it saw before", async () => {
    const csb = await signIn("csb-admin@demo.local");
    await page("/review", csb);
    expect((await page("/review", csb)).cache).toBe("hit");
    const out = await fetch(`${app.url}/logout`, { method: "POST", headers: { Cookie: csb }, redirect: "manual" });
    expect(out.status).toBe(302);
    const after = await page("/review", csb);
    expect(after.status).toBe(302);
    expect(after.location).toMatch(/^\/login/);
  });

  it("a review decision posted through the app is visible on the next request", async () => {
    const reviewer = await signIn("reviewer@interior.demo.local");
    const before = await page("/review", reviewer);
    expect((await page("/review", reviewer)).cache).toBe("hit");
    const id = Number(/name="flag" value="(\d+)"/.exec(before.body)?.[1]);
    expect(id).toBeGreaterThan(0);
    const r = await fetch(`${app.url}/review`, {
      method: "POST",
      headers: { Cookie: reviewer, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ decision: "confirm", flag: String(id) }),
      redirect: "manual",
    });
    expect(r.status).toBeLessThan(400);
    const status = db.$client.prepare(`SELECT status FROM flags WHERE id = ?`).get(id) as { status: string };
    expect(status.status).toBe("confirmed");
    const after = await page("/review", reviewer);
    expect(after.cache).toBe("miss");
    expect(after.body).not.toContain(`name="flag" value="${id}"`);
  });
});
