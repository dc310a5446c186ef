/** Response plumbing shared by the sandbox's platform modules. */
import type { IncomingHttpHeaders } from "node:http";
import type { Platform } from "../types";
import type { SandboxWorld } from "./world";

export interface SbResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** How `body` becomes bytes (default utf8); "latin1" sends each char code as one byte (legacy charsets). */
  encoding?: "utf8" | "latin1";
}

export interface SbContext {
  world: SandboxWorld;
  now: number;
  url: URL;
  /** Path below the platform prefix, e.g. /2/users/by/username/foo. */
  path: string;
  /** Origin + prefix, for absolute links (Mastodon Link, Meta paging.next). */
  base: string;
  headers: IncomingHttpHeaders;
  /** Tokens the sandbox treats as expired (plus any containing "expired"). */
  isExpired(token: string): boolean;
}

export interface PlatformModule {
  /** Which platform a request is for (Meta serves two). */
  platformOf(ctx: SbContext): Platform;
  handle(ctx: SbContext): SbResponse;
  /** End of a fresh rate-limit block starting now (platform-shaped window). */
  newBlock(ctx: SbContext, r: () => number): number;
  /** The platform's 429 (or equivalent) while blocked until `until`. */
  rateLimited(ctx: SbContext, until: number): SbResponse;
  serverError(ctx: SbContext, r: () => number): SbResponse;
  expiredToken(ctx: SbContext): SbResponse;
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}, type = "application/json; charset=utf-8"): SbResponse {
  return { status, headers: { "content-type": type, ...headers }, body: JSON.stringify(body) };
}

export function bearer(ctx: SbContext): string | null {
  const h = ctx.headers.authorization;
  const m = typeof h === "string" ? /^Bearer\s+(.+)$/i.exec(h) : null;
  return m ? m[1] : (ctx.url.searchParams.get("access_token") ?? null);
}

/** Whole seconds: Date headers and epoch-second resets cannot express more. */
export const floorSec = (ms: number) => Math.floor(ms / 1000) * 1000;

export const htmlPage = (status: number, title: string): SbResponse => ({
  status,
  headers: { "content-type": "text/html" },
  body: `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`,
});

export const b64url = (s: string) => Buffer.from(s).toString("base64url");
export const unb64url = (s: string) => Buffer.from(s, "base64url").toString();
