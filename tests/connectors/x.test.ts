/**
 * X as the live API answers: long posts (the whole text only in note_tweet), a protected account
 * (its own state: neither gone nor its posts deleted), and field names the live API accepts that
 * the shared OpenAPI knows under either spelling (tweet_ live, post_ in the newest OpenAPI).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { DAY } from "../../connectors/sandbox/world";
import { AccountProtected, NotFound } from "../../connectors/types";
import { connectorFor, ref, truthFor } from "./helpers";

const HOUR = 3_600_000;

interface OpenApi {
  paths: Record<string, { get: { parameters: ({ $ref?: string; name?: string } & Record<string, unknown>)[] } }>;
  components: { parameters: Record<string, { name: string; schema: { items: { enum: string[] } } }>; schemas: Record<string, { properties: Record<string, unknown> }> };
}
const spec = JSON.parse(readFileSync("/work/shared/reference/x-openapi.json", "utf8")) as OpenApi;

/** A field's name in the newest OpenAPI (tweet → post renames), and whether that names something there. */
const postSpelling = (f: string) => f.replace(/tweet/g, "post");
function knownTo(param: "PostFieldsParameter" | "UserFieldsParameter", schema: "Post" | "User", field: string): boolean {
  const names = new Set([...spec.components.parameters[param].schema.items.enum, ...Object.keys(spec.components.schemas[schema].properties)]);
  return names.has(field) || names.has(postSpelling(field));
}

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 10, seed: "x-hard" });
});
afterAll(() => sb.close());

const x = (pred: (a: Sandbox["world"]["accounts"][number]) => boolean) => sb.world.accounts.filter((a) => a.platform === "x" && pred(a));

describe("requested fields", () => {
  it("use the live names (tweet.fields, edit_history_tweet_ids, note_tweet), each known to the shared OpenAPI under either spelling", async () => {
    const a = x((v) => v.state === "active" && !!v.quirks.longPosts)[0];
    const c = connectorFor(sb, "x");
    const mark = sb.requests.length;
    const r = await c.fetchPostsSince(ref(a), null);
    await c.lookupPosts(ref(a), r.posts.slice(0, 3).map((p) => p.platformPostId));
    await c.lookupProfile(ref(a));
    const asked = (name: string) =>
      sb.requests
        .slice(mark)
        .map((q) => new URL(q.path, "http://x").searchParams.get(name))
        .filter((v): v is string => v !== null)
        .flatMap((v) => v.split(","));
    const tweetFields = asked("tweet.fields");
    const userFields = asked("user.fields");
    expect(tweetFields).toEqual(expect.arrayContaining(["note_tweet", "edit_history_tweet_ids", "created_at"]));
    expect(userFields).toContain("protected");
    expect(asked("post.fields")).toEqual([]);
    for (const f of tweetFields) expect(knownTo("PostFieldsParameter", "Post", f), `tweet.fields=${f} is not in the OpenAPI`).toBe(true);
    for (const f of userFields) expect(knownTo("UserFieldsParameter", "User", f), `user.fields=${f} is not in the OpenAPI`).toBe(true);
    // The parameter itself: post.fields in the OpenAPI is tweet.fields live.
    const params = spec.paths["/2/users/{id}/tweets"].get.parameters.map((p) => (p.$ref ? spec.components.parameters[p.$ref.split("/").pop()!].name : p.name));
    expect(params).toContain(postSpelling("tweet.fields"));
  });

  it("the check itself rejects a name the OpenAPI does not know", () => {
    expect(knownTo("PostFieldsParameter", "Post", "note_tweet")).toBe(true);
    expect(knownTo("PostFieldsParameter", "Post", "author_id")).toBe(true);
    expect(knownTo("PostFieldsParameter", "Post", "full_text")).toBe(false);
    expect(knownTo("UserFieldsParameter", "User", "followers_count")).toBe(false);
  });

  it("the sandbox, like the live API, refuses an unknown field and sends only what was asked", async () => {
    const a = x((v) => v.state === "active")[0];
    const bad = await fetch(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?tweet.fields=full_text`, { headers: { authorization: "Bearer t" } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain("full_text");
    const plain = (await (await fetch(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?max_results=5`, { headers: { authorization: "Bearer t" } })).json()) as { data: Record<string, unknown>[] };
    expect(Object.keys(plain.data[0]).sort()).toEqual(["edit_history_tweet_ids", "id", "text"]);
  });
});

