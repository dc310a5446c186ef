/** For the benchmarks that drive the built server over HTTP: wait until it answers, sign in as the CSB admin. */
import { DEMO_PASSWORD } from "../../core/config";

/** `degraded`: a 503 counts too (a server with Redis but, in a benchmark, no worker heartbeat). */
export async function waitForHealthy(base: string, { degraded = false } = {}): Promise<void> {
  for (let i = 0; ; i++) {
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok || (degraded && r.status === 503)) return;
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
