/**
 * Shape tests: the sandbox's X responses validate against X's official OpenAPI (component schemas
 * converted for ajv); the other platforms' responses carry the reference fields and formats.
 */
import Ajv from "ajv";
import addFormats from "ajv-formats";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { homeIg } from "./helpers";

/** OpenAPI 3.0 → JSON Schema for ajv: nullable → type union, discriminator/example dropped. */
function convert(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(convert);
  if (!node || typeof node !== "object") return node;
  const o: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === "discriminator" || k === "example" || k === "xml" || k === "externalDocs") continue;
    o[k] = convert(v);
  }
  if (o.nullable === true) {
    delete o.nullable;
    if (typeof o.type === "string") o.type = [o.type, "null"];
  } else delete o.nullable;
  return o;
}

const spec = JSON.parse(readFileSync("/work/shared/reference/x-openapi.json", "utf8")) as { components: { schemas: Record<string, unknown> } };
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
for (const f of ["int32", "int64", "double", "float", "byte", "binary", "password"]) ajv.addFormat(f, true);
ajv.addSchema({ $id: "x", components: { schemas: convert(spec.components.schemas) } });
const validator = (name: string) => ajv.getSchema(`x#/components/schemas/${name}`)!;

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 7, seed: "shapes" });
});
afterAll(() => sb.close());

const H = { authorization: "Bearer t" };
async function getJson(url: string, headers: Record<string, string> = H) {
  const r = await fetch(url, { headers });
  return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, unknown> };
}
function check(name: string, body: unknown) {
  const v = validator(name);
  const ok = v(body);
  expect(ok, JSON.stringify(v.errors?.slice(0, 3))).toBe(true);
}

describe("X responses validate against the official OpenAPI", () => {
  it("user lookup (found, not found, suspended)", async () => {
    const a = sb.world.accounts.find((x) => x.platform === "x" && x.state === "active" && x.entity.website && x.class === "official")!;
    check("GetUsersByUsernameResponse", (await getJson(`${sb.baseUrls.x}/2/users/by/username/${a.handle}?user.fields=created_at,description`)).body);
    const nf = await getJson(`${sb.baseUrls.x}/2/users/by/username/nosuchuser`);
    expect(nf.status).toBe(200);
    expect(nf.body.data).toBeUndefined();
    check("GetUsersByUsernameResponse", nf.body);
    const sus = sb.world.accounts.find((x) => x.platform === "x" && x.state === "suspended")!;
    check("GetUsersByUsernameResponse", (await getJson(`${sb.baseUrls.x}/2/users/by/username/${sus.handle}`)).body);
  });
  it("timeline pages, empty page, post lookups with partial errors", async () => {
    const a = sb.world.accounts.find((x) => x.platform === "x" && x.state === "active" && sb.world.live(x, sb.clock.now()).length > 6)!;
    const first = await getJson(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?max_results=5`);
    check("GetUsersPostsResponse", first.body);
    const meta = first.body.meta as { next_token: string; newest_id: string };
    expect(meta.next_token).toMatch(/^[0-9a-z]+$/);
    expect(Number(first.headers.get("x-rate-limit-reset"))).toBeGreaterThan(1e9);
    check("GetUsersPostsResponse", (await getJson(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?max_results=5&pagination_token=${meta.next_token}`)).body);
    const empty = await getJson(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?max_results=5&since_id=${meta.newest_id}`);
    expect(empty.body).toEqual({ meta: { result_count: 0 } });
    check("GetUsersPostsResponse", empty.body);
    const lookup = await getJson(`${sb.baseUrls.x}/2/tweets?ids=${meta.newest_id},1234567890123456789`);
    check("GetPostsByIdsResponse", lookup.body);
    expect((lookup.body.errors as unknown[]).length).toBe(1);
    check("GetPostsByIdResponse", (await getJson(`${sb.baseUrls.x}/2/tweets/${meta.newest_id}`)).body);
  });
  it("long posts (note_tweet as note_post's schema) and a protected account's not-authorized answers", async () => {
    const long = sb.world.accounts.find((x) => x.platform === "x" && x.quirks.longPosts && x.state === "active")!;
    const page = await getJson(`${sb.baseUrls.x}/2/users/${long.apiId}/tweets?max_results=100&tweet.fields=created_at,note_tweet,edit_history_tweet_ids`);
    check("GetUsersPostsResponse", page.body);
    const notes = (page.body.data as { note_tweet?: unknown }[]).filter((p) => p.note_tweet);
    expect(notes.length).toBeGreaterThan(0);
    // The live name is note_tweet; the OpenAPI describes the same object as note_post.
    for (const p of notes) check("PostNotePost", p.note_tweet);
    const prot = sb.world.accounts.find((x) => x.platform === "x" && x.quirks.protectedFrom !== undefined)!;
    const hidden = await getJson(`${sb.baseUrls.x}/2/users/${prot.apiId}/tweets?max_results=5`);
    expect(hidden.status).toBe(200);
    check("GetUsersPostsResponse", hidden.body);
    check("NotAuthorizedForResourceProblem", (hidden.body.errors as unknown[])[0]);
    const user = await getJson(`${sb.baseUrls.x}/2/users/by/username/${prot.handle}?user.fields=protected`);
    check("GetUsersByUsernameResponse", user.body);
    expect((user.body.data as { protected: boolean }).protected).toBe(true);
    const ids = sb.world.postsUntil(prot, sb.clock.now()).slice(0, 2).map((p) => p.id);
    const lookup = await getJson(`${sb.baseUrls.x}/2/tweets?ids=${ids.join(",")}`);
    check("GetPostsByIdsResponse", lookup.body);
    for (const e of lookup.body.errors as unknown[]) check("NotAuthorizedForResourceProblem", e);
  });
  it("a 400 carries the invalid-request problem", async () => {
    const a = sb.world.accounts.find((x) => x.platform === "x" && x.state === "active")!;
    const r = await getJson(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?max_results=500`);
    expect(r.status).toBe(400);
    check("InvalidRequestProblem", r.body);
  });
});

