/**
 * Signed one-click unsubscribe links (RFC 8058): HMAC-SHA256 with SESSION_SECRET over the user id
 * and the preference, so the link works without signing in and cannot be forged for someone else.
 * The link never expires (unsubscribing must keep working from an old email).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { UNSUBSCRIBE_KINDS, type UnsubscribeKind } from "./prefs";

export interface UnsubscribeRequest {
  userId: number;
  kind: UnsubscribeKind;
}

function mac(secret: string, r: UnsubscribeRequest): Buffer {
  return createHmac("sha256", secret).update(`amanah-unsubscribe:v1:${r.userId}:${r.kind}`).digest();
}

export function unsubscribeSignature(secret: string, r: UnsubscribeRequest): string {
  return mac(secret, r).toString("base64url");
}

/** The link's path and query (append to the public URL). */
export function unsubscribePath(secret: string, r: UnsubscribeRequest): string {
  return `/unsubscribe?u=${r.userId}&k=${r.kind}&s=${unsubscribeSignature(secret, r)}`;
}

/** The request a link carries when its signature holds, else null (never says which part was wrong). */
export function verifyUnsubscribe(secret: string, params: URLSearchParams): UnsubscribeRequest | null {
  const u = params.get("u") ?? "";
  const k = params.get("k") ?? "";
  const s = params.get("s") ?? "";
  if (!/^[1-9]\d{0,9}$/.test(u) || !(UNSUBSCRIBE_KINDS as readonly string[]).includes(k) || !/^[A-Za-z0-9_-]{43}$/.test(s)) return null;
  const r: UnsubscribeRequest = { userId: Number(u), kind: k as UnsubscribeKind };
  const given = Buffer.from(s, "base64url");
  const expected = mac(secret, r);
  return given.length === expected.length && timingSafeEqual(given, expected) ? r : null;
}
