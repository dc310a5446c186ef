/**
 * YouTube Data API v3 as the sandbox speaks it: channels, search (type=channel: the world's and the
 * fake channels, impostors.ts), playlistItems (uploads), videos.
 * A channel without public uploads answers 404 playlistNotFound for its uploads playlist, as live.
 * Channels with placeholders (hard-cases.ts) list their deleted videos as "Deleted video" / "Private
 * video" items and scheduled premieres at the top, with their (future) premiere time.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, startOfDay } from "date-fns";
import { b64url, json, unb64url, type PlatformModule, type SbContext, type SbResponse } from "../http";
import type { FakeAccount } from "../impostors";
import { DAY, type PostView, type SandboxAccount, type WorldPost } from "../world";

const etag = (s: string) => Buffer.from(s).toString("base64url").slice(0, 27);
const ytime = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

function gError(status: number, message: string, reason: string, domain: string, extra: Record<string, unknown> = {}): SbResponse {
  return json(status, { error: { code: status, message, errors: [{ message, domain, reason, ...extra }], ...(status === 403 ? { status: "PERMISSION_DENIED" } : {}) } });
}

function channel(ctx: SbContext, a: SandboxAccount, parts: string[]) {
  const c: Record<string, unknown> = { kind: "youtube#channel", etag: etag(`${a.key}:${ctx.now}`), id: a.apiId };
  if (parts.includes("snippet")) {
    c.snippet = {
      title: a.displayName,
      description: a.bio,
      customUrl: `@${a.currentHandle.toLowerCase()}`,
      publishedAt: new Date(a.profileCreatedAt).toISOString().replace("Z", "000Z").replace(/\.(\d{3})000Z$/, ".$1123Z"),
      thumbnails: { default: { url: `https://yt3.ggpht.com/${a.platformId}=s88-c-k-c0x00ffffff-no-rj`, width: 88, height: 88 } },
      localized: { title: a.displayName, description: a.bio },
      country: "BH",
    };
  }
  if (parts.includes("contentDetails")) c.contentDetails = { relatedPlaylists: { likes: "", uploads: `UU${a.apiId.slice(2)}` } };
  if (parts.includes("statistics")) {
    const n = ctx.world.live(a, ctx.now).length;
    c.statistics = { viewCount: String(a.followers * 37), subscriberCount: String(a.followers), hiddenSubscriberCount: false, videoCount: String(n) };
  }
  return c;
}

/** A fake channel, in the parts asked for. */
function fakeChannel(f: FakeAccount, parts: string[]) {
  const c: Record<string, unknown> = { kind: "youtube#channel", etag: etag(`fake:${f.apiId}`), id: f.apiId };
  if (parts.includes("snippet")) {
    c.snippet = {
      title: f.displayName,
      description: f.bio,
      customUrl: `@${f.handle}`,
      publishedAt: ytime(f.createdAt),
      thumbnails: { default: { url: `https://yt3.ggpht.com/${f.apiId}=s88-c-k-c0x00ffffff-no-rj`, width: 88, height: 88 } },
      localized: { title: f.displayName, description: f.bio },
    };
  }
  if (parts.includes("contentDetails")) c.contentDetails = { relatedPlaylists: { likes: "", uploads: `UU${f.apiId.slice(2)}` } };
  if (parts.includes("statistics")) c.statistics = { viewCount: String(f.followers * 11), subscriberCount: String(f.followers), hiddenSubscriberCount: false, videoCount: "9" };
  return c;
}

