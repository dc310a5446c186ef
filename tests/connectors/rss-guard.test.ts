/**
 * Server-side request forgery guard: address classes (IPv4, IPv6, IPv4-mapped, NAT64), URL checks
 * (scheme, port, literal and resolved addresses), the guarded transport over real HTTP (every
 * redirect hop checked, the connection pinned to the checked address), and the RSS connector's
 * refusals as DestinationRefused (a BadResponse naming the reason).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import fc from "fast-check";
import { gzipSync } from "node:zlib";
import { createConnector } from "../../connectors";
import { guardedFetch } from "../../connectors/guarded-fetch";
import { checkOutboundUrl, classifyAddress, DestinationRefused, ipv6Groups, OutboundRefused, outboundPolicyFromEnv, type OutboundPolicy, type Resolver } from "../../connectors/net-guard";
import { checkFeedUrl, RssConnector } from "../../connectors/rss";
import { BadResponse, Transient } from "../../connectors/types";
import { fixture, startFeedServer, type FeedServer } from "./rss-helpers";

let srv: FeedServer;
let port: number;
beforeAll(async () => {
  srv = await startFeedServer();
  port = Number(new URL(srv.base).port);
  srv.route("/ok", { body: "ok", headers: { "content-type": "text/plain" } });
  srv.route("/redir-meta", { status: 302, body: "", headers: { location: "http://169.254.169.254/latest/meta-data/" } });
  srv.route("/redir-local", () => ({ status: 302, body: "", headers: { location: `http://localhost:${port}/secret` } }));
  srv.route("/secret", { body: "internal", headers: { "content-type": "text/plain" } });
  srv.route("/loop", { status: 302, body: "", headers: { location: "/loop" } });
  srv.route("/gz-cut", { body: gzipSync(Buffer.from("x".repeat(5000))).subarray(0, 20), headers: { "content-type": "text/plain", "content-encoding": "gzip" } });
  srv.route("/gz", { body: gzipSync(Buffer.from("compressed ✓")), headers: { "content-type": "text/plain; charset=utf-8", "content-encoding": "gzip" } });
});
afterAll(() => srv.close());
afterEach(() => vi.unstubAllEnvs());

describe("address classes", () => {
  it.each([
    ["8.8.8.8", null],
    ["93.184.216.34", null],
    ["172.32.0.1", null],
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["10.1.2.3", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["169.254.169.254", "metadata"],
    ["169.254.170.2", "metadata"],
    ["100.100.100.200", "metadata"],
    ["169.254.1.1", "link-local"],
    ["224.0.0.1", "multicast"],
    ["255.255.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["198.18.0.1", "reserved"],
    ["192.0.2.1", "reserved"],
    ["::", "unspecified"],
    ["::1", "loopback"],
    ["[::1]", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:a9fe:a9fe", "metadata"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:8.8.8.8", null],
    ["::127.0.0.1", "reserved"],
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::8.8.8.8", null],
    ["fd00::1", "private"],
    ["fc00::1", "private"],
    ["fd00:ec2::254", "metadata"],
    ["fe80::1%eth0", "link-local"],
    ["fec0::1", "private"],
    ["ff02::1", "multicast"],
    ["2001:db8::1", "reserved"],
    ["2001::1", "reserved"],
    ["2002:7f00:1::", "reserved"],
    ["4000::1", "reserved"],
    ["2606:4700:4700::1111", null],
    ["2a00:1450:4001::200e", null],
    ["not-an-ip", "reserved"],
  ])("%s → %s", (ip, cls) => {
    expect(classifyAddress(ip)).toBe(cls);
  });

  it("an IPv4 address and its IPv4-mapped IPv6 forms are the same class (property)", () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const [a, b, c, d] = v4.split(".").map(Number);
        const hex = `::ffff:${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
        expect(classifyAddress(`::ffff:${v4}`)).toBe(classifyAddress(v4));
        expect(classifyAddress(hex)).toBe(classifyAddress(v4));
        expect(classifyAddress(`0000:0000:0000:0000:0000:FFFF:${v4}`)).toBe(classifyAddress(v4));
      }),
      { numRuns: 2000 },
    );
  });

  it("reads every IPv6 spelling as the URL parser's canonical form does (property)", () => {
    fc.assert(
      fc.property(fc.ipV6(), (v6) => {
        const canonical = new URL(`http://[${v6}]/`).hostname;
        expect(ipv6Groups(v6)).toEqual(ipv6Groups(canonical));
        expect(ipv6Groups(v6)).toHaveLength(8);
      }),
      { numRuns: 2000 },
    );
  });
});

const fakeDns: Resolver = async (host) => {
  const table: Record<string, [string, 4 | 6][]> = {
    "public.example": [["93.184.216.34", 4]],
    "private.example": [["10.0.0.5", 4]],
    "mixed.example": [
      ["93.184.216.34", 4],
      ["127.0.0.1", 4],
    ],
    "v6private.example": [["fd12::1", 6]],
    "mapped.example": [["::ffff:169.254.169.254", 6]],
  };
  const hit = table[host];
  if (!hit) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
  return hit.map(([address, family]) => ({ address, family }));
};

describe("checkOutboundUrl", () => {
  it.each([
    ["file:///etc/passwd", "scheme"],
    ["gopher://public.example/", "scheme"],
    ["ftp://public.example/feed", "scheme"],
    ["javascript:alert(1)", "scheme"],
    ["not a url", "invalid-url"],
    ["http://public.example:8080/feed", "port"],
    ["http://127.0.0.1/", "loopback"],
    ["http://2130706433/", "loopback"],
    ["http://0x7f.1/", "loopback"],
    ["http://0.0.0.0/", "unspecified"],
    ["http://[::1]/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "metadata"],
    ["http://[fd00::1]/", "private"],
    ["http://private.example/", "private"],
    ["http://mixed.example/", "loopback"],
    ["http://v6private.example/", "private"],
    ["http://mapped.example/", "metadata"],
    ["http://nxdomain.example/", "unresolvable"],
  ])("refuses %s (%s)", async (url, reason) => {
    const r = await checkOutboundUrl(url, { resolve: fakeDns });
    expect(r).toMatchObject({ ok: false, reason });
    if (!r.ok) expect(r.message.length).toBeGreaterThan(10);
  });

  it.each(["http://public.example/feed", "https://public.example:443/feed", "https://public.example/rss?x=1"])("allows %s", async (url) => {
    expect(await checkOutboundUrl(url, { resolve: fakeDns })).toMatchObject({ ok: true, addresses: [{ address: "93.184.216.34", family: 4 }] });
  });

  it("resolves with the system resolver by default: localhost is loopback", async () => {
    expect(await checkOutboundUrl("http://localhost/")).toMatchObject({ ok: false, reason: "loopback" });
  });

  it("allowPrivate (intranet) lifts private, loopback and link-local, never metadata", async () => {
    const p: OutboundPolicy = { allowPrivate: true, resolve: fakeDns };
    expect((await checkOutboundUrl("http://private.example/", p)).ok).toBe(true);
    expect((await checkOutboundUrl("http://127.0.0.1/", p)).ok).toBe(true);
    expect((await checkOutboundUrl("http://[fe80::1]/", p)).ok).toBe(true);
    expect(await checkOutboundUrl("http://169.254.169.254/", p)).toMatchObject({ ok: false, reason: "metadata" });
    expect(await checkOutboundUrl("http://mapped.example/", p)).toMatchObject({ ok: false, reason: "metadata" });
  });

  it("configured ports, trusted origins and static-only checks", async () => {
    expect((await checkOutboundUrl("http://public.example:8080/", { allowedPorts: [8080], resolve: fakeDns })).ok).toBe(true);
    const trusted = { trustedOrigins: ["http://127.0.0.1:4010"] };
    expect(await checkOutboundUrl("http://127.0.0.1:4010/rss/x/rss.xml", trusted)).toMatchObject({ ok: true, trusted: true });
    expect(await checkOutboundUrl("http://127.0.0.1:4011/", trusted)).toMatchObject({ ok: false, reason: "port" });
    expect((await checkOutboundUrl("https://feeds.sandbox.amanah.invalid/a/rss.xml", {}, { dns: false })).ok).toBe(true);
    expect(await checkOutboundUrl("http://127.0.0.1/", {}, { dns: false })).toMatchObject({ ok: false, reason: "loopback" });
  });

  it("reads the policy from <PREFIX>_ALLOW_PRIVATE and <PREFIX>_ALLOWED_PORTS", () => {
    expect(outboundPolicyFromEnv("RSS", { RSS_ALLOW_PRIVATE: "1", RSS_ALLOWED_PORTS: "8080, 8443,x,70000" })).toEqual({ allowPrivate: true, allowedPorts: [8080, 8443] });
    expect(outboundPolicyFromEnv("WEBHOOK", { RSS_ALLOW_PRIVATE: "1" })).toEqual({ allowPrivate: false, allowedPorts: [] });
  });
});

describe("guardedFetch over real HTTP", () => {
  it("refuses a loopback server before connecting", async () => {
    const mark = srv.hits.length;
    const err = await guardedFetch({ allowedPorts: [port] })(`${srv.base}/ok`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OutboundRefused);
    expect((err as OutboundRefused).reason).toBe("loopback");
    expect(srv.hits.length).toBe(mark);
  });

  it("checks every redirect hop: to a metadata address, to localhost", async () => {
    const f = guardedFetch({ trustedOrigins: [srv.base], allowedPorts: [port] });
    const e1 = await f(`${srv.base}/redir-meta`).catch((e: unknown) => e);
    expect(e1).toMatchObject({ reason: "metadata" });
    expect((e1 as Error).message).toMatch(/redirect 1 to http:\/\/169\.254\.169\.254/);
    const mark = srv.hits.length;
    const e2 = await f(`${srv.base}/redir-local`).catch((e: unknown) => e);
    expect(e2).toMatchObject({ reason: "loopback" });
    expect(srv.hits.slice(mark)).toEqual(["/redir-local"]);
  });

  it("connects to the address it checked: the name is resolved once, by the guard, and never again", async () => {
    let calls = 0;
    const once: Resolver = async () => {
      if (calls++ > 0) throw new Error("resolved a second time: the connection would not be pinned");
      return [{ address: "127.0.0.1", family: 4 }];
    };
    const res = await guardedFetch({ allowPrivate: true, allowedPorts: [port], resolve: once })(`http://rebind.test:${port}/ok`);
    expect(await res.text()).toBe("ok");
    expect(calls).toBe(1);
    expect(srv.requests[srv.requests.length - 1].headers.host).toBe(`rebind.test:${port}`);
  });

  it("a name with one public and one internal address is refused without connecting", async () => {
    const mark = srv.hits.length;
    const err = await guardedFetch({ allowedPorts: [port], resolve: fakeDns })(`http://mixed.example:${port}/ok`).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: "loopback" });
    expect(srv.hits.length).toBe(mark);
  });

  it("stops after 5 redirects, decompresses gzip, sends GET only", async () => {
    const f = guardedFetch({ trustedOrigins: [srv.base] });
    const mark = srv.hits.length;
    await expect(f(`${srv.base}/loop`)).rejects.toMatchObject({ reason: "too-many-redirects" });
    expect(srv.hits.length - mark).toBe(6);
    expect(await (await f(`${srv.base}/gz`)).text()).toBe("compressed ✓");
    await expect(f(`${srv.base}/ok`, { method: "POST" })).rejects.toThrow(/GET requests only/);
  });
});

describe("the guarded transport inside the connector: failures stay in the taxonomy", () => {
  it("a stalled body times out, a broken gzip body is Transient", async () => {
    const { createServer } = await import("node:http");
    const stall = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/rss+xml" });
      res.write("<rss><channel>");
    });
    await new Promise<void>((r) => stall.listen(0, "127.0.0.1", r));
    const base = `http://127.0.0.1:${(stall.address() as { port: number }).port}`;
    try {
      const started = Date.now();
      const e1 = await createConnector("rss", { baseUrl: base, timeoutMs: 300 }).fetchPostsSince({ platform: "rss", handle: "https://feeds.example/x" }, null).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(Transient);
      expect((e1 as Error).message).toMatch(/timed out/);
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      stall.closeAllConnections();
      stall.close();
    }
    const e2 = await createConnector("rss", { baseUrl: srv.base, timeoutMs: 2000 }).fetchPostsSince({ platform: "rss", handle: "https://feeds.example/gz-cut" }, null).catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(Transient);
  });
});

describe("the RSS connector refuses forbidden destinations", () => {
  const handle = () => `http://127.0.0.1:${port}/f/lenient.xml?ct=application/rss%2Bxml`;

  it("port, then loopback: a DestinationRefused (BadResponse) naming the reason", async () => {
    const e1 = await createConnector("rss", { timeoutMs: 2000 }).fetchPostsSince({ platform: "rss", handle: handle() }, null).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(DestinationRefused);
    expect(e1).toBeInstanceOf(BadResponse);
    expect(e1).toMatchObject({ reason: "port" });
    vi.stubEnv("RSS_ALLOWED_PORTS", String(port));
    const e2 = await createConnector("rss", { timeoutMs: 2000 }).lookupProfile({ platform: "rss", handle: handle() }).catch((e: unknown) => e);
    expect(e2).toMatchObject({ reason: "loopback" });
    expect((e2 as Error).message).toMatch(/destination refused \(loopback\)/);
  });

  it("RSS_ALLOW_PRIVATE=1 with RSS_ALLOWED_PORTS reads an intranet feed; so does the network option", async () => {
    vi.stubEnv("RSS_ALLOW_PRIVATE", "1");
    vi.stubEnv("RSS_ALLOWED_PORTS", String(port));
    const r = await createConnector("rss", { timeoutMs: 2000 }).fetchPostsSince({ platform: "rss", handle: handle() }, null);
    expect(r.posts.map((p) => p.platformPostId)).toEqual(["https://works.example.bh/news?id=7&lang=ar"]);
    vi.unstubAllEnvs();
    const c = new RssConnector({ timeoutMs: 2000, network: { allowPrivate: true, allowedPorts: [port] } });
    expect((await c.fetchPostsSince({ platform: "rss", handle: handle() }, null)).posts).toHaveLength(1);
  });

  it("other schemes are refused", async () => {
    const err = await createConnector("rss", {}).fetchPostsSince({ platform: "rss", handle: "file:///etc/passwd" }, null).catch((e: unknown) => e);
    expect(err).toMatchObject({ reason: "scheme" });
  });

  it("the operator's baseUrl (the sandbox) is trusted, its redirects are not", async () => {
    const c = createConnector("rss", { baseUrl: srv.base, timeoutMs: 2000 });
    expect((await c.fetchPostsSince({ platform: "rss", handle: "https://feeds.example/f/lenient.xml" }, null)).posts).toHaveLength(1);
    const err = await c.fetchPostsSince({ platform: "rss", handle: "https://feeds.example/redir-meta" }, null).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DestinationRefused);
    expect(err).toMatchObject({ reason: "metadata" });
    expect(fixture("lenient.xml").length).toBeGreaterThan(0);
  });

  it("checkFeedUrl for registration: same rules, static-only for the demo, environment-aware", async () => {
    expect((await checkFeedUrl("https://feeds.sandbox.amanah.invalid/interior/rss.xml", { dns: false })).ok).toBe(true);
    expect(await checkFeedUrl("https://feeds.sandbox.amanah.invalid/interior/rss.xml")).toMatchObject({ ok: false, reason: "unresolvable" });
    expect(await checkFeedUrl("http://169.254.169.254/latest/meta-data/")).toMatchObject({ ok: false, reason: "metadata" });
    expect(await checkFeedUrl("http://10.0.0.1/feed", { env: {} })).toMatchObject({ ok: false, reason: "private" });
    expect((await checkFeedUrl("http://10.0.0.1/feed", { env: { RSS_ALLOW_PRIVATE: "1" } })).ok).toBe(true);
  });
});