describe("other platforms follow the reference shapes", () => {
  it("Meta: Graph timestamps, paging cursors, error objects", async () => {
    const fb = sb.world.accounts.find((x) => x.platform === "facebook" && x.state === "active" && sb.world.live(x, sb.clock.now()).length > 3)!;
    const r = await getJson(`${sb.baseUrls.facebook}/${fb.apiId}/posts?fields=id,message,created_time&limit=2`);
    const data = r.body.data as { id: string; created_time: string }[];
    expect(data[0].created_time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
    expect(data[0].id).toMatch(/^\d+_\d+$/);
    expect(r.body.paging).toMatchObject({ cursors: { before: expect.any(String), after: expect.any(String) }, next: expect.stringContaining("after=") });
    const err = await getJson(`${sb.baseUrls.facebook}/${fb.apiId}_999?fields=id`);
    expect(err.body).toMatchObject({ error: { code: 100, error_subcode: 33, type: "GraphMethodException", fbtrace_id: expect.any(String) } });
    const home = homeIg(sb);
    const other = sb.world.accounts.find((x) => x.platform === "instagram" && x.state === "active" && x !== home)!;
    const bd = await getJson(`${sb.baseUrls.instagram}/${home.apiId}?fields=${encodeURIComponent(`business_discovery.username(${other.handle}){followers_count,media_count,media.limit(2){caption,timestamp,permalink}}`)}`);
    expect(bd.body).toMatchObject({ id: home.apiId, business_discovery: { id: other.apiId, followers_count: other.followers, media: { data: expect.any(Array) } } });
  });
  it("YouTube: list kinds, string statistics, tokens, empty forHandle", async () => {
    const yt = sb.world.accounts.find((x) => x.platform === "youtube" && x.state === "active")!;
    const ch = await getJson(`${sb.baseUrls.youtube}/channels?part=snippet,contentDetails,statistics&forHandle=@${yt.handle}&key=k`);
    expect(ch.body).toMatchObject({ kind: "youtube#channelListResponse", pageInfo: { totalResults: 1 } });
    const item = (ch.body.items as { id: string; statistics: { subscriberCount: unknown } }[])[0];
    expect(item.id).toMatch(/^UC[\w-]{22}$/);
    expect(typeof item.statistics.subscriberCount).toBe("string");
    const none = await getJson(`${sb.baseUrls.youtube}/channels?part=snippet&forHandle=@nobody&key=k`);
    expect(none.body.items).toBeUndefined();
    expect(none.body.pageInfo).toEqual({ totalResults: 0, resultsPerPage: 5 });
    const pl = await getJson(`${sb.baseUrls.youtube}/playlistItems?part=snippet,contentDetails&playlistId=UU${item.id.slice(2)}&maxResults=2&key=k`);
    const it0 = (pl.body.items as { contentDetails: { videoId: string; videoPublishedAt: string } }[])[0];
    expect(it0.contentDetails.videoId).toMatch(/^[\w-]{11}$/);
    expect(it0.contentDetails.videoPublishedAt).toMatch(/Z$/);
  });
  it("Mastodon: Link header paging and ISO X-RateLimit-Reset; Bluesky: at:// uris and cursor", async () => {
    const m = sb.world.accounts.find((x) => x.platform === "mastodon" && x.state === "active" && sb.world.live(x, sb.clock.now()).length > 2)!;
    const r = await fetch(`${sb.baseUrls.mastodon}/api/v1/accounts/${m.apiId}/statuses?limit=2`);
    expect(r.headers.get("link")).toMatch(/max_id=\d+>; rel="next", <.*min_id=\d+>; rel="prev"/);
    expect(r.headers.get("x-ratelimit-reset")).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const statuses = (await r.json()) as { edited_at: unknown; content: string }[];
    expect(statuses[0]).toHaveProperty("edited_at");
    expect(statuses[0].content).toMatch(/^<p>/);
    const b = sb.world.accounts.find((x) => x.platform === "bluesky" && x.state === "active" && sb.world.live(x, sb.clock.now()).length > 2)!;
    const f = await getJson(`${sb.baseUrls.bluesky}/xrpc/app.bsky.feed.getAuthorFeed?actor=${b.handle}&limit=1`, {});
    const post = (f.body.feed as { post: { uri: string; cid: string; record: { $type: string } } }[])[0].post;
    expect(post.uri).toMatch(/^at:\/\/did:plc:[a-z2-7]{24}\/app\.bsky\.feed\.post\/[2-7a-z]{13}$/);
    expect(post.record.$type).toBe("app.bsky.feed.post");
    expect(f.body.cursor).toMatch(/^\d+__bafyrei/);
  });
});