/** search.list?type=channel: channel results with the search snippet (no handle, description cut). */
function searchList(ctx: SbContext, parts: string[]): SbResponse {
  const q = ctx.url.searchParams;
  if (q.get("type") !== "channel") return gError(400, "This sandbox answers search.list for type=channel only.", "invalidSearchFilter", "youtube.search", { location: "type", locationType: "parameter" });
  if (!parts.includes("snippet") && !parts.includes("id")) return gError(400, "Invalid part", "invalidPart", "youtube.part");
  const n = maxResults(ctx);
  if (typeof n !== "number") return n;
  const hits = ctx.world.search("youtube", q.get("q") ?? "", n).filter((h) => !h.world || h.world.state !== "suspended");
  const items = hits.map((h) => {
    const id = h.world ? h.world.apiId : h.fake.apiId;
    const title = h.world ? h.world.displayName : h.fake.displayName;
    const description = (h.world ? h.world.bio : h.fake.bio).slice(0, 160);
    const published = h.world ? h.world.profileCreatedAt : h.fake.createdAt;
    return {
      kind: "youtube#searchResult",
      etag: etag(`search:${id}`),
      id: { kind: "youtube#channel", channelId: id },
      snippet: { publishedAt: ytime(published), channelId: id, title, description, thumbnails: { default: { url: `https://yt3.ggpht.com/${id}=s88-c-k-c0x00ffffff-no-rj` } }, channelTitle: title, liveBroadcastContent: "none", publishTime: ytime(published) },
    };
  });
  return json(200, { kind: "youtube#searchListResponse", etag: etag(`search:${ctx.url.search}`), regionCode: "BH", pageInfo: { totalResults: items.length, resultsPerPage: n }, items });
}

function titleAndBody(text: string): [string, string] {
  const i = text.indexOf("\n\n");
  return i < 0 ? [text, ""] : [text.slice(0, i), text.slice(i + 2)];
}

/** A placeholder where a video no longer public was: a private or a deleted one. */
function placeholderItem(p: WorldPost, a: SandboxAccount, position: number, priv: boolean) {
  return {
    kind: "youtube#playlistItem",
    etag: etag(`${p.id}:gone`),
    id: Buffer.from(`UU${a.apiId.slice(2)}.${p.id}`).toString("base64"),
    snippet: {
      publishedAt: ytime(p.publishedAt + 2000),
      channelId: a.apiId,
      title: priv ? "Private video" : "Deleted video",
      description: priv ? "This video is private." : "This video is unavailable.",
      thumbnails: {},
      channelTitle: a.displayName,
      playlistId: `UU${a.apiId.slice(2)}`,
      position,
      resourceId: { kind: "youtube#video", videoId: p.id },
    },
    contentDetails: { videoId: p.id },
    status: { privacyStatus: priv ? "private" : "privacyStatusUnspecified" },
  };
}

function playlistItem(v: PostView, a: SandboxAccount, position: number) {
  const [title, description] = titleAndBody(v.text);
  const vid = v.post.id;
  return {
    kind: "youtube#playlistItem",
    etag: etag(`${vid}:${v.text}`),
    id: Buffer.from(`UU${a.apiId.slice(2)}.${vid}`).toString("base64"),
    snippet: {
      publishedAt: ytime(v.post.publishedAt + 2000),
      channelId: a.apiId,
      title,
      description,
      thumbnails: { default: { url: `https://i.ytimg.com/vi/${vid}/default.jpg`, width: 120, height: 90 } },
      channelTitle: a.displayName,
      playlistId: `UU${a.apiId.slice(2)}`,
      position,
      resourceId: { kind: "youtube#video", videoId: vid },
      videoOwnerChannelTitle: a.displayName,
      videoOwnerChannelId: a.apiId,
    },
    contentDetails: { videoId: vid, videoPublishedAt: ytime(v.post.publishedAt) },
    status: { privacyStatus: "public" },
  };
}

function video(v: PostView, a: SandboxAccount) {
  const [title, description] = titleAndBody(v.text);
  return {
    kind: "youtube#video",
    etag: etag(`${v.post.id}:${v.text}`),
    id: v.post.id,
    snippet: {
      publishedAt: ytime(v.post.publishedAt),
      channelId: a.apiId,
      title,
      description,
      thumbnails: { default: { url: `https://i.ytimg.com/vi/${v.post.id}/default.jpg`, width: 120, height: 90 } },
      channelTitle: a.displayName,
      liveBroadcastContent: "none",
      defaultAudioLanguage: v.post.lang,
    },
    status: { uploadStatus: "processed", privacyStatus: "public", license: "youtube", embeddable: true, publicStatsViewable: true, madeForKids: false },
  };
}

