/**
 * Every few seconds: the heartbeat key the /healthz "workers" check reads (health.ts), the repeatable
 * jobs re-created if Redis lost them, and once a minute the sweep for fetch runs left "running" by
 * a killed worker. A failing beat (Redis down) is logged and retried on the next one.
 */
import type { Redis } from "ioredis";
import type { Logger } from "./deps";
import { HEARTBEAT_KEY, HEARTBEAT_TTL_MS } from "./health";

export const BEAT_EVERY_MS = 5_000;
const SWEEP_EVERY_BEATS = 12;

export interface HeartbeatTasks {
  /** Every beat, after the key is written. */
  everyBeat(): Promise<void>;
  /** Every SWEEP_EVERY_BEATS beats, the first beat included. */
  everyMinute(): Promise<void>;
}

export interface Heartbeat {
  /** No more beats (first thing on close, so nothing is re-created while workers drain). */
  stop(): void;
  /** Removes the key (last thing on close): the health check then says the workers are gone. */
  clear(): Promise<void>;
}

/** Beats once now, then every BEAT_EVERY_MS. */
export async function startHeartbeat(redis: Redis, log: Logger, tasks: HeartbeatTasks): Promise<Heartbeat> {
  let beats = 0;
  const beat = async () => {
    try {
      await redis.set(HEARTBEAT_KEY, JSON.stringify({ pid: process.pid, at: Date.now() }), "PX", HEARTBEAT_TTL_MS);
      await tasks.everyBeat();
      if (++beats % SWEEP_EVERY_BEATS === 1) await tasks.everyMinute();
    } catch (err) {
      log.debug({ err: (err as Error).message }, "heartbeat failed");
    }
  };
  await beat();
  const timer = setInterval(() => void beat(), BEAT_EVERY_MS);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    clear: async () => {
      await redis.del(HEARTBEAT_KEY).catch(() => undefined);
    },
  };
}
