/**
 * Webhook deliveries (pure): the JSON body, its signature, the retry schedule. The body is built
 * once per delivery and stored, so a retry sends the same bytes under the same X-Amanah-Delivery.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { EventType } from "../enums";

export interface WebhookEntity {
  slug: string;
  nameAr: string;
  nameEn: string;
}

export interface WebhookBody {
  /** The event's id: the same event delivered to two hooks has one id. */
  id: string;
  event: EventType;
  occurredAt: string;
  /** Null only for the CSB-wide weekly report. */
  entity: WebhookEntity | null;
  flag?: {
    id: number;
    rule: string;
    clause: string;
    category: string;
    severity: string;
    score: number;
    status: string;
    createdAt: string;
    title: { ar: string; en: string };
    rationale: { ar: string; en: string };
  };
  /** The flagged post (untrusted platform text, verbatim). */
  post?: { id: number; platform: string; handle: string; url: string | null; text: string; publishedAt: string };
  account?: { id: number; platform: string; handle: string; class: string; status: string; currentHandle?: string | null; reason?: string | null; lastOkAt?: string | null; failures?: number };
  report?: { id: number; scope: "entity" | "csb"; weekStart: string; locale: string };
  /** Where to look in Amanah. */
  url: string;
}

export const SIGNATURE_HEADER = "X-Amanah-Signature";
export const EVENT_HEADER = "X-Amanah-Event";
export const DELIVERY_HEADER = "X-Amanah-Delivery";

/** `sha256=<hex HMAC-SHA256 of the raw body with the hook's secret>`. */
export function signBody(secret: string, rawBody: string | Buffer): string {
  return `sha256=${createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** What a receiver does: recompute over the raw bytes and compare in constant time. */
export function verifySignature(secret: string, rawBody: string | Buffer, header: string | null | undefined): boolean {
  if (!header || !/^sha256=[0-9a-f]{64}$/.test(header)) return false;
  const a = Buffer.from(header);
  const b = Buffer.from(signBody(secret, rawBody));
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A new hook secret: shown once, then only its sealed form is kept. */
export function newHookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64url")}`;
}

/** Retries: 30 s, 1, 2, 4 … minutes, at most an hour apart, with ±20 % jitter; given up after 24 h. */
export const HOOK_GIVE_UP_MS = 24 * 3600_000;

export function hookRetryDelayMs(attemptsMade: number, opts: { baseMs?: number; capMs?: number; random?: () => number } = {}): number {
  const base = opts.baseMs ?? 30_000;
  const cap = opts.capMs ?? 3600_000;
  const exp = Math.min(cap, base * 2 ** Math.max(0, attemptsMade - 1));
  const jitter = 0.8 + 0.4 * (opts.random ?? Math.random)();
  return Math.round(exp * jitter);
}
