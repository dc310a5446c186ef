/**
 * Health-check registry behind GET /healthz. The registry lives on globalThis so the copy of this
 * module bundled into build/ (Remix) and the copy server.ts imports share one set of checks.
 */
export interface HealthResult {
  ok: boolean;
  [detail: string]: unknown;
}
export type HealthCheck = () => HealthResult | Promise<HealthResult>;

const KEY = Symbol.for("amanah.healthChecks");
type Registry = Map<string, HealthCheck>;
function registry(): Registry {
  const g = globalThis as unknown as Record<symbol, Registry | undefined>;
  return (g[KEY] ??= new Map());
}

export function registerHealthCheck(name: string, fn: HealthCheck): void {
  registry().set(name, fn);
}

export function unregisterHealthCheck(name: string): void {
  registry().delete(name);
}

const TIMEOUT_MS = 3000;

/** Runs every check (each bounded by a timeout); status "ok" only when all components are ok. */
export async function runHealthChecks(): Promise<{ status: "ok" | "degraded"; components: Record<string, HealthResult> }> {
  const components: Record<string, HealthResult> = {};
  await Promise.all(
    [...registry()].map(async ([name, fn]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        const timeout = new Promise<HealthResult>((resolve) => {
          timer = setTimeout(() => resolve({ ok: false, error: "timeout" }), TIMEOUT_MS);
        });
        components[name] = await Promise.race([Promise.resolve().then(fn), timeout]);
      } catch (err) {
        components[name] = { ok: false, error: err instanceof Error ? err.message : String(err) };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const ok = Object.values(components).every((c) => c.ok);
  return { status: ok ? "ok" : "degraded", components };
}

/**
 * What unauthenticated GET /healthz answers: each component up or down, nothing else (no database
 * path, pids or error text: those help an attacker, not a load balancer). csb_admin sees the
 * details on /health.
 */
export async function publicHealth(): Promise<{ status: "ok" | "degraded"; components: Record<string, "up" | "down"> }> {
  const health = await runHealthChecks();
  const components = Object.fromEntries(Object.entries(health.components).map(([name, c]) => [name, c.ok ? "up" : "down"] as const));
  return { status: health.status, components };
}
