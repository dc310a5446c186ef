/**
 * A local SMTP server that keeps what it receives (the `smtp-server` package), parsed with
 * `mailparser`: the demo's outbox (`npm run demo` stores each message in `demo_mailbox` for
 * /admin/outbox) and the tests' and bench's mail sink. No TLS, no authentication: loopback only.
 */
import { SMTPServer, type SMTPServerAddress } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";
import type { AddressInfo } from "node:net";
import type { Db } from "../db/client";
import { storeReceived } from "../db/demo/mailbox";

export interface ReceivedMessage {
  /** When the server accepted it (answered 250), epoch ms. */
  acceptedAt: number;
  envelopeFrom: string;
  envelopeTo: string[];
  messageId: string | null;
  raw: Buffer;
  /** Null when started with `parse: false` (the bench reads only the Message-ID). */
  parsed: ParsedMail | null;
}

export interface MailboxOptions {
  port?: number;
  host?: string;
  /** Store each message in demo_mailbox (the demo). */
  db?: Db;
  /** Parse with mailparser (default true). */
  parse?: boolean;
  onMessage?: (m: ReceivedMessage) => void;
}

export interface Mailbox {
  url: string;
  port: number;
  messages: ReceivedMessage[];
  /** The next `n` messages are refused with a temporary error (451), to test retries. */
  refuseNext(n: number): void;
  /** Resolves once at least `n` messages arrived (rejects after `timeoutMs`). */
  waitFor(n: number, timeoutMs?: number): Promise<ReceivedMessage[]>;
  close(): Promise<void>;
}

const addr = (a: SMTPServerAddress | false) => (a ? a.address : "");
const rawMessageId = (raw: Buffer) => /^message-id:\s*(<[^>\r\n]+>)/im.exec(raw.subarray(0, 16_384).toString("latin1"))?.[1] ?? null;

/** Headers worth showing on the outbox page. */
const SHOWN_HEADERS = ["list-unsubscribe", "list-unsubscribe-post", "auto-submitted", "content-language", "x-amanah-mail", "message-id"];

export async function startMailbox(opts: MailboxOptions = {}): Promise<Mailbox> {
  const messages: ReceivedMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  let refuse = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    size: 20 * 1024 * 1024,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("error", (e) => callback(e));
      stream.on("end", () => {
        void (async () => {
          if (refuse > 0) {
            refuse--;
            return callback(Object.assign(new Error("try again later"), { responseCode: 451 }));
          }
          const raw = Buffer.concat(chunks);
          const parsed = opts.parse === false ? null : await simpleParser(raw);
          const m: ReceivedMessage = {
            acceptedAt: Date.now(),
            envelopeFrom: addr(session.envelope.mailFrom),
            envelopeTo: session.envelope.rcptTo.map((r) => r.address),
            messageId: parsed?.messageId ? `<${parsed.messageId.replace(/^<|>$/g, "")}>` : rawMessageId(raw),
            raw,
            parsed,
          };
          if (opts.db && parsed) {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines) if (SHOWN_HEADERS.includes(line.key)) headers[line.key] = line.line.slice(line.line.indexOf(":") + 1).trim();
            storeReceived(opts.db, {
              receivedAt: m.acceptedAt,
              messageId: m.messageId,
              from: parsed.from?.text ?? m.envelopeFrom,
              to: m.envelopeTo.join(", "),
              subject: parsed.subject ?? "",
              html: parsed.html || null,
              text: parsed.text ?? null,
              headers,
              bytes: raw.length,
            });
          }
          messages.push(m);
          opts.onMessage?.(m);
          for (const w of [...waiters]) if (messages.length >= w.n) w.resolve();
          callback();
        })().catch((e: unknown) => callback(e instanceof Error ? e : new Error(String(e))));
      });
    },
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => ok());
  });
  server.on("error", () => undefined); // a client dropping its connection is not our failure
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    refuseNext: (n) => {
      refuse = n;
    },
    waitFor: (n, timeoutMs = 30_000) =>
      new Promise((resolve, reject) => {
        if (messages.length >= n) return resolve(messages);
        const timer = setTimeout(() => reject(new Error(`mailbox: ${messages.length} of ${n} messages after ${timeoutMs} ms`)), timeoutMs);
        waiters.push({
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(messages);
          },
        });
      }),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
