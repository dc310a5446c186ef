/**
 * Secrets at rest: AES-256-GCM with one 32-byte key (AMANAH_CREDENTIALS_KEY). The sealed form is
 * `base64(iv).base64(tag).base64(ciphertext)` of the value's JSON. Pure computation (no storage).
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** One key seals every secret at rest (platform credentials, webhook secrets). */
export const CREDENTIALS_KEY_ENV = "AMANAH_CREDENTIALS_KEY";

export class SealKeyError extends Error {
  override name = "SealKeyError";
}

export class SealTampered extends Error {
  override name = "SealTampered";
}

/** Reads the 32-byte key from AMANAH_CREDENTIALS_KEY (base64 or hex). */
export function sealKeyFromEnv(env: Record<string, string | undefined> = process.env): Buffer {
  const raw = env[CREDENTIALS_KEY_ENV]?.trim();
  if (!raw) {
    throw new SealKeyError(
      `${CREDENTIALS_KEY_ENV} is not set: give 32 random bytes as base64 or hex (e.g. \`openssl rand -base64 32\`)`,
    );
  }
  return parseKey(raw);
}

export function parseKey(raw: string): Buffer {
  const key = /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, "hex") : decodeBase64Strict(raw);
  if (!key || key.length !== 32) {
    throw new SealKeyError(
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

/** Seals any JSON value: `base64(iv).base64(tag).base64(ciphertext)`. */
export function sealJson(obj: unknown, key: Buffer | string): string {
  const k = keyBuffer(key);
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k, iv);
  const ct = Buffer.concat([cipher.update(JSON.stringify(obj), "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return `${iv.toString("base64")}.${tag.toString("base64")}.${ct.toString("base64")}`;
}

/** Opens what sealJson sealed; an object is expected (tampering, a wrong key or another shape throw). */
export function openJson(sealed: string, key: Buffer | string): Record<string, unknown> {
  const k = keyBuffer(key);
  const parts = sealed.split(".");
  if (parts.length !== 3) throw new SealTampered("sealed value are not in iv.tag.ciphertext form");
  const [iv, tag, ct] = parts.map((p) => Buffer.from(p, "base64"));
  if (iv.length !== 12 || tag.length !== 16) throw new SealTampered("sealed value have a bad IV or tag");
  let plain: string;
  try {
    const d = createDecipheriv("aes-256-gcm", k, iv);
    d.setAuthTag(tag);
    plain = Buffer.concat([d.update(ct), d.final()]).toString("utf8");
  } catch {
    // GCM authentication failed: wrong key or modified ciphertext. Say nothing about the content.
    throw new SealTampered("sealed value failed authentication (tampered or wrong key)");
  }
  const obj = JSON.parse(plain) as unknown;
  if (typeof obj !== "object" || obj === null || Array.isArray(obj)) {
    throw new SealTampered("sealed value do not hold an object");
  }
  return obj as Record<string, unknown>;
}