interface Upload {
  videoId: string;
  item: (position: number) => unknown;
}

/**
 * The uploads playlist, newest first: public videos (with placeholders where deleted ones were, for
 * channels that show them) under the premieres scheduled but not yet shown. Empty when the channel
 * has no public upload at all.
 */
function uploads(ctx: SbContext, a: SandboxAccount): Upload[] {
  const live = ctx.world.live(a, ctx.now);
  if (!a.quirks.placeholders) return live.map((v) => ({ videoId: v.id, item: (pos) => playlistItem(v, a, pos) }));
  const upcoming = ctx.world
    .postsUntil(a, ctx.now + 2 * DAY)
    .filter((p) => p.announcedAt !== undefined && p.announcedAt <= ctx.now && p.publishedAt > ctx.now)
    .reverse()
    .map((p): Upload => ({ videoId: p.id, item: (pos) => ({ ...playlistItem(ctx.world.view(p, ctx.now), a, pos), contentDetails: { videoId: p.id, videoPublishedAt: ytime(p.publishedAt) } }) }));
  if (!live.length && !upcoming.length) return [];
  let gone = 0;
  const listed = ctx.world
    .postsUntil(a, ctx.now)
    .map((p): Upload => {
      const v = ctx.world.view(p, ctx.now);
      // Every other video no longer public was made private, the others deleted.
      const priv = v.deleted && gone++ % 2 === 1;
      return { videoId: p.id, item: (pos) => (v.deleted ? placeholderItem(p, a, pos, priv) : playlistItem(v, a, pos)) };
    })
    .reverse();
  return [...upcoming, ...listed];
}

function maxResults(ctx: SbContext, dflt = 5): number | SbResponse {
  const raw = ctx.url.searchParams.get("maxResults");
  const n = Number(raw ?? dflt);
  if (!Number.isInteger(n) || n < 0 || n > 50) {
    return gError(400, `Invalid value '${raw}'. Values must be within the range: [0, 50]`, "invalid", "global", { location: "maxResults", locationType: "parameter" });
  }
  return n;
}

