/**
 * Contract tests: every connector against the in-process sandbox (real HTTP, port 0):
 * pagination, incremental fetch, empty timelines, lookups, every error class, rate-limit resets
 * (and their enforcement), and a 20 %-fault run that still converges on the ground truth.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnector } from "../../connectors";
import { AuthFailed, BadResponse, MissingCredentials, NotFound, RateLimited, Transient, type Platform } from "../../connectors/types";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { DAY } from "../../connectors/sandbox/world";
import { activeAccounts, connectorFor, PLATFORMS, ref, syncAccount, truthFor } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 10, seed: "contract" });
});
afterAll(() => sb.close());

describe.each(PLATFORMS)("%s connector against the sandbox", (p: Platform) => {
  it("looks up a profile", async () => {
    const a = activeAccounts(sb, p)[0];
    const prof = await connectorFor(sb, p).lookupProfile(ref(a));
    expect(prof.platformId).toBe(p === "rss" ? a.handle : a.apiId);
    expect(prof.displayName).toBe(a.displayName);
    expect(prof.bio).toBe(a.bio);
    if (p === "x" || p === "facebook" || p === "bluesky") expect(prof.verified).toBe(a.verified);
    if (p !== "rss") expect(prof.followers).toBe(a.followers);
    if (a.entity.website && a.class === "official") expect(prof.contactLinks.join(" ")).toContain(a.entity.website);
  });

  it("follows pagination to the end and normalises posts", async () => {
    const a = activeAccounts(sb, p, 12)[0] ?? activeAccounts(sb, p)[0];
    const c = connectorFor(sb, p, { pageSize: 5 });
    const pages: number[] = [];
    const r = await c.fetchPostsSince(ref(a), null, { onPage: (pg) => void pages.push(pg.posts.length) });
    const live = sb.world.live(a, sb.clock.now());
    const expected = p === "rss" ? live.slice(0, 50) : live;
    expect(r.posts.map((x) => x.platformPostId).sort()).toEqual(expected.map((v) => v.id).sort());
    expect(new Set(r.posts.map((x) => x.text))).toEqual(new Set(expected.map((v) => v.text)));
    if (p !== "rss") expect(pages.length).toBeGreaterThan(1);
    for (const post of r.posts) {
      expect(post.publishedAt).toBeInstanceOf(Date);
      expect(post.publishedAt.getTime()).toBeLessThanOrEqual(sb.clock.now());
      expect(post.url).toMatch(/^https:\/\//);
      expect(post.raw).toBeTruthy();
    }
    expect(r.cursor).toBeTruthy();
  });

  it("fetches only newer posts from a cursor after the clock advances", async () => {
    const a = activeAccounts(sb, p)[0];
    const c = connectorFor(sb, p);
    const first = await c.fetchPostsSince(ref(a), null);
    const before = new Set(first.posts.map((x) => x.platformPostId));
    sb.clock.advance(3 * DAY);
    const second = await c.fetchPostsSince(ref(a), first.cursor);
    const expectedNew = sb.world.live(a, sb.clock.now()).filter((v) => !before.has(v.id) && v.post.publishedAt > sb.clock.now() - 3 * DAY - 1);
    expect(second.posts.length).toBeGreaterThan(0);
    for (const x of second.posts) expect(before.has(x.platformPostId)).toBe(false);
    expect(second.posts.map((x) => x.platformPostId).sort()).toEqual(expectedNew.map((v) => v.id).sort());
    const third = await c.fetchPostsSince(ref(a), second.cursor);
    expect(third.posts).toEqual([]);
  });

  it("looks posts up by id; a deleted one is absent", async () => {
    const now = sb.clock.now();
    const accounts = activeAccounts(sb, p);
    const withDeleted = accounts.find((a) => sb.world.postsUntil(a, now).some((x) => x.deletedAt !== null && x.deletedAt <= now && (p !== "rss" || x.publishedAt > now - 20 * DAY)));
    expect(withDeleted).toBeDefined();
    const a = withDeleted!;
    const deleted = sb.world.postsUntil(a, now).find((x) => x.deletedAt !== null && x.deletedAt <= now)!;
    const live = sb.world.live(a, now).slice(0, 3);
    const got = await connectorFor(sb, p).lookupPosts(ref(a), [deleted.id, ...live.map((v) => v.id)]);
    expect(got.has(deleted.id)).toBe(false);
    for (const v of live) expect(got.get(v.id)?.text).toBe(v.text);
  });
});

describe("edits are visible on lookup", () => {
  it.each(["x", "mastodon", "facebook"] as Platform[])("%s reports the edit marker and current text", async (p) => {
    const now = sb.clock.now();
    let found: { a: (typeof sb.world.accounts)[number]; id: string } | null = null;
    for (const a of activeAccounts(sb, p)) {
      const e = sb.world.postsUntil(a, now).find((x) => x.editedAt !== null && x.editedAt <= now && (x.deletedAt === null || x.deletedAt > now));
      if (e) {
        found = { a, id: e.id };
        break;
      }
    }
    expect(found).not.toBeNull();
    const got = await connectorFor(sb, p).lookupPosts(ref(found!.a), [found!.id]);
    const post = got.get(found!.id)!;
    const wp = sb.world.postsUntil(found!.a, now).find((x) => x.id === found!.id)!;
    expect(post.text).toBe(wp.editedText);
    expect(post.editedAt).toBeInstanceOf(Date);
    if (p === "x") expect(post.platformPostId).toBe(wp.editedId);
  });
});

describe("empty timelines in the platform's exact empty shape", () => {
  let empty: Sandbox;
  beforeAll(async () => {
    empty = await startSandbox({ port: 0, historyDays: 0, seed: "empty" });
  });
  afterAll(() => empty.close());

  it.each(PLATFORMS)("%s: no posts yet", async (p) => {
    const a = empty.world.accounts.find((x) => x.platform === p && x.state === "active" && empty.world.live(x, empty.clock.now()).length === 0 && x !== empty.world.accounts.find((y) => y.platform === "instagram" && y.state === "active"))!;
    const r = await connectorFor(empty, p).fetchPostsSince(ref(a), null);
    expect(r.posts).toEqual([]);
  });

  it("sends X's exact empty body and Meta's empty data", async () => {
    const x = empty.world.accounts.find((a) => a.platform === "x" && a.state === "active")!;
    const res = await fetch(`${empty.baseUrls.x}/2/users/${x.apiId}/tweets?max_results=10`, { headers: { authorization: "Bearer t" } });
    expect(await res.text()).toBe('{"meta":{"result_count":0}}');
    const fb = empty.world.accounts.find((a) => a.platform === "facebook" && a.state === "active")!;
    const r2 = await fetch(`${empty.baseUrls.facebook}/${fb.apiId}/posts?access_token=t`);
    expect(await r2.text()).toBe('{"data":[]}');
    const bs = empty.world.accounts.find((a) => a.platform === "bluesky" && a.state === "active")!;
    const r3 = await fetch(`${empty.baseUrls.bluesky}/xrpc/app.bsky.feed.getAuthorFeed?actor=${bs.apiId}`);
    expect(await r3.text()).toBe('{"feed":[]}');
  });
});

describe.each(PLATFORMS)("%s error classes", (p: Platform) => {
  it("NotFound for suspended, renamed and unknown accounts", async () => {
    const c = connectorFor(sb, p);
    if (p !== "rss") {
      const sus = sb.world.accounts.find((a) => a.platform === p && a.state === "suspended")!;
      const e1 = await c.lookupProfile(ref(sus)).catch((e: unknown) => e);
      expect(e1).toBeInstanceOf(NotFound);
      if (["x", "bluesky", "mastodon"].includes(p)) expect((e1 as NotFound).reason).toBe("suspended");
      const ren = sb.world.accounts.find((a) => a.platform === p && a.state === "renamed")!;
      const e2 = await c.lookupProfile(ref(ren)).catch((e: unknown) => e);
      expect(e2).toBeInstanceOf(NotFound);
      if (["x", "youtube", "mastodon", "facebook", "bluesky"].includes(p)) {
        expect((e2 as NotFound).reason).toBe("renamed");
        expect((e2 as NotFound).currentHandle?.toLowerCase()).toBe(ren.currentHandle.toLowerCase());
      }
    }
    const unknown = p === "rss" ? "https://feeds.sandbox.amanah.invalid/no-such-entity/rss.xml" : p === "mastodon" ? "nobody@social.sandbox.amanah.invalid" : p === "bluesky" ? "nobody.bsky.sandbox.amanah.invalid" : "nosuchuser";
    await expect(c.lookupProfile({ platform: p, handle: unknown })).rejects.toBeInstanceOf(NotFound);
  });

  it("AuthFailed for an expired token; MissingCredentials without one", async () => {
    const a = activeAccounts(sb, p)[0];
    sb.setFaults({ expiredToken: 1, platforms: [p] });
    try {
      await expect(connectorFor(sb, p).lookupProfile(ref(a))).rejects.toBeInstanceOf(AuthFailed);
    } finally {
      sb.setFaults({ expiredToken: 0, platforms: null as never });
    }
    if (["x", "facebook", "instagram", "youtube"].includes(p)) {
      expect(() => createConnector(p, { baseUrl: sb.baseUrls[p] })).toThrow(MissingCredentials);
      expect(() => createConnector(p, {})).toThrow(new RegExp(p === "x" ? "X" : p, "i"));
    }
  });

  it("Transient for 5xx and cut bodies, BadResponse for malformed bodies", async () => {
    const a = activeAccounts(sb, p)[0];
    const c = connectorFor(sb, p);
    try {
      sb.setFaults({ serverError: 1, platforms: [p] });
      await expect(c.fetchPostsSince(ref(a), null)).rejects.toBeInstanceOf(Transient);
      sb.setFaults({ serverError: 0, cutBody: 1 });
      await expect(c.fetchPostsSince(ref(a), null)).rejects.toBeInstanceOf(Transient);
      sb.setFaults({ cutBody: 0, malformedJson: 1 });
      const err = await c.fetchPostsSince(ref(a), null).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(BadResponse);
      expect((err as BadResponse).sample.length).toBeLessThanOrEqual(500);
      expect((err as BadResponse).sample).not.toContain(TOKEN_VALUES[0]);
    } finally {
      sb.setFaults({ serverError: 0, cutBody: 0, malformedJson: 0, platforms: null as never });
    }
  });

  it("RateLimited with the platform's reset; the sandbox refuses requests before it", async () => {
    const a = activeAccounts(sb, p)[0];
    const c = connectorFor(sb, p);
    const mark = sb.requests.length;
    sb.setFaults({ rateLimit: 1, platforms: [p] });
    let err: unknown;
    try {
      err = await c.lookupProfile(ref(a)).catch((e: unknown) => e);
    } finally {
      sb.setFaults({ rateLimit: 0, platforms: null as never });
    }
    expect(err).toBeInstanceOf(RateLimited);
    const resetAt = (err as RateLimited).resetAt.getTime();
    expect(resetAt).toBeGreaterThan(sb.clock.now());
    // Still before the reset: refused again, and logged as blocked.
    const again = await c.lookupProfile(ref(a)).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RateLimited);
    expect((again as RateLimited).resetAt.getTime()).toBe(resetAt);
    expect(sb.requests.slice(mark).some((r) => r.fault === "blocked" && r.platform === p)).toBe(true);
    // One millisecond early is still too early; at the reset it works.
    sb.clock.set(resetAt - 1);
    await expect(c.lookupProfile(ref(a))).rejects.toBeInstanceOf(RateLimited);
    await fetch(`${sb.url}/_sandbox/clock`, { method: "POST", body: JSON.stringify({ now: resetAt }) });
    await expect(c.lookupProfile(ref(a))).resolves.toBeTruthy();
  });
});

const TOKEN_VALUES = ["test-bearer-token-123", "test-page-token-456", "test-api-key-789"];

describe("20 % injected faults still yield exactly the ground truth", () => {
  let fsb: Sandbox;
  beforeAll(async () => {
    fsb = await startSandbox({
      port: 0,
      historyDays: 4,
      seed: "faults",
      faults: { rateLimit: 0.05, serverError: 0.05, cutBody: 0.04, malformedJson: 0.04, slow: 0.02, slowMs: 5 },
    });
  });
  afterAll(() => fsb.close());

  it.each(PLATFORMS)("%s", async (p) => {
    // Each platform starts from the world's start: another platform's waits (YouTube's quota lasts
    // until midnight PT) must not decide how many posts this one has to converge on.
    fsb.clock.set(fsb.world.startAt);
    const accounts = activeAccounts(fsb, p).slice(0, 2);
    const c = connectorFor(fsb, p, { pageSize: 5 });
    const stats = { retries: 0, rateLimited: 0 };
    for (const a of accounts) {
      const { current, gone } = await syncAccount(fsb, c, a, stats);
      const truth = await truthFor(fsb, a);
      const liveTruth = new Map(truth.filter((t) => t.status !== "deleted").map((t) => [t.id, t.text]));
      const window = p === "rss" ? new Map([...liveTruth].slice(-50)) : liveTruth;
      expect(new Map([...current].sort())).toEqual(new Map([...window].sort()));
      for (const id of gone) expect(liveTruth.has(id)).toBe(false);
    }
    // No request was answered normally while a rate-limit block was running.
    for (const r of fsb.requests) if (r.fault === "blocked") expect(r.status === 429 || r.status === 403 || r.status === 400).toBe(true);
  });

  it("actually injected faults of every kind and retried through them", () => {
    const kinds = new Set(fsb.requests.map((r) => r.fault).filter(Boolean));
    for (const k of ["rateLimit", "serverError", "cutBody", "malformedJson"]) expect(kinds.has(k as never)).toBe(true);
    const share = fsb.requests.filter((r) => r.fault && r.fault !== "blocked").length / fsb.requests.length;
    expect(share).toBeGreaterThan(0.1);
  });
});

describe("instagram business discovery configuration", () => {
  it("a wrong own igUserId is AuthFailed (configuration), never NotFound of the account looked up", async () => {
    const c = createConnector("instagram", { baseUrl: sb.baseUrls.instagram, credentials: { accessToken: "test-page-token-456", igUserId: "999999999" } });
    const target = activeAccounts(sb, "instagram").find((a) => a.apiId !== "999999999")!;
    const err = await c.lookupProfile(ref(target)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthFailed);
    expect(String((err as Error).message)).toContain("configured Instagram user id 999999999");
    await expect(c.fetchPostsSince(ref(target), null)).rejects.toBeInstanceOf(AuthFailed);
  });
});
