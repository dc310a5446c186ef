/** For the benchmarks that drive the built server over HTTP (scripts/server-process.ts starts it): sign in as the CSB admin. */
import { DEMO_PASSWORD } from "../../core/config";

/** The session cookie of the seeded CSB admin. */
export async function adminCookie(base: string): Promise<string> {
  const login = await fetch(`${base}/login`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email: "csb-admin@demo.local", password: DEMO_PASSWORD, next: "/" }),
    redirect: "manual",
  });
  const cookie = login.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`login failed: ${login.status}`);
  return cookie;
}
