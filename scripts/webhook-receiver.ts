/**
 * A webhook receiver: records every POST (headers, raw body, whether the X-Amanah-Signature holds
 * for the secret), and answers as told (a status, a delay, or hanging past the sender's timeout).
 * The demo's receiver, and the tests' and bench's. Run alone it listens and prints each delivery:
 * `npx tsx scripts/webhook-receiver.ts [port] [secret]`.
 */
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, verifySignature } from "../core/alerts/webhook";

export interface ReceivedHook {
  at: number;
  path: string;
  headers: IncomingHttpHeaders;
  raw: Buffer;
  event: string | null;
  delivery: string | null;
  /** Null when no secret is known to check with. */
  signatureOk: boolean | null;
  /** What it answered (null: hung up without answering). */
  status: number | null;
}

/** How to answer one request: a status (after `delayMs`), or `hang` (never answer; the sender times out). */
export type Reply = { status: number; delayMs?: number } | { hang: true };

export interface ReceiverOptions {
  port?: number;
  host?: string;
  secret?: string;
  reply?: (req: { n: number; path: string; delivery: string | null; attempt: number }) => Reply;
  onHook?: (h: ReceivedHook) => void;
}

export interface Receiver {
  url: string;
  port: number;
  hooks: ReceivedHook[];
  setSecret(secret: string): void;
  waitFor(pred: (hooks: ReceivedHook[]) => boolean, timeoutMs?: number, what?: string): Promise<void>;
  close(): Promise<void>;
}

const one = (h: string | string[] | undefined) => (Array.isArray(h) ? h[0] : h) ?? null;

export async function startWebhookReceiver(opts: ReceiverOptions = {}): Promise<Receiver> {
  const hooks: ReceivedHook[] = [];
  const attempts = new Map<string, number>();
  let secret = opts.secret;
  let n = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const delivery = one(req.headers[DELIVERY_HEADER.toLowerCase()]);
      const attempt = (attempts.get(delivery ?? "") ?? 0) + 1;
      attempts.set(delivery ?? "", attempt);
      const reply = opts.reply?.({ n: ++n, path: req.url ?? "/", delivery, attempt }) ?? { status: 204 };
      const h: ReceivedHook = {
        at: Date.now(),
        path: req.url ?? "/",
        headers: req.headers,
        raw,
        event: one(req.headers[EVENT_HEADER.toLowerCase()]),
        delivery,
        signatureOk: secret ? verifySignature(secret, raw, one(req.headers[SIGNATURE_HEADER.toLowerCase()])) : null,
        status: "hang" in reply ? null : reply.status,
      };
      hooks.push(h);
      opts.onHook?.(h);
      if ("hang" in reply) return; // the sender's timeout ends it
      setTimeout(() => res.writeHead(reply.status, { "content-type": "text/plain" }).end(reply.status < 300 ? "ok" : "nope"), reply.delayMs ?? 0);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(opts.port ?? 0, opts.host ?? "127.0.0.1", () => ok());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    hooks,
    setSecret: (s) => {
      secret = s;
    },
    waitFor: async (pred, timeoutMs = 30_000, what = "webhooks") => {
      const deadline = Date.now() + timeoutMs;
      while (!pred(hooks)) {
        if (Date.now() > deadline) throw new Error(`receiver: timed out waiting for ${what} (${hooks.length} received)`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [port, secret] = process.argv.slice(2);
  const r = await startWebhookReceiver({
    port: port ? Number(port) : 0,
    secret,
    onHook: (h) => console.log(`${new Date(h.at).toISOString()} ${h.event} ${h.delivery} signature ${h.signatureOk === null ? "not checked" : h.signatureOk ? "ok" : "BAD"} ${h.raw.length} bytes`),
  });
  console.log(`webhook receiver on ${r.url}`);
}
