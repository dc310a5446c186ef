/**
 * Outbound request guard against server-side request forgery: a URL someone registers (an RSS
 * feed now, a webhook later) may only reach public internet addresses over http(s) on ports
 * 80/443, unless the operator allows more. Pure address rules plus one DNS look-up; the transport
 * that connects to exactly the addresses checked here is guarded-fetch.ts.
 */
import { lookup } from "node:dns/promises";
import { isIPv4, isIPv6 } from "node:net";
import { BadResponse, type Platform } from "./types";

/** Stable refusal codes (English messages alongside; callers translate by code). */
export type RefusalReason =
  | "invalid-url"
  | "scheme"
  | "port"
  | "unresolvable"
  | "unspecified"
  | "loopback"
  | "private"
  | "link-local"
  | "metadata"
  | "multicast"
  | "reserved"
  | "too-many-redirects";

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

export interface OutboundPolicy {
  /** Intranet mode: loopback, private and link-local addresses are allowed (metadata never is). */
  allowPrivate?: boolean;
  /** Ports allowed besides 80 and 443. */
  allowedPorts?: number[];
  /** Origins the operator configured (e.g. a sandbox base URL): not checked at all. */
  trustedOrigins?: string[];
  /** DNS resolver (default: the system's getaddrinfo, all addresses). */
  resolve?: Resolver;
}

export type CheckResult =
  | { ok: true; url: URL; trusted: boolean; addresses: ResolvedAddress[] }
  | { ok: false; reason: RefusalReason; message: string };

/** Why an address may not be reached, or null when it is a public unicast address. */
export type AddressClass = Exclude<RefusalReason, "invalid-url" | "scheme" | "port" | "unresolvable" | "too-many-redirects">;

/** Refusals an intranet deployment (allowPrivate) lifts. Metadata, multicast and reserved stay refused. */
const PRIVATE_CLASSES = new Set<AddressClass>(["unspecified", "loopback", "private", "link-local"]);

const MESSAGES: Record<AddressClass, string> = {
  unspecified: "an unspecified address (0.0.0.0, ::)",
  loopback: "a loopback address",
  private: "a private-network address",
  "link-local": "a link-local address",
  metadata: "a cloud metadata address",
  multicast: "a multicast address",
  reserved: "a reserved or non-routable address",
};

/** A refusal thrown by the guarded transport (its `reason` is one of the codes above). */
export class OutboundRefused extends Error {
  constructor(
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(message);
    this.name = "OutboundRefused";
  }
}

function v4Bytes(ip: string): number[] {
  return ip.split(".").map(Number);
}

function classifyV4(b: number[]): AddressClass | null {
  const [a, b1, c, d] = b;
  if ((a === 169 && b1 === 254 && c === 169 && d === 254) || (a === 169 && b1 === 254 && c === 170 && d === 2) || (a === 100 && b1 === 100 && c === 100 && d === 200)) {
    return "metadata"; // AWS/GCP/Azure, ECS task metadata, Alibaba
  }
  if (a === 0) return "unspecified";
  if (a === 127) return "loopback";
  if (a === 10 || (a === 172 && b1 >= 16 && b1 <= 31) || (a === 192 && b1 === 168)) return "private";
  if (a === 100 && b1 >= 64 && b1 <= 127) return "private"; // carrier-grade NAT (shared address space)
  if (a === 169 && b1 === 254) return "link-local";
  if (a >= 224 && a <= 239) return "multicast";
  if (a >= 240) return "reserved"; // includes 255.255.255.255
  if (a === 192 && b1 === 0 && (c === 0 || c === 2)) return "reserved"; // IETF assignments, TEST-NET-1
  if (a === 198 && (b1 === 18 || b1 === 19)) return "reserved"; // benchmarking
  if ((a === 198 && b1 === 51 && c === 100) || (a === 203 && b1 === 0 && c === 113)) return "reserved"; // TEST-NET-2/3
  if (a === 192 && b1 === 88 && c === 99) return "reserved"; // 6to4 relay anycast
  return null;
}

/** Eight 16-bit groups of an IPv6 address (zone id dropped, embedded dotted IPv4 allowed). */
export function ipv6Groups(ip: string): number[] | null {
  const s = ip.replace(/^\[|\]$/g, "").split("%")[0].toLowerCase();
  if (!isIPv6(s)) return null;
  let body = s;
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(body);
  if (dotted) {
    const b = v4Bytes(dotted[1]);
    tail.push((b[0] << 8) | b[1], (b[2] << 8) | b[3]);
    body = body.slice(0, -dotted[1].length);
    if (body.endsWith(":") && !body.endsWith("::")) body = body.slice(0, -1);
  }
  const [head, rest] = body.includes("::") ? body.split("::") : [body, null];
  const parse = (part: string) => (part ? part.split(":").map((h) => parseInt(h, 16)) : []);
  const h = parse(head);
  const r = rest === null ? [] : parse(rest);
  const fill = 8 - tail.length - h.length - r.length;
  if (rest === null && fill !== 0) return null;
  return [...h, ...new Array<number>(Math.max(0, fill)).fill(0), ...r, ...tail];
}

