/** A private redis-server for one test file (its own port and data folder), from scripts/redis.ts. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { ensureRedis, type LocalRedis } from "../../scripts/redis";

export const privateRedis = (): Promise<LocalRedis> => ensureRedis({ dir: mkdtempSync(join(tmpdir(), "amanah-redis-")) });
export type { LocalRedis };

/** A private Redis started before this file's tests and stopped after them; read `.url` inside tests. */
export function privateRedisForFile(): LocalRedis {
  let redis: LocalRedis | undefined;
  beforeAll(async () => {
    redis = await privateRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });
  const started = () => {
    if (!redis) throw new Error("privateRedisForFile(): Redis is not started (use it inside tests, not at import time)");
    return redis;
  };
  return {
    get url() {
      return started().url;
    },
    get port() {
      return started().port;
    },
    stop: () => started().stop(),
    restart: () => started().restart(),
  };
}
