/**
 * Issue 13 item 1: after sign-in and after the language switch the app only ever redirects to a
 * path on its own site, judged the way a browser reads the Location header (tabs and newlines
 * dropped, a backslash read as a slash); a newline in `next` is a redirect home, never a 500.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { seededDb } from "../helpers/db";
import { BASE, call, get, post, signInAs, useDb } from "./app-helpers";
import { action as loginAction, loader as loginLoader } from "../../app/routes/login";
import { action as localeAction } from "../../app/routes/locale";
import { safeNext } from "../../app/lib/auth.server";

/** Where a browser at BASE goes with this Location header. */
function landsOn(location: string | null): string {
  expect(location).not.toBeNull();
  return new URL(location!, BASE).origin;
}

const HOSTILE = [
  "/\t/evil.example/",
  "/\n/evil.example/",
  "/\r\n/evil.example/",
  "/\t\t//evil.example/",
  "/\\evil.example/",
  "/\\\\evil.example/",
  "/\\/evil.example/",
  "//evil.example/",
  "/\u0000/evil.example/",
  "/\u007f/evil.example/",
  "/\u0085/evil.example/",
  "https://evil.example/",
  "javascript:alert(1)",
  " //evil.example/",
  "\t//evil.example/",
  "",
];

describe("safeNext", () => {
  it.each(HOSTILE)("keeps %j on this site", (next) => {
    const out = safeNext(next);
    expect(new URL(out, BASE).origin).toBe(BASE);
    expect(out).toBe("/");
  });

  it("keeps ordinary paths, query and fragment, percent-encoded so the header is always valid", () => {
    expect(safeNext("/entities?x=1#top")).toBe("/entities?x=1#top");
    expect(safeNext("/%09/evil.example/")).toBe("/%09/evil.example/");
    expect(safeNext("/entities/وزارة")).toBe("/entities/%D9%88%D8%B2%D8%A7%D8%B1%D8%A9");
    expect(safeNext("/a b")).toBe("/a%20b");
    expect(safeNext(`/${"a".repeat(2001)}`)).toBe("/");
    expect(safeNext(undefined)).toBe("/");
    expect(safeNext(42)).toBe("/");
  });
});

describe("redirects after sign-in and the language switch", () => {
  beforeAll(async () => {
    const { db } = await seededDb("open-redirect");
    useDb(db);
  });

  it.each(HOSTILE)("sign-in with next=%j lands on this site", async (next) => {
    const res = await call(loginAction, post("/login", { email: "csb-analyst@demo.local", password: "amanah-demo-2026", next }), {}, { clientIp: "10.13.1.1" });
    expect(res.status).toBe(302);
    expect(landsOn(res.headers.get("Location"))).toBe(BASE);
  });

  it("a signed-in visit to /login?next=/%0a/… redirects home instead of failing", async () => {
    const cookie = await signInAs("csb-analyst@demo.local", undefined, "10.13.1.2");
    for (const q of ["/%0a/evil.example/", "/%09/evil.example/", "/%5cevil.example/", "/%0d%0aSet-Cookie:%20x=1"]) {
      const res = await call(loginLoader, get(`/login?next=${q}`, cookie));
      expect(res.status, q).toBe(302);
      expect(res.headers.get("Location"), q).toBe("/");
    }
  });

  it.each(HOSTILE)("the language switch with redirectTo=%j stays on this site", async (redirectTo) => {
    const res = await call(localeAction, post("/locale", { locale: "en", redirectTo }));
    expect(res.status).toBe(302);
    expect(landsOn(res.headers.get("Location"))).toBe(BASE);
  });

  it("the language switch still returns to the page it came from", async () => {
    const res = await call(localeAction, post("/locale", { locale: "ar", redirectTo: "/review?severity=high" }));
    expect(res.headers.get("Location")).toBe("/review?severity=high");
  });
});