function classifyV6(g: number[]): AddressClass | null {
  const embedded = () => [g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255];
  const zeros = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeros(8)) return "unspecified";
  if (zeros(7) && g[7] === 1) return "loopback";
  if (zeros(5) && g[5] === 0xffff) return classifyV4(embedded()); // IPv4-mapped: the IPv4 rules apply
  if (zeros(6)) return "reserved"; // deprecated IPv4-compatible
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(embedded()); // NAT64 well-known prefix
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return "private"; // local-use NAT64
  if (g[0] === 0xfd00 && g[1] === 0x0ec2 && g.slice(2, 7).every((x) => x === 0) && g[7] === 0x254) return "metadata"; // AWS IMDS over IPv6
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // unique local fc00::/7 (fd00::/8)
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local";
  if ((g[0] & 0xffc0) === 0xfec0) return "private"; // deprecated site-local
  if ((g[0] & 0xff00) === 0xff00) return "multicast";
  if (g[0] === 0x2001 && (g[1] === 0 || g[1] === 0x0db8)) return "reserved"; // Teredo, documentation
  if (g[0] === 0x2002) return "reserved"; // 6to4 tunnels to an arbitrary IPv4
  if (g[0] === 0x0100 && g.slice(1, 4).every((x) => x === 0)) return "reserved"; // discard prefix
  if ((g[0] & 0xe000) !== 0x2000) return "reserved"; // outside global unicast 2000::/3
  return null;
}

/** Class of an IP literal (v4, v6, bracketed, IPv4-mapped); "reserved" for anything unparseable. */
export function classifyAddress(ip: string): AddressClass | null {
  if (isIPv4(ip)) return classifyV4(v4Bytes(ip));
  const g = ipv6Groups(ip);
  return g ? classifyV6(g) : "reserved";
}

function addressAllowed(ip: string, policy: OutboundPolicy): { ok: true } | { ok: false; reason: AddressClass } {
  const c = classifyAddress(ip);
  if (c === null || (policy.allowPrivate && PRIVATE_CLASSES.has(c))) return { ok: true };
  return { ok: false, reason: c };
}

export const systemResolver: Resolver = async (hostname) => {
  const all = await lookup(hostname, { all: true, verbatim: true });
  return all.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

function refuse(reason: RefusalReason, message: string): CheckResult {
  return { ok: false, reason, message };
}

function defaultPort(u: URL): number {
  return u.port ? Number(u.port) : u.protocol === "https:" ? 443 : 80;
}

/**
 * May this URL be fetched? Scheme (http/https), port (80/443 plus configured ones), then every
 * address the host resolves to must be public. `dns: false` skips the resolution (static checks
 * only: scheme, port, IP literals), e.g. at registration time in the demo whose hosts do not resolve.
 */
export async function checkOutboundUrl(
  input: string | URL,
  policy: OutboundPolicy = {},
  opts: { dns?: boolean; signal?: AbortSignal } = {},
): Promise<CheckResult> {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return refuse("invalid-url", `not a valid absolute URL: ${String(input).slice(0, 200)}`);
  }
  if (policy.trustedOrigins?.includes(url.origin)) return { ok: true, url, trusted: true, addresses: [] };
  if (url.protocol !== "http:" && url.protocol !== "https:") return refuse("scheme", `scheme "${url.protocol.replace(/:$/, "")}" is not allowed (only http and https)`);
  const port = defaultPort(url);
  if (port !== 80 && port !== 443 && !policy.allowedPorts?.includes(port)) return refuse("port", `port ${port} is not allowed (only 80 and 443 unless configured)`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIPv4(host) || isIPv6(host)) {
    const a = addressAllowed(host, policy);
    if (!a.ok) return refuse(a.reason, `${host} is ${MESSAGES[a.reason]}`);
    return { ok: true, url, trusted: false, addresses: [{ address: host, family: isIPv4(host) ? 4 : 6 }] };
  }
  if (opts.dns === false) return { ok: true, url, trusted: false, addresses: [] };
  let addresses: ResolvedAddress[];
  try {
    addresses = await raceAbort((policy.resolve ?? systemResolver)(host), opts.signal);
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const code = (err as { code?: string }).code ?? (err as Error).message;
    return refuse("unresolvable", `${host} does not resolve (${code})`);
  }
  if (!addresses.length) return refuse("unresolvable", `${host} resolves to no address`);
  for (const a of addresses) {
    const r = addressAllowed(a.address, policy);
    if (!r.ok) return refuse(r.reason, `${host} resolves to ${a.address}, ${MESSAGES[r.reason]}`);
  }
  return { ok: true, url, trusted: false, addresses };
}

function raceAbort<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}

/**
 * The policy from the environment, per use: `<PREFIX>_ALLOW_PRIVATE=1` (intranet feeds) and
 * `<PREFIX>_ALLOWED_PORTS=8080,8443`. E.g. prefix "RSS" reads RSS_ALLOW_PRIVATE, RSS_ALLOWED_PORTS.
 */
export function outboundPolicyFromEnv(prefix: string, env: Record<string, string | undefined> = process.env): OutboundPolicy {
  const allow = env[`${prefix}_ALLOW_PRIVATE`];
  const ports = (env[`${prefix}_ALLOWED_PORTS`] ?? "")
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0 && n < 65536);
  return { allowPrivate: allow === "1" || allow === "true", allowedPorts: ports };
}

/** A refused destination in the connector error taxonomy: a BadResponse naming the reason code. */
export class DestinationRefused extends BadResponse {
  constructor(
    platform: Platform,
    readonly reason: RefusalReason,
    message: string,
  ) {
    super(platform, `destination refused (${reason}): ${message}`, "");
  }
}

/** The guard's refusal inside an error thrown by httpGet (which wraps fetch failures as Transient). */
export function refusalOf(err: unknown): OutboundRefused | null {
  if (err instanceof OutboundRefused) return err;
  const cause = (err as { cause?: unknown } | null)?.cause;
  return cause instanceof OutboundRefused ? cause : null;
}
