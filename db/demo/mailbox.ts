/**
 * The demo's mailbox (`demo_mailbox`): what the local SMTP server of `npm run demo` received, for
 * /admin/outbox. Bodies are the sender's (and, inside them, platform text): shown escaped or in a
 * sandboxed frame, never as the page's own HTML.
 */
import type { Db } from "../client";
import { prepared } from "../read/prepared";

export interface ReceivedMail {
  messageId: string | null;
  from: string;
  to: string;
  subject: string;
  html: string | null;
  text: string | null;
  headers: Record<string, string>;
  bytes: number;
  receivedAt: number;
}

export function storeReceived(db: Db, m: ReceivedMail): number {
  return prepared<[number, string | null, string, string, string, string | null, string | null, string, number], number>(
    db,
    `INSERT INTO demo_mailbox (received_at, message_id, from_addr, to_addr, subject, html, text, headers, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  )
    .pluck()
    .get(m.receivedAt, m.messageId, m.from, m.to, m.subject, m.html, m.text, JSON.stringify(m.headers), m.bytes)!;
}

export interface MailboxListRow {
  id: number;
  receivedAt: number;
  from: string;
  to: string;
  subject: string;
  bytes: number;
}

/** Newest first. */
export function listReceived(db: Db, limit: number): { rows: MailboxListRow[]; total: number } {
  const rows = prepared<[number], MailboxListRow>(
    db,
    `SELECT id, received_at AS receivedAt, from_addr AS "from", to_addr AS "to", subject, bytes FROM demo_mailbox ORDER BY id DESC LIMIT ?`,
  ).all(limit);
  const total = prepared<[], number>(db, `SELECT count(*) FROM demo_mailbox`).pluck().get() ?? 0;
  return { rows, total };
}

export interface MailboxRow extends MailboxListRow {
  messageId: string | null;
  html: string | null;
  text: string | null;
  headers: string;
}

export function receivedById(db: Db, id: number): MailboxRow | undefined {
  return prepared<[number], MailboxRow>(
    db,
    `SELECT id, received_at AS receivedAt, message_id AS messageId, from_addr AS "from", to_addr AS "to", subject, html, text, headers, bytes FROM demo_mailbox WHERE id = ?`,
  ).get(id);
}