export const youtubeModule: PlatformModule = {
  platformOf: () => "youtube",
  handle(ctx) {
    const q = ctx.url.searchParams;
    const key = q.get("key");
    if (!key) {
      return json(403, { error: { code: 403, message: "The request is missing a valid API key.", errors: [{ message: "The request is missing a valid API key.", domain: "global", reason: "forbidden" }], status: "PERMISSION_DENIED" } });
    }
    if (ctx.isExpired(key)) return this.expiredToken(ctx);
    const parts = (q.get("part") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
    if (!parts.length) return gError(400, "No filter selected. Expected one of: id, forHandle, forUsername, mine", "missingRequiredParameter", "youtube.parameter", { location: "part", locationType: "parameter" });
    const path = ctx.path.replace(/^\/youtube\/v3/, "");
    if (path === "/search") return searchList(ctx, parts);
    if (path === "/channels") {
      const handle = q.get("forHandle");
      const ids = (q.get("id") ?? "").split(",").filter(Boolean);
      let found: SandboxAccount[] = [];
      let fakes: FakeAccount[] = [];
      if (handle) {
        const a = ctx.world.accountByHandle("youtube", handle.replace(/^@/, ""));
        const f = ctx.world.fakeByHandle("youtube", handle.replace(/^@/, ""));
        if (a) found = [a];
        else if (f) fakes = [f];
      } else {
        found = ids.map((id) => ctx.world.accountByApiId("youtube", id)).filter((a): a is SandboxAccount => !!a);
        fakes = ids.map((id) => ctx.world.fakeByApiId("youtube", id)).filter((f): f is FakeAccount => !!f);
      }
      found = found.filter((a) => a.state !== "suspended");
      const total = found.length + fakes.length;
      const body: Record<string, unknown> = { kind: "youtube#channelListResponse", etag: etag(`channels:${ctx.url.search}`), pageInfo: { totalResults: total, resultsPerPage: 5 } };
      if (total) body.items = [...found.map((a) => channel(ctx, a, parts)), ...fakes.map((f) => fakeChannel(f, parts))];
      return json(200, body);
    }
    if (path === "/playlistItems") {
      const pid = q.get("playlistId") ?? "";
      const a = pid.startsWith("UU") ? ctx.world.accountByApiId("youtube", `UC${pid.slice(2)}`) : undefined;
      const entries = a && a.state !== "suspended" ? uploads(ctx, a) : [];
      if (!a || !entries.length) {
        // Also what a channel without a single public upload answers.
        return gError(404, "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.", "playlistNotFound", "youtube.playlistItem", { location: "playlistId", locationType: "parameter" });
      }
      const n = maxResults(ctx);
      if (typeof n !== "number") return n;
      let start = 0;
      const tok = q.get("pageToken");
      if (tok) {
        const m = /^EAAa(.+)$/.exec(tok);
        const last = m ? unb64url(m[1]) : null;
        const i = last ? entries.findIndex((e) => e.videoId === last) : -1;
        if (i < 0) return gError(400, "The request specifies an invalid page token.", "invalidPageToken", "youtube.parameter", { location: "pageToken", locationType: "parameter" });
        start = i + 1;
      }
      const page = entries.slice(start, start + n);
      const body: Record<string, unknown> = { kind: "youtube#playlistItemListResponse", etag: etag(`pl:${pid}:${start}:${ctx.now}`) };
      if (start + n < entries.length && page.length) body.nextPageToken = `EAAa${b64url(page[page.length - 1].videoId)}`;
      if (start > 0) body.prevPageToken = `EAEa${b64url(entries[start - 1].videoId)}`;
      body.items = page.map((e, i) => e.item(start + i));
      body.pageInfo = { totalResults: entries.length, resultsPerPage: n };
      return json(200, body);
    }
    if (path === "/videos") {
      const ids = (q.get("id") ?? "").split(",").filter(Boolean);
      if (ids.length > 50) return gError(400, "Too many ids", "invalid", "global");
      const want = new Set(ids);
      const items: unknown[] = [];
      for (const a of ctx.world.accounts) {
        if (a.platform !== "youtube" || a.state === "suspended") continue;
        for (const v of ctx.world.live(a, ctx.now)) if (want.has(v.post.id)) items.push(video(v, a));
      }
      return json(200, { kind: "youtube#videoListResponse", etag: etag(`videos:${ids.join()}`), items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } });
    }
    return gError(404, "Not Found", "notFound", "global");
  },
  // Daily quota: blocked until the next midnight in America/Los_Angeles.
  newBlock: (ctx) => startOfDay(addDays(new TZDate(ctx.now, "America/Los_Angeles"), 1)).getTime(),
  rateLimited: () =>
    gError(
      403,
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      "quotaExceeded",
      "youtube.quota",
    ),
  serverError: () => json(503, { error: { code: 503, message: "The service is currently unavailable.", errors: [{ message: "The service is currently unavailable.", domain: "global", reason: "backendError" }], status: "UNAVAILABLE" } }),
  expiredToken: () =>
    json(400, {
      error: {
        code: 400,
        message: "API key expired. Please renew the API key.",
        errors: [{ message: "API key expired. Please renew the API key.", domain: "global", reason: "badRequest" }],
        status: "INVALID_ARGUMENT",
        details: [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason: "API_KEY_INVALID", domain: "googleapis.com", metadata: { service: "youtube.googleapis.com" } }],
      },
    }),
};
