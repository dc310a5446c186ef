/**
 * Configuration from the environment, validated once with zod. Shared by the web server,
 * workers and CLIs. Each problem is reported by variable name so start-up errors are actionable.
 */
import { z } from "zod";

export const DEMO_PASSWORD = "amanah-demo-2026";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z.string().min(1).default("data/amanah.db"),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  REDIS_URL: z.string().url("must be a redis:// URL").optional(),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  /** 32 bytes, base64 or hex: encrypts platform credentials at rest. */
  AMANAH_CREDENTIALS_KEY: z.string().optional(),
  CHROMIUM_PATH: z.string().default("/usr/bin/chromium"),
  REPORTS_DIR: z.string().default("data/reports"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Rendered-page cache keyed on the database's data version (app/lib/page-cache.server.ts); 0 turns it off. */
  PAGE_CACHE: z.enum(["0", "1"]).default("1"),
  /**
   * Requests per user per minute for the pre-publication check (page and API) and, separately, for
   * the read API; counted in memory by each web process (app/lib/rate-limit.server.ts).
   */
  API_RATE_LIMIT: z.coerce.number().int().min(1).max(1_000_000).default(60),
  /** Set by the demo: seeded demo users keep the public demo password. */
  AMANAH_DEMO: z.enum(["0", "1"]).default("0"),
});

export type Config = z.infer<typeof schema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((i) => `${i.path.join(".") || "(env)"}: ${i.message}`),
    );
  }
  const cfg = result.data;
  const problems: string[] = [];
  if (cfg.NODE_ENV === "production") {
    if (!cfg.SESSION_SECRET) problems.push("SESSION_SECRET: required in production");
    if (cfg.SESSION_SECRET?.includes(DEMO_PASSWORD))
      problems.push("SESSION_SECRET: must not contain the demo password");
    if (cfg.AMANAH_DEMO === "1")
      problems.push("AMANAH_DEMO: the demo (with its public password) cannot run in production");
  }
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
