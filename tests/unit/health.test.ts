import { afterEach, describe, expect, it } from "vitest";
import { registerHealthCheck, runHealthChecks, unregisterHealthCheck } from "../../app/lib/health.server";

describe("health-check registry", () => {
  afterEach(() => {
    for (const n of ["a", "b", "c"]) unregisterHealthCheck(n);
  });
  it("is ok only when every component is ok; a throwing check is reported as down", async () => {
    registerHealthCheck("a", () => ({ ok: true }));
    expect(await runHealthChecks()).toMatchObject({ status: "ok", components: { a: { ok: true } } });
    registerHealthCheck("b", async () => {
      throw new Error("redis unreachable");
    });
    registerHealthCheck("c", () => ({ ok: false, lag: 12 }));
    const h = await runHealthChecks();
    expect(h.status).toBe("degraded");
    expect(h.components.b).toEqual({ ok: false, error: "redis unreachable" });
    expect(h.components.c).toEqual({ ok: false, lag: 12 });
  });
});
