/**
 * The connectors' account search and batch lookup (the impersonation watch's sources) against the
 * sandbox over HTTP: X users/search (user-context token only) and users/by in batches of 100,
 * validated against X's OpenAPI; Bluesky searchActors against the official Lexicon; Mastodon v2
 * search; YouTube search.list + channels.list; Instagram Business Discovery by username. Errors map
 * into the taxonomy, and every request goes through the rate gate.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuthFailed, MissingCredentials, RateLimited, type Platform } from "../../connectors/types";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { connectorFor } from "./helpers";
import { LexiconSet } from "./lexicon";

const lex = new LexiconSet("/work/shared/reference/bluesky-lexicons");

function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== "object") return node;
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) if (!["discriminator", "example", "xml", "externalDocs"].includes(k)) o[k] = convert(v);
  if (o.nullable === true && typeof o.type === "string") o.type = [o.type, "null"];
  delete o.nullable;
  return o;
}
const spec = JSON.parse(readFileSync("/work/shared/reference/x-openapi.json", "utf8")) as { components: { schemas: Record<string, unknown> } };
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ["int32", "int64", "double", "float", "byte", "binary", "password"]) ajv.addFormat(f, true);
ajv.addSchema({ $id: "x", components: { schemas: convert(spec.components.schemas) } });
function checkX(name: string, body: unknown) {
  const v = ajv.getSchema(`x#/components/schemas/${name}`)!;
  expect(v(body), JSON.stringify(v.errors?.slice(0, 3))).toBe(true);
}

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 3, seed: "amanah-sandbox" });
});
afterAll(() => sb.close());

const fakesOf = (p: Platform, kind = "impostor") => sb.world.fakes.filter((f) => f.platform === p && f.kind === kind);
const requestsSince = (n: number, p: Platform) => sb.requests.slice(n).filter((r) => r.platform === p);

describe("X", () => {
  it("users/search needs a user-context token: app-only is refused (403 → AuthFailed), none configured → MissingCredentials", async () => {
    const appOnly = await fetch(`${sb.baseUrls.x}/2/users/search?query=ministry`, { headers: { authorization: "Bearer app-token" } });
    expect(appOnly.status).toBe(403);
    expect(((await appOnly.json()) as { type: string }).type).toMatch(/unsupported-authentication$/);
    const wrongToken = connectorFor(sb, "x", { credentials: { bearerToken: "app-token", userToken: "app-only-token" } });
    await expect(wrongToken.searchAccounts!("ministry")).rejects.toBeInstanceOf(AuthFailed);
    const none = connectorFor(sb, "x");
    await expect(none.searchAccounts!("ministry")).rejects.toBeInstanceOf(MissingCredentials);
    await expect(connectorFor(sb, "x", { credentials: { bearerToken: "t", userToken: "t-user-1" } }).searchAccounts!("وزارة")).rejects.toThrow(/must match/);
  });

  it("users/search finds impostors by English name and short name; the answer validates against SearchUsersResponse", async () => {
    const shortNamed = fakesOf("x").find((f) => f.how === "short name handle")!;
    const q = shortNamed.handle.split("_")[0];
    const raw = await fetch(`${sb.baseUrls.x}/2/users/search?query=${q}&user.fields=created_at,description,parody`, { headers: { authorization: "Bearer sandbox-x-user-token" } });
    const body = await raw.json();
    checkX("SearchUsersResponse", body);
    const x = connectorFor(sb, "x", { credentials: { bearerToken: "t", userToken: "sandbox-x-user-token" } });
    const found = await x.searchAccounts!(q);
    const hit = found.find((f) => f.handle === shortNamed.handle)!;
    expect(hit).toMatchObject({ platform: "x", platformId: shortNamed.apiId, displayName: shortNamed.displayName, bio: shortNamed.bio, verifiedType: "none", parody: false });
    expect(hit.createdAt?.getTime()).toBe(Math.floor(shortNamed.createdAt / 1000) * 1000);
    const parody = fakesOf("x", "parody")[0];
    const p = (await x.searchAccounts!(parody.imitates!)).find((f) => f.handle === parody.handle)!;
    expect(p.parody).toBe(true);
  });

  it("users/by looks up 150 handles in two requests; unknown ones are absent, the answer validates", async () => {
    const impostors = fakesOf("x").slice(0, 5).map((f) => f.handle);
    const official = sb.world.accounts.filter((a) => a.platform === "x" && a.state === "active").slice(0, 3).map((a) => a.handle);
    const unknown = Array.from({ length: 142 }, (_, i) => `nobody_${i}`);
    const raw = await fetch(`${sb.baseUrls.x}/2/users/by?usernames=${[...impostors, "nobody_x"].join(",")}&user.fields=created_at`, { headers: { authorization: "Bearer t" } });
    const body = (await raw.json()) as { errors: unknown[] };
    checkX("GetUsersByUsernamesResponse", body);
    expect(body.errors).toHaveLength(1);
    const before = sb.requests.length;
    const found = await connectorFor(sb, "x").lookupHandles!([...impostors, ...official, ...unknown]);
    expect(requestsSince(before, "x").map((r) => r.path.split("?")[0])).toEqual(["/x/2/users/by", "/x/2/users/by"]);
    expect(found.map((f) => f.handle).sort()).toEqual([...impostors, ...official].map((h) => h.toLowerCase()).sort());
    const tooMany = await fetch(`${sb.baseUrls.x}/2/users/by?usernames=${Array.from({ length: 101 }, (_, i) => `u${i}`).join(",")}`, { headers: { authorization: "Bearer t" } });
    expect(tooMany.status).toBe(400);
  });

  it("a 429 during a lookup is RateLimited and goes through the request gate", async () => {
    const told: RateLimited[] = [];
    let asked = 0;
    const gate = { beforeRequest: async () => void asked++, rateLimited: async (e: RateLimited) => void told.push(e) };
    const x = connectorFor(sb, "x", { gate });
    sb.setFaults({ rateLimit: 1, platforms: ["x"] });
    try {
      await expect(x.lookupHandles!(["dm_inter"])).rejects.toBeInstanceOf(RateLimited);
    } finally {
      sb.setFaults({ rateLimit: 0, platforms: null });
      sb.clock.advance(60 * 60_000);
    }
    expect(asked).toBe(1);
    expect(told).toHaveLength(1);
  });
});

describe("Bluesky, Mastodon, YouTube, Instagram", () => {
  it("Bluesky searchActors answers per the Lexicon and finds the impostors by the Arabic name", async () => {
    const f = fakesOf("bluesky")[0];
    const e = sb.world.accounts.find((a) => a.entitySlug === f.entitySlug)!.entity;
    const raw = await fetch(`${sb.baseUrls.bluesky}/xrpc/app.bsky.actor.searchActors?q=${encodeURIComponent(e.nameAr)}&limit=25`);
    const body = await raw.json();
    expect(lex.errors("app.bsky.actor.searchActors", body)).toEqual([]);
    const found = await connectorFor(sb, "bluesky").searchAccounts!(e.nameAr);
    expect(found.find((x) => x.handle === f.handle)).toMatchObject({ platformId: f.apiId, displayName: f.displayName, followers: null });
  });

  it("Mastodon v2 search (public, accounts) gives user@server handles, remote ones with their own server", async () => {
    const fakes = fakesOf("mastodon");
    expect(fakes.length).toBeGreaterThan(0);
    const m = connectorFor(sb, "mastodon");
    for (const f of fakes) {
      const user = f.imitates!.split("@")[0];
      const found = await m.searchAccounts!(user, { instance: "social.sandbox.amanah.invalid" });
      expect(found.map((x) => x.handle)).toContain(f.handle);
      expect(found.every((x) => /^[a-z0-9_]+@[a-z0-9.-]+$/.test(x.handle))).toBe(true);
    }
    const refused = await fetch(`${sb.baseUrls.mastodon}/api/v2/search?q=x&resolve=true`);
    expect(refused.status).toBe(401);
    await expect(connectorFor(sb, "mastodon", { baseUrl: undefined }).searchAccounts!("x")).rejects.toThrow(/instance/);
  });

  it("YouTube search.list costs one search and one channels.list; handles, descriptions and dates come from the channels", async () => {
    const f = fakesOf("youtube")[0];
    const e = sb.world.accounts.find((a) => a.entitySlug === f.entitySlug)!.entity;
    const before = sb.requests.length;
    const found = await connectorFor(sb, "youtube").searchAccounts!(e.nameAr);
    expect(requestsSince(before, "youtube").map((r) => r.path.split("?")[0])).toEqual(["/youtube/youtube/v3/search", "/youtube/youtube/v3/channels"]);
    expect(found.find((x) => x.handle === f.handle)).toMatchObject({ platformId: f.apiId, bio: f.bio, displayName: f.displayName });
    const raw = (await (await fetch(`${sb.baseUrls.youtube}/search?part=snippet&type=channel&q=${encodeURIComponent(e.nameAr)}&key=k`)).json()) as { kind: string; items: { id: { kind: string; channelId: string } }[] };
    expect(raw.kind).toBe("youtube#searchListResponse");
    expect(raw.items.every((i) => i.id.kind === "youtube#channel" && /^UC[\w-]{22}$/.test(i.id.channelId))).toBe(true);
  });

  it("Instagram looks up usernames one Business Discovery request each; non-existent ones are left out", async () => {
    const f = fakesOf("instagram")[0];
    const before = sb.requests.length;
    const found = await connectorFor(sb, "instagram").lookupHandles!([f.handle, "no.such.user", "another_nobody"]);
    expect(requestsSince(before, "instagram")).toHaveLength(3);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ handle: f.handle, platformId: f.apiId, displayName: f.displayName, createdAt: null });
  });

  it("Facebook has no account search", () => {
    const fb = connectorFor(sb, "facebook");
    expect(fb.searchAccounts).toBeUndefined();
    expect(fb.lookupHandles).toBeUndefined();
  });
});
