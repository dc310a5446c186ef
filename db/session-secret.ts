/**
 * SESSION_SECRET, or outside production a generated secret kept in data/.session-secret (next to
 * the database), so restarts keep sessions. The web server signs its cookies with it and the
 * workers sign one-click unsubscribe links with it (both must agree, hence here and not in app/).
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { config } from "../core/config";

const DEV_SECRET_FILE = "data/.session-secret";
let devFallback: string | undefined;

export function sessionSecret(): string {
  const cfg = config();
  if (cfg.SESSION_SECRET) return cfg.SESSION_SECRET;
  if (cfg.NODE_ENV === "production") throw new Error("SESSION_SECRET is required in production");
  try {
    if (existsSync(DEV_SECRET_FILE)) {
      const s = readFileSync(DEV_SECRET_FILE, "utf8").trim();
      if (s.length >= 32) return s;
    }
    const s = randomBytes(32).toString("hex");
    mkdirSync(dirname(DEV_SECRET_FILE), { recursive: true });
    writeFileSync(DEV_SECRET_FILE, s, { mode: 0o600 });
    return s;
  } catch {
    // Read-only checkout: fall back to a per-process secret (sessions end at restart).
    return (devFallback ??= randomBytes(32).toString("hex"));
  }
}
