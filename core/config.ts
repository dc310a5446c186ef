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
  /** The address the web server listens on. */
  HOST: z.string().min(1).default("0.0.0.0"),
  /**
   * Set by the demo: seeded demo users keep the public demo password, and the login page shows
   * it. With NODE_ENV=production (how the demo runs its server, so an error never shows a stack
   * trace) it is allowed only when HOST is a loopback address: a production server reachable
   * from other machines never accepts the public password.
   */
  AMANAH_DEMO: z.enum(["0", "1"]).default("0"),
  /** Alert emails (docs/alerts.md): smtp:// or smtps://, user and password in the URL. Unset: no email. */
  SMTP_URL: z
    .string()
    .url("must be a URL such as smtp://user:pass@mail.example.org:587 or smtps://…:465")
    .refine((u) => /^smtps?:\/\//i.test(u), "must start with smtp:// or smtps://")
    .optional(),
  /** Sender of alert emails: an address, or a display name and an address in angle brackets. */
  MAIL_FROM: z
    .string()
    .regex(/^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/, 'must be an address ("alerts@example.org") or a name and address ("Amanah <alerts@example.org>")')
    .default("Amanah <amanah@localhost>"),
  /** Where people reach the dashboard: links in emails and webhooks. Default http://localhost:PORT. */
  PUBLIC_URL: z
    .string()
    .url("must be an absolute URL such as https://amanah.example.org")
    .refine((u) => /^https?:\/\//i.test(u), "must start with http:// or https://")
    .optional(),
  /** 1 lets webhooks use plain http (demo and tests only; production refuses it). */
  WEBHOOK_ALLOW_HTTP: z.enum(["0", "1"]).default("0"),
  /**
   * Whether registering an RSS feed (account form, CSV import) resolves its host to check the
   * addresses (connectors/rss checkFeedUrl). Unset: yes, except in the demo and the tests, whose
   * sandbox feeds live on *.invalid hosts that never resolve; there only the scheme, the port and
   * IP literals are checked (every fetch is still guarded address by address).
   */
  RSS_CHECK_DNS: z.enum(["0", "1"]).optional(),
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
    if (cfg.AMANAH_DEMO === "1" && !isLoopback(cfg.HOST))
      problems.push(`AMANAH_DEMO: the demo (with its public password) runs in production only on a loopback HOST (127.0.0.1, ::1, localhost), not ${cfg.HOST}`);
    // Plain-http webhooks only for the demo's local receiver (the demo itself runs in production mode).
    if (cfg.WEBHOOK_ALLOW_HTTP === "1" && cfg.AMANAH_DEMO !== "1") problems.push("WEBHOOK_ALLOW_HTTP: webhooks must use https in production");
    if (cfg.SMTP_URL && cfg.MAIL_FROM.endsWith("@localhost>")) problems.push("MAIL_FROM: set the sender address of alert emails (SMTP_URL is set)");
  }
  if (problems.length) throw new ConfigError(problems);
  return cfg;
}

/** The dashboard's public origin, without a trailing slash (PUBLIC_URL, else http://localhost:PORT). */
export function publicUrl(cfg: Config = config()): string {
  return (cfg.PUBLIC_URL ?? `http://localhost:${cfg.PORT}`).replace(/\/+$/, "");
}

/** 127.0.0.0/8, ::1 or localhost: a server bound there is reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const h = host.trim().toLowerCase().replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h);
}

/** Whether a feed URL's host is resolved and checked at registration (see RSS_CHECK_DNS). */
export function rssRegistrationDns(cfg: Config): boolean {
  if (cfg.RSS_CHECK_DNS) return cfg.RSS_CHECK_DNS === "1";
  return cfg.AMANAH_DEMO !== "1" && cfg.NODE_ENV !== "test";
}

let cached: Config | undefined;
export function config(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}
