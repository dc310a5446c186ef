/**
 * Issue 13 item 3: the sign-in throttle cannot be raced. Twenty wrong passwords for one account
 * sent at once over real HTTP: only MAX_PER_PAIR of them reach the password check (401), the rest
 * are refused before it (429), because each attempt is reserved before argon2 runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { startApp, type AppHarness } from "./harness";
import { MAX_PER_PAIR } from "../../app/lib/auth.server";

describe("sign-in throttle under concurrency", () => {
  let app: AppHarness;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`20 concurrent wrong passwords: ${MAX_PER_PAIR} checked, the rest refused before hashing`, async () => {
    const email = "csb-admin@demo.local";
    const statuses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        fetch(`${app.url}/login`, {
          method: "POST",
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ email, password: `wrong-${i}` }),
          redirect: "manual",
        }).then(async (r) => {
          await r.arrayBuffer();
          return r.status;
        }),
      ),
    );
    const count = (s: number) => statuses.filter((x) => x === s).length;
    expect({ checked: count(401), refused: count(429) }).toEqual({ checked: MAX_PER_PAIR, refused: 20 - MAX_PER_PAIR });

    const sql = new Database(app.dbPath, { readonly: true });
    try {
      const rows = sql.prepare(`SELECT outcome, count(*) AS n FROM login_attempts WHERE email = ? GROUP BY outcome`).all(email);
      expect(rows).toEqual([{ outcome: "failed", n: MAX_PER_PAIR }]);
      const failures = sql.prepare(`SELECT count(*) FROM audit_log WHERE action = 'auth.sign_in_failed' AND actor = ?`).pluck().get(email);
      expect(failures).toBe(MAX_PER_PAIR);
    } finally {
      sql.close();
    }
  });
});