describe("long posts", () => {
  it("store the whole note_tweet text, not the cut `text` (timeline and lookups, edits included)", async () => {
    let long = 0;
    for (const a of x((v) => v.state === "active" && !!v.quirks.longPosts)) {
      const c = connectorFor(sb, "x", { pageSize: 7 });
      const r = await c.fetchPostsSince(ref(a), null);
      const truth = (await truthFor(sb, a)).filter((t) => t.status !== "deleted");
      expect(new Map(r.posts.map((p) => [p.platformPostId, p.text]))).toEqual(new Map(truth.map((t) => [t.id, t.text])));
      long += r.posts.filter((p) => [...p.text].length > 280).length;
      const ids = truth.map((t) => t.id);
      const back = await c.lookupPosts(ref(a), ids);
      for (const t of truth) expect(back.get(t.id)?.text).toBe(t.text);
    }
    expect(long).toBeGreaterThan(2);
    // On the wire the text really is cut: only note_tweet has all of it.
    const a = x((v) => v.state === "active" && !!v.quirks.longPosts)[0];
    const body = (await (await fetch(`${sb.baseUrls.x}/2/users/${a.apiId}/tweets?max_results=100&tweet.fields=note_tweet`, { headers: { authorization: "Bearer t" } })).json()) as {
      data: { text: string; note_tweet?: { text: string } }[];
    };
    const withNote = body.data.filter((p) => p.note_tweet);
    expect(withNote.length).toBeGreaterThan(0);
    for (const p of withNote) {
      expect([...p.text].length).toBeLessThanOrEqual(270);
      expect(p.note_tweet!.text.startsWith(p.text)).toBe(true);
    }
  });
});

describe("a protected account", () => {
  it("is its own state: profile says so, fetches raise AccountProtected (not NotFound), nothing reads as deleted", async () => {
    const a = x((v) => v.quirks.protectedFrom !== undefined)[0];
    const c = connectorFor(sb, "x");
    const prof = await c.lookupProfile(ref(a));
    expect(prof.protected).toBe(true);
    expect(prof.platformId).toBe(a.apiId);
    const e = await c.fetchPostsSince(ref(a), null).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(AccountProtected);
    expect(e).not.toBeInstanceOf(NotFound);
    const ids = sb.world.postsUntil(a, sb.clock.now()).slice(0, 5).map((p) => p.id);
    await expect(c.lookupPosts(ref(a), ids)).rejects.toBeInstanceOf(AccountProtected);
    expect(await truthFor(sb, a)).toEqual([]);
  });

  it("an account that goes protected keeps its stored posts: re-checks raise instead of answering 'all gone'", async () => {
    const a = x((v) => v.state === "active" && v.quirks.protectedFrom === undefined && !v.quirks.longPosts && sb.world.live(v, sb.clock.now()).length > 3)[0];
    const t0 = sb.clock.now();
    a.quirks.protectedFrom = t0 + HOUR;
    try {
      const c = connectorFor(sb, "x");
      const before = await c.fetchPostsSince(ref(a), null);
      expect(before.posts.length).toBeGreaterThan(3);
      expect((await c.lookupProfile(ref(a))).protected).toBe(false);
      sb.clock.advance(2 * HOUR);
      expect((await c.lookupProfile(ref(a))).protected).toBe(true);
      await expect(c.lookupPosts(ref(a), before.posts.map((p) => p.platformPostId))).rejects.toBeInstanceOf(AccountProtected);
      await expect(c.fetchPostsSince(ref(a), before.cursor)).rejects.toBeInstanceOf(AccountProtected);
      // The truth keeps what was public before, as it was then.
      const truth = await truthFor(sb, a);
      const then = t0 + HOUR - 1;
      expect(truth.map((t) => t.id).sort()).toEqual(sb.world.postsUntil(a, then).map((p) => sb.world.view(p, then).id).sort());
      sb.clock.advance(DAY);
      expect((await truthFor(sb, a)).length).toBe(truth.length);
    } finally {
      delete a.quirks.protectedFrom;
      sb.clock.set(t0);
    }
  });
});
