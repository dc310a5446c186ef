/**
 * POST to a URL someone registered (webhooks): the same outbound guard as the RSS reader
 * (net-guard.ts), checked at every delivery — every resolved address must be public, and the
 * socket connects only to the checked addresses (pinned look-up, no second DNS answer). Redirects
 * are not followed (a 3xx is an answer like any other); the whole exchange has one deadline.
 */
import http from "node:http";
import https from "node:https";
import { checkOutboundUrl, OutboundRefused, outboundPolicyFromEnv, type CheckResult, type OutboundPolicy } from "./net-guard";
import { pinnedLookup } from "./guarded-fetch";

export interface PostPolicy extends OutboundPolicy {
  /** Refuse plain http (webhooks outside the demo and tests). */
  requireHttps?: boolean;
}

/**
 * The policy for one use from the environment: `<PREFIX>_ALLOW_PRIVATE`, `<PREFIX>_ALLOWED_PORTS`
 * (net-guard.ts) and `<PREFIX>_ALLOW_HTTP=1` (plain http; core/config.ts refuses it in production).
 */
export function postPolicyFromEnv(prefix: string, env: Record<string, string | undefined> = process.env): PostPolicy {
  return { ...outboundPolicyFromEnv(prefix, env), requireHttps: env[`${prefix}_ALLOW_HTTP`] !== "1" };
}

/** May a hook be registered at this URL? The guard's answer, plus https when required. */
export async function checkPostUrl(url: string, policy: PostPolicy, opts: { dns?: boolean } = {}): Promise<CheckResult> {
  const check = await checkOutboundUrl(url, policy, opts);
  if (check.ok && policy.requireHttps && check.url.protocol !== "https:") {
    return { ok: false, reason: "scheme", message: `scheme "${check.url.protocol.replace(/:$/, "")}" is not allowed (only https)` };
  }
  return check;
}

export interface PostResult {
  status: number;
  /** The start of the answer's body (at most 2 KB), for the delivery log. */
  bodyStart: string;
  durationMs: number;
}

/** A POST that got no answer in time. */
export class PostTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
    this.name = "PostTimeout";
  }
}

const MAX_BODY = 2048;

/**
 * Sends one POST. Throws OutboundRefused (the guard said no), PostTimeout, or the socket's error;
 * any HTTP answer, 2xx or not, is a PostResult.
 */
export async function guardedPost(
  url: string,
  body: string,
  headers: Record<string, string>,
  policy: PostPolicy,
  opts: { timeoutMs: number; userAgent?: string },
): Promise<PostResult> {
  const t0 = performance.now();
  const check = await checkPostUrl(url, policy);
  if (!check.ok) {
    if (check.reason === "unresolvable") throw Object.assign(new Error(check.message), { code: "ENOTFOUND" });
    throw new OutboundRefused(check.reason, check.message);
  }
  const target = check.url;
  const mod = target.protocol === "https:" ? https : http;
  const payload = Buffer.from(body, "utf8");
  return new Promise<PostResult>((resolve, reject) => {
    let settled = false;
    const finish = (err: Error | null, res?: PostResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(res!);
    };
    const req = mod.request(
      target,
      {
        method: "POST",
        // agent: false — a pooled socket checked for another URL is never reused.
        agent: false,
        lookup: check.trusted || !check.addresses.length ? undefined : pinnedLookup(check.addresses),
        headers: { "content-type": "application/json; charset=utf-8", "content-length": String(payload.length), "user-agent": opts.userAgent ?? "Amanah-Webhooks/1.0", ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < MAX_BODY) chunks.push(c);
          size += c.length;
        });
        res.on("end", () => finish(null, { status: res.statusCode ?? 0, bodyStart: Buffer.concat(chunks).subarray(0, MAX_BODY).toString("utf8"), durationMs: Math.round(performance.now() - t0) }));
        res.on("error", (e) => finish(e));
      },
    );
    const timer = setTimeout(() => {
      finish(new PostTimeout(opts.timeoutMs));
      req.destroy();
    }, Math.max(1, opts.timeoutMs - (performance.now() - t0)));
    req.on("error", (e) => finish(e));
    req.end(payload);
  });
}
