/** For the benchmarks that drive the built server over HTTP: wait until it answers, sign in as the CSB admin. */
import { DEMO_PASSWORD } from "../../core/config";

export async function waitForHealthy(base: string): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return;
    } catch {
      /* starting */
    }
    if (i > 300) throw new Error("server did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
}

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
