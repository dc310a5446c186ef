/**
 * The impersonation watch's two events, written through the alerts outbox (db/alerts/events.ts)
 * inside the caller's transaction. Kept in one place so a change of the outbox API touches only
 * this file.
 */
import type { Db } from "./client";
import type { Platform, Severity } from "../core/enums";
import { emitEvent } from "./alerts/events";

export interface SuspectedImpostor {
  candidateId: number;
  entityId: number;
  platform: Platform;
  handle: string;
  score: number;
  /** The registered account it resembles most. */
  imitates: { accountId: number; handle: string } | null;
  reasons: string[];
}

/** `impersonation.suspected`, once per candidate; true when it was new. */
export function emitImpersonationSuspected(db: Db, c: SuspectedImpostor, now: number): boolean {
  return emitEvent(db, {
    key: `impersonation.suspected:${c.candidateId}`,
    type: "impersonation.suspected",
    entityId: c.entityId,
    accountId: c.imitates?.accountId ?? null,
    severity: "high",
    data: { candidateId: c.candidateId, platform: c.platform, handle: c.handle, score: c.score, imitates: c.imitates?.handle ?? null, reasons: c.reasons },
    occurredAt: now,
  });
}

export interface SuspectedTakeover {
  accountId: number;
  entityId: number;
  platform: Platform;
  handle: string;
  /** Bahrain day of the first signal: one event per account and episode day. */
  day: string;
  signals: string[];
  severity: Severity;
}

/** `account.takeover_suspected`, once per account and day; true when it was new. */
export function emitTakeoverSuspected(db: Db, t: SuspectedTakeover, now: number): boolean {
  return emitEvent(db, {
    key: `account.takeover_suspected:${t.accountId}:${t.day}`,
    type: "account.takeover_suspected",
    entityId: t.entityId,
    accountId: t.accountId,
    severity: t.severity,
    data: { platform: t.platform, handle: t.handle, signals: t.signals },
    occurredAt: now,
  });
}
