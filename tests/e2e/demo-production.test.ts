/**
 * Issue 13 item 9: the demo's web server runs in production mode (scripts/demo.ts sets
 * NODE_ENV=production, HOST=127.0.0.1, AMANAH_DEMO=1), so an unexpected error shows no stack
 * trace and no error text, in the page or in `?_data=` answers. The demo password is allowed in
 * production only on a loopback address (core/config.ts; tests/unit/config.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { sessionCookie, startApp, type AppHarness } from "./harness";

describe("the demo server in production mode", () => {
  let app: AppHarness;
  beforeAll(async () => {
    // The demo's own settings (scripts/demo.ts, scripts/demo.sh).
    app = await startApp({ env: { NODE_ENV: "production", AMANAH_DEMO: "1", HOST: "127.0.0.1" } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it("shows the demo log-ins, and a thrown error shows no stack trace or error text", async () => {
    const login = await (await fetch(`${app.url}/login`)).text();
    expect(login).toContain('data-testid="demo-logins"');
    const cookie = await sessionCookie(app.url, "csb-admin@demo.local");
    // Break the database under the running server: the entities page's loader throws.
    const sql = new Database(app.dbPath);
    sql.exec("ALTER TABLE entities RENAME TO entities_gone");
    sql.close();
    for (const path of ["/entities", "/entities?_data=routes%2Fentities._index"]) {
      const r = await fetch(`${app.url}${path}`, { headers: { Cookie: cookie } });
      expect(r.status, path).toBe(500);
      const body = await r.text();
      expect(body, path).not.toMatch(/no such table|entities_gone|SqliteError/i);
      expect(body, path).not.toMatch(/\n\s+at |\.tsx?:\d+|node_modules|\/build\/(index|server)\.js/);
    }
    // The error is logged on the server, where the operator can read it.
    expect(app.logs.join("")).toMatch(/no such table/);
  });
});
