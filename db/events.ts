/**
 * The transactional outbox's one writer: call it inside the transaction of the change the event
 * reports, so both commit or neither does. An event is written once per key (`type:subject`);
 * writing it again is a no-op. The alerts dispatcher (another branch) moves rows on from here.
 */
import { events } from "./schema";
import type { Db } from "./client";

/** A drizzle handle or a transaction of one (or a Db inside a raw better-sqlite3 transaction). */
export type EventWriter = Pick<Db, "insert">;

export interface EventInput {
  type: string;
  entityId: number | null;
  /** What it is about, e.g. `candidate:12`, `account:7:2026-11-01`. */
  subject: string;
  payload: Record<string, unknown>;
}

/** Inserts the event unless one with the same type and subject exists; true when it was new. */
export function emitEvent(tx: EventWriter, e: EventInput, at: Date = new Date()): boolean {
  const res = tx
    .insert(events)
    .values({ type: e.type, entityId: e.entityId, subject: e.subject, key: `${e.type}:${e.subject}`, payload: e.payload, createdAt: at })
    .onConflictDoNothing({ target: events.key })
    .run();
  return res.changes > 0;
}
