/**
 * YouTube as the Data API answers real channels: a channel without a public upload (its uploads
 * playlist is 404 playlistNotFound) is empty, not gone; private and deleted placeholders and
 * scheduled premieres in the uploads playlist are skipped without error and never move the watermark.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { DAY } from "../../connectors/sandbox/world";
import { connectorFor, ref, truthFor } from "./helpers";

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 20, seed: "youtube-hard" });
});
afterAll(() => sb.close());

const yt = (pred: (a: Sandbox["world"]["accounts"][number]) => boolean) => sb.world.accounts.find((a) => a.platform === "youtube" && pred(a))!;
const playlist = async (channelId: string, extra = "") => {
  const r = await fetch(`${sb.baseUrls.youtube}/playlistItems?part=snippet,contentDetails,status&playlistId=UU${channelId.slice(2)}&maxResults=50&key=k${extra}`);
  return { status: r.status, body: (await r.json()) as Record<string, unknown> };
};

describe("a channel with no public upload", () => {
  it("answers 404 playlistNotFound for its uploads playlist, which the connector reads as an empty channel", async () => {
    const a = yt((x) => !!x.quirks.noUploads);
    const raw = await playlist(a.apiId);
    expect(raw.status).toBe(404);
    expect(JSON.stringify(raw.body)).toContain('"reason":"playlistNotFound"');
    const c = connectorFor(sb, "youtube");
    expect((await c.lookupProfile(ref(a))).platformId).toBe(a.apiId);
    const cursor = JSON.stringify({ t: sb.clock.now() - DAY, ids: ["x"] });
    expect(await c.fetchPostsSince(ref(a), null)).toEqual({ posts: [], cursor: null });
    expect(await c.fetchPostsSince(ref(a), cursor)).toEqual({ posts: [], cursor });
  });

  it("a playlist that is missing for a channel that is gone is still NotFound", async () => {
    const gone = sb.world.accounts.find((a) => a.platform === "youtube" && a.state === "suspended")!;
    await expect(connectorFor(sb, "youtube").fetchPostsSince(ref(gone), null)).rejects.toMatchObject({ kind: "not_found" });
  });
});

describe("placeholders and premieres in the uploads playlist", () => {
  it("the sandbox lists private and deleted placeholders and an upcoming premiere", async () => {
    const a = yt((x) => !!x.quirks.placeholders);
    const t0 = sb.clock.now();
    const premiere = sb.world.postsUntil(a, t0 + 30 * DAY).find((p) => p.announcedAt !== undefined && p.announcedAt > t0)!;
    try {
      sb.clock.set(premiere.announcedAt! + 60_000);
      const items: { snippet: { title: string }; status: { privacyStatus: string }; contentDetails: { videoPublishedAt?: string } }[] = [];
      let token = "";
      for (;;) {
        const r = await playlist(a.apiId, token ? `&pageToken=${token}` : "");
        items.push(...(r.body.items as typeof items));
        if (!r.body.nextPageToken) break;
        token = r.body.nextPageToken as string;
      }
      expect(items.some((i) => i.snippet.title === "Private video" && i.status.privacyStatus === "private" && !i.contentDetails.videoPublishedAt)).toBe(true);
      expect(items.some((i) => i.snippet.title === "Deleted video" && i.status.privacyStatus === "privacyStatusUnspecified")).toBe(true);
      expect(Date.parse(items[0].contentDetails.videoPublishedAt!)).toBe(Math.floor(premiere.publishedAt / 1000) * 1000);
      expect(premiere.publishedAt).toBeGreaterThan(sb.clock.now());
    } finally {
      sb.clock.set(t0);
    }
  });

  it("are skipped without error: exactly the truth is stored", async () => {
    const a = yt((x) => !!x.quirks.placeholders);
    const r = await connectorFor(sb, "youtube", { pageSize: 7 }).fetchPostsSince(ref(a), null);
    const truth = (await truthFor(sb, a)).filter((t) => t.status !== "deleted");
    expect(new Map(r.posts.map((p) => [p.platformPostId, p.text]))).toEqual(new Map(truth.map((t) => [t.id, t.text])));
    expect(sb.world.postsUntil(a, sb.clock.now()).some((p) => p.deletedAt !== null && p.deletedAt <= sb.clock.now())).toBe(true);
  });

  it("a premiere scheduled days ahead neither becomes a post before it starts nor hides the videos before it", async () => {
    const a = yt((x) => !!x.quirks.placeholders);
    const t0 = sb.clock.now();
    const later = sb.world.postsUntil(a, t0 + 60 * DAY);
    // A premiere announced before another upload that comes out ahead of the premiere.
    const premiere = later.find((p) => p.announcedAt !== undefined && p.announcedAt > t0 && later.some((q) => q.announcedAt === undefined && q.publishedAt > p.announcedAt! + 60_000 && q.publishedAt < p.publishedAt && q.deletedAt === null))!;
    expect(premiere).toBeDefined();
    try {
      const t1 = premiere.announcedAt! + 60_000;
      sb.clock.set(t1);
      const c = connectorFor(sb, "youtube");
      const first = await c.fetchPostsSince(ref(a), null);
      expect(first.posts.map((p) => p.platformPostId)).not.toContain(premiere.id);
      for (const p of first.posts) expect(p.publishedAt.getTime()).toBeLessThanOrEqual(t1);
      sb.clock.set(premiere.publishedAt + 3_600_000);
      const second = await c.fetchPostsSince(ref(a), first.cursor);
      const expected = sb.world.live(a, sb.clock.now()).filter((v) => v.post.publishedAt > t1);
      expect(expected.map((v) => v.id)).toContain(premiere.id);
      expect(second.posts.map((p) => p.platformPostId).sort()).toEqual(expected.map((v) => v.id).sort());
    } finally {
      sb.clock.set(t0);
    }
  });
});
