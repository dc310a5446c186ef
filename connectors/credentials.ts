/**
 * Platform credentials and their encryption at rest (AES-256-GCM). The sealed form is
 * `base64(iv).base64(tag).base64(ciphertext)`, stored in platform_credentials.sealed.
 * Never log a PlatformCredentials object; use describeCredentials() for messages.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * What each platform needs (see docs/platform-credentials.md):
 * - x: bearerToken (app-only, pay-per-use)
 * - facebook: accessToken (Page or system-user token with Page Public Content Access)
 * - instagram: accessToken + igUserId (our own IG professional account, used for business discovery)
 * - youtube: apiKey
 * - mastodon: accessToken optional (public timelines need none)
 * - bluesky, rss: none
 */
export interface PlatformCredentials {
  bearerToken?: string;
  accessToken?: string;
  igUserId?: string;
  apiKey?: string;
}

export const CREDENTIALS_KEY_ENV = "AMANAH_CREDENTIALS_KEY";

export class CredentialsKeyError extends Error {
  override name = "CredentialsKeyError";
}

export class CredentialsTampered extends Error {
  override name = "CredentialsTampered";
}

/** Reads the 32-byte key from AMANAH_CREDENTIALS_KEY (base64 or hex). */
export function credentialsKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const raw = env[CREDENTIALS_KEY_ENV]?.trim();
  if (!raw) {
    throw new CredentialsKeyError(
      `${CREDENTIALS_KEY_ENV} is not set: give 32 random bytes as base64 or hex (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return parseKey(raw);
}

export function parseKey(raw: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : decodeBase64Strict(raw);
  if (!key || key.length !== 32) {
    throw new CredentialsKeyError(
      `${CREDENTIALS_KEY_ENV} must be 32 bytes (64 hex characters or 44 base64 characters); got ${key ? `${key.length} bytes` : "neither hex nor base64"}`,
    );
  }
  return key;
}

function decodeBase64Strict(s: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(s)) return null;
  return Buffer.from(s.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

function keyBuffer(key: Buffer | string): Buffer {
  return typeof key === "string" ? parseKey(key) : key.length === 32 ? key : parseKey(key.toString());
}

export function sealCredentials(obj: PlatformCredentials, key: Buffer | string): string {
  const k = keyBuffer(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(obj), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${iv.toString("base64")}.${tag.toString("base64")}.${ct.toString("base64")}`;
}

export function openCredentials(sealed: string, key: Buffer | string): PlatformCredentials {
  const k = keyBuffer(key);
  const parts = sealed.split(".");
  if (parts.length !== 3) throw new CredentialsTampered("sealed credentials are not in iv.tag.ciphertext form");
  const [iv, tag, ct] = parts.map((p) => Buffer.from(p, "base64"));
  if (iv.length !== 12 || tag.length !== 16) throw new CredentialsTampered("sealed credentials have a bad IV or tag");
  let plain: string;
  try {
    const d = createDecipheriv("aes-256-gcm", k, iv);
    d.setAuthTag(tag);
    plain = Buffer.concat([d.update(ct), d.final()]).toString("utf8");
  } catch {
    // GCM authentication failed: wrong key or modified ciphertext. Say nothing about the content.
    throw new CredentialsTampered("sealed credentials failed authentication (tampered or wrong key)");
  }
  const obj = JSON.parse(plain) as unknown;
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new CredentialsTampered("sealed credentials do not hold an object");
  }
  return obj as PlatformCredentials;
}

/** Secret values to scrub from messages. */
export function secretValues(c: PlatformCredentials | undefined): string[] {
  if (!c) return [];
  return [c.bearerToken, c.accessToken, c.apiKey].filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** Safe description for logs: which fields are set, never their values. */
export function describeCredentials(c: PlatformCredentials | undefined): string {
  if (!c) return "none";
  const set = Object.entries(c)
    .filter(([, v]) => v)
    .map(([k]) => k);
  return set.length ? set.join(", ") : "none";
}
