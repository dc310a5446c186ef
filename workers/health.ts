/**
 * /healthz components for the ingestion side: "redis" (PING round trip) and "workers" (a
 * heartbeat key the worker process refreshes every few seconds; stale or missing = not ok).
 * The web server registers them (server.ts); workers know nothing of the app.
 */
import { Redis } from "ioredis";

export interface ComponentHealth {
  ok: boolean;
  [detail: string]: unknown;
}

export const HEARTBEAT_KEY = "workers:heartbeat";
export const HEARTBEAT_TTL_MS = 30_000;

export function workerHealthChecks(redisUrl: string): { checks: Record<"redis" | "workers", () => Promise<ComponentHealth>>; close(): void } {
  // One lazily connected client with short timeouts: a down Redis must fail the check, not hang it.
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 1_000 });
  redis.on("error", () => undefined);
  // Both checks run at once: they share one connect, or the second would hit a not-yet-open stream.
  let connecting: Promise<void> | null = null;
  const ready = async () => {
    if (redis.status === "wait" || redis.status === "end")
      connecting ??= redis
        .connect()
        .catch(() => undefined)
        .finally(() => (connecting = null));
    if (connecting) await connecting;
  };
  const redisCheck = async (): Promise<ComponentHealth> => {
    await ready();
    const t = Date.now();
    try {
      const pong = await redis.ping();
      return { ok: pong === "PONG", latencyMs: Date.now() - t };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  const workersCheck = async (): Promise<ComponentHealth> => {
    await ready();
    try {
      const raw = await redis.get(HEARTBEAT_KEY);
      if (!raw) return { ok: false, error: "no worker heartbeat" };
      const hb = JSON.parse(raw) as { pid: number; at: number };
      const ageMs = Date.now() - hb.at;
      return { ok: ageMs < HEARTBEAT_TTL_MS, pid: hb.pid, ageMs };
    } catch (err) {
      return { ok: false, error: (err as Error).message };
    }
  };
  return { checks: { redis: redisCheck, workers: workersCheck }, close: () => redis.disconnect() };
}
