/**
 * The sandbox's deterministic world: the seed's accounts (buildDemoWorld) plus posts that arrive
 * over time, get edited or deleted, and a few accounts renamed or suspended. Posts are generated
 * lazily per account from a seeded generator, so any clock position gives the same world.
 */
import { buildDemoWorld, DEMO_EPOCH, rng, type DemoAccount, type DemoEntity } from "../../db/demo/world";
import type { Platform } from "../types";
import { applyHardCases, assignQuirks, isProtected, type BskyShape, type Quirks } from "./hard-cases";
import {
  blueskyDid,
  cid,
  facebookPostId,
  instagramMediaId,
  mastodonId,
  snowflake,
  tid,
  ulid,
  youtubeChannelId,
  youtubeVideoId,
} from "./ids";
import { editText, entityRiskFactor, generateText } from "./texts";
import { buildFakeAccounts, BURST_TEXTS, searchMatches, stageTakeover, type FakeAccount, type TakeoverScenario } from "./impostors";

export const DAY = 86_400_000;
const MIN = 60_000;

/** deactivated/deleted: Bluesky only (AccountDeactivated; a tombstoned DID). */
export type AccountState = "active" | "renamed" | "suspended" | "deactivated" | "deleted";

export interface SandboxAccount extends DemoAccount {
  index: number;
  entity: DemoEntity;
  /** The id the platform API shows (world platformId, or a realistic UC…/did:plc: derived from it). */
  apiId: string;
  state: AccountState;
  /** Handle the platform shows now (differs from `handle` when renamed). */
  currentHandle: string;
  /** The platform's hard cases this account exhibits (hard-cases.ts). */
  quirks: Quirks;
  /** The takeover scenario, on the one account it happened to (impostors.ts). */
  takeover?: TakeoverScenario;
}

/** What a platform's account search finds: one of the world's accounts or a fake one. */
export type SearchHit = { world: SandboxAccount; fake?: undefined } | { fake: FakeAccount; world?: undefined };

export interface WorldPost {
  account: SandboxAccount;
  seq: number;
  id: string;
  publishedAt: number;
  text: string;
  lang: "ar" | "en";
  risk: string | null;
  editedAt: number | null;
  editedText: string | null;
  /** X only: an edit is a new post id. */
  editedId: string | null;
  deletedAt: number | null;
  /** Bluesky hard cases: the record's text, facets and embeds (`text` is what a connector stores). */
  bsky?: BskyShape;
  /** YouTube premiere: listed as upcoming from this time until publishedAt. */
  announcedAt?: number;
}

export interface PostView {
  post: WorldPost;
  /** Current id (X edits change it). */
  id: string;
  text: string;
  edited: boolean;
  deleted: boolean;
}

export interface WorldOptions {
  seed?: string;
  startAt?: number;
  historyDays?: number;
  /** Restrict the world to some accounts (keeps tests small). */
  accountFilter?: (a: DemoAccount) => boolean;
}

interface Gen {
  r: () => number;
  t: number;
  /** A drawn publish time past the generated range, kept for the next chunk. */
  pending: number | null;
  seq: number;
  until: number;
  posts: WorldPost[];
}

const GEN_CHUNK = 7 * DAY;

export class SandboxWorld {
  readonly seed: string;
  readonly startAt: number;
  readonly historyDays: number;
  readonly from: number;
  readonly accounts: SandboxAccount[];
  /** Impostors, parodies and unrelated look-alikes of the kept accounts' entities (impostors.ts). */
  readonly fakes: FakeAccount[];
  readonly takeover: TakeoverScenario | null;
  private readonly fakesByHandle = new Map<string, FakeAccount>();
  private readonly fakesById = new Map<string, FakeAccount>();
  private readonly gens = new Map<string, Gen>();
  private readonly byApiId = new Map<string, SandboxAccount>();
  private readonly byHandle = new Map<string, SandboxAccount>();

  constructor(opts: WorldOptions = {}) {
    this.seed = opts.seed ?? "amanah-sandbox";
    this.startAt = opts.startAt ?? DEMO_EPOCH;
    this.historyDays = opts.historyDays ?? 14;
    this.from = this.startAt - this.historyDays * DAY;
    const demo = buildDemoWorld();
    const entities = new Map(demo.entities.map((e) => [e.slug, e]));
    const all = demo.accounts.map((a, index) => this.decorate(a, index, entities.get(a.entitySlug)!));
    this.pickStates(all);
    assignQuirks(this.seed, all);
    for (const a of all) if (a.quirks.opaqueIds) a.apiId = ulid(a.profileCreatedAt, `account:${a.key}`);
    this.takeover = stageTakeover(this.seed, all, this.startAt);
    this.accounts = opts.accountFilter ? all.filter(opts.accountFilter) : all;
    const kept = new Set(this.accounts.map((a) => a.entitySlug));
    this.fakes = buildFakeAccounts(this.seed, all, this.startAt).filter((f) => kept.has(f.entitySlug));
    for (const f of this.fakes) {
      this.fakesByHandle.set(`${f.platform}:${f.handle.toLowerCase()}`, f);
      this.fakesById.set(`${f.platform}:${f.apiId}`, f);
    }
    for (const a of this.accounts) {
      this.byApiId.set(`${a.platform}:${a.apiId}`, a);
      this.byApiId.set(`${a.platform}:${a.platformId}`, a);
      this.byHandle.set(`${a.platform}:${a.currentHandle.toLowerCase()}`, a);
    }
  }

  private decorate(a: DemoAccount, index: number, entity: DemoEntity): SandboxAccount {
    const apiId = a.platform === "youtube" ? youtubeChannelId(a.platformId) : a.platform === "bluesky" ? blueskyDid(a.platformId) : a.platformId;
    return { ...a, index, entity, apiId, state: "active", currentHandle: a.handle, quirks: {} };
  }

  /** A few accounts per platform are suspended or renamed, chosen from the seed. */
  private pickStates(all: SandboxAccount[]): void {
    const platforms: Platform[] = ["x", "instagram", "facebook", "youtube", "mastodon", "bluesky"];
    for (const p of platforms) {
      const list = all.filter((a) => a.platform === p);
      if (list.length < 4) continue;
      const r = rng(`${this.seed}:states:${p}`);
      const n = Math.max(1, Math.round(list.length * 0.03));
      const order = list.map((a) => ({ a, k: r() })).sort((x, y) => x.k - y.k).map((x) => x.a);
      order.slice(0, n).forEach((a) => (a.state = "suspended"));
      order.slice(n, 2 * n).forEach((a) => {
        a.state = "renamed";
        a.currentHandle = renamedHandle(a);
      });
    }
  }

  accountByApiId(platform: Platform, id: string): SandboxAccount | undefined {
    return this.byApiId.get(`${platform}:${id}`);
  }

  /** By the handle the platform shows now (a renamed account's old handle finds nothing). */
  accountByHandle(platform: Platform, handle: string): SandboxAccount | undefined {
    return this.byHandle.get(`${platform}:${handle.toLowerCase()}`);
  }

  fakeByHandle(platform: Platform, handle: string): FakeAccount | undefined {
    return this.fakesByHandle.get(`${platform}:${handle.toLowerCase()}`);
  }

  fakeByApiId(platform: Platform, id: string): FakeAccount | undefined {
    return this.fakesById.get(`${platform}:${id}`);
  }

  /**
   * A platform's account search: the accounts it serves (active or renamed) and the fakes whose
   * handle or name matches `query` (impostors.ts searchMatches), an exact handle first, then by
   * followers. At most `limit`.
   */
  search(platform: Platform, query: string, limit: number): SearchHit[] {
    const q = query.trim().toLowerCase();
    const hits: { hit: SearchHit; exact: boolean; followers: number }[] = [];
    for (const a of this.accounts) {
      if (a.platform !== platform || (a.state !== "active" && a.state !== "renamed")) continue;
      if (searchMatches(query, a.currentHandle, a.displayName)) hits.push({ hit: { world: a }, exact: a.currentHandle.toLowerCase() === q, followers: a.followers });
    }
    for (const f of this.fakes) {
      if (f.platform === platform && searchMatches(query, f.handle, f.displayName)) hits.push({ hit: { fake: f }, exact: f.handle.toLowerCase() === q, followers: f.followers });
    }
    return hits
      .sort((x, y) => Number(y.exact) - Number(x.exact) || y.followers - x.followers)
      .slice(0, limit)
      .map((h) => h.hit);
  }

  /** Every post of an account published at or before `until` (deleted ones included). */
  postsUntil(a: SandboxAccount, until: number): WorldPost[] {
    const g = this.gen(a);
    while (g.until < until) {
      const from = g.until;
      this.extend(a, g, g.until + GEN_CHUNK);
      this.addBurst(a, g, from, g.until);
    }
    let hi = g.posts.length;
    while (hi > 0 && g.posts[hi - 1].publishedAt > until) hi--;
    return g.posts.slice(0, hi);
  }

  /** Visible state of a post at `now`. */
  view(p: WorldPost, now: number): PostView {
    const edited = p.editedAt !== null && p.editedAt <= now;
    return {
      post: p,
      id: edited && p.editedId ? p.editedId : p.id,
      text: edited ? p.editedText! : p.text,
      edited,
      deleted: p.deletedAt !== null && p.deletedAt <= now,
    };
  }

  /** Live (not deleted) posts at `now` that the public can see, newest first (none while protected). */
  live(a: SandboxAccount, now: number): PostView[] {
    if (isProtected(a, now)) return [];
    return this.postsUntil(a, now)
      .map((p) => this.view(p, now))
      .filter((v) => !v.deleted)
      .reverse();
  }

  private gen(a: SandboxAccount): Gen {
    let g = this.gens.get(a.key);
    if (!g) {
      g = { r: rng(`${this.seed}:posts:${a.key}`), t: this.from, pending: null, seq: 0, until: this.from, posts: [] };
      this.gens.set(a.key, g);
    }
    return g;
  }

  private extend(a: SandboxAccount, g: Gen, until: number): void {
    if (a.quirks.noUploads) {
      g.until = until;
      return;
    }
    const meanGap = DAY / Math.max(0.05, a.postsPerDay);
    for (;;) {
      // Exponential gaps (a Poisson process at postsPerDay), rounded to whole ms.
      const next = g.pending ?? g.t + Math.max(1000, Math.round(-Math.log(1 - g.r()) * meanGap));
      if (next > until) {
        g.pending = next;
        g.until = until;
        return;
      }
      g.pending = null;
      g.t = next;
      g.posts.push(this.makePost(a, g, next));
    }
  }

  /** The takeover's burst, added to the account's posts once their times are generated. */
  private addBurst(a: SandboxAccount, g: Gen, from: number, until: number): void {
    const t = a.takeover;
    if (!t) return;
    const added = t.burst
      .map((at, i) => ({ at, i }))
      .filter(({ at }) => at > from && at <= until)
      .map(({ at, i }): WorldPost => ({
        account: a,
        // Outside the generator's sequence, so the account's other posts stay as they were.
        seq: 3000 + i,
        id: postId(a, at, 3000 + i),
        publishedAt: at,
        text: BURST_TEXTS[i % BURST_TEXTS.length],
        lang: "en",
        risk: null,
        editedAt: null,
        editedText: null,
        editedId: null,
        deletedAt: null,
      }));
    if (!added.length) return;
    g.posts.push(...added);
    g.posts.sort((x, y) => x.publishedAt - y.publishedAt);
  }

  private readonly riskFactors = new Map<string, number>();
  private riskFactor(slug: string): number {
    let f = this.riskFactors.get(slug);
    if (f === undefined) this.riskFactors.set(slug, (f = entityRiskFactor(rng(`${this.seed}:risk:${slug}`))));
    return f;
  }

  private makePost(a: SandboxAccount, g: Gen, t: number): WorldPost {
    const p = this.basePost(a, g, t);
    applyHardCases(this.seed, a, p);
    return p;
  }

  private basePost(a: SandboxAccount, g: Gen, t: number): WorldPost {
    const r = g.r;
    const seq = g.seq++;
    const titled = a.platform === "youtube" || a.platform === "rss";
    const gen = generateText(r, a.class, { ar: a.entity.nameAr, en: a.entity.nameEn }, { titled, riskFactor: this.riskFactor(a.entity.slug) });
    // Bluesky posts cannot be edited in the app; X allows edits within 30 minutes.
    const editable = a.platform !== "bluesky";
    const edit = editable && r() < (gen.risk ? 0.2 : 0.05);
    const editedAt = edit ? t + (a.platform === "x" ? 1 + Math.floor(r() * 28) : 5 + Math.floor(r() * 360)) * MIN : null;
    const del = r() < (gen.risk ? 0.35 : 0.03);
    let deletedAt = del ? t + (10 + Math.floor(r() * 3 * 24 * 60)) * MIN : null;
    if (deletedAt !== null && editedAt !== null && deletedAt <= editedAt) deletedAt = editedAt + 10 * MIN;
    return {
      account: a,
      seq,
      id: postId(a, t, seq),
      publishedAt: t,
      text: gen.text,
      lang: gen.lang,
      risk: gen.risk,
      editedAt,
      editedText: edit ? editText(r, gen) : null,
      editedId: edit && a.platform === "x" ? snowflake(editedAt!, a.index, seq + 2048) : null,
      deletedAt,
    };
  }

  /**
   * Ground truth at `now`: every post published so far, with its current state and text. A
   * protected account's posts count only up to the moment it was protected, as they were then
   * (nothing after is visible to a connector).
   */
  *truth(now: number): Generator<{ platform: Platform; handle: string; id: string; status: "live" | "edited" | "deleted"; text: string }> {
    for (const a of this.accounts) {
      const seenUntil = Math.min(now, (a.quirks.protectedFrom ?? Infinity) - 1);
      for (const p of this.postsUntil(a, seenUntil)) {
        const v = this.view(p, seenUntil);
        yield { platform: a.platform, handle: a.handle, id: v.id, status: v.deleted ? "deleted" : v.edited ? "edited" : "live", text: v.text };
      }
    }
  }

  blueskyCid(v: PostView): string {
    return cid(`${v.post.account.key}:${v.id}:${v.text}`);
  }
}

function postId(a: SandboxAccount, t: number, seq: number): string {
  switch (a.platform) {
    case "x":
      return snowflake(t, a.index, seq % 2048);
    case "mastodon":
      return a.quirks.opaqueIds ? ulid(t, `status:${a.key}:${seq}`) : mastodonId(t, a.index, seq);
    case "instagram":
      return instagramMediaId(a.index, seq);
    case "facebook":
      return facebookPostId(a.platformId, a.index, seq);
    case "youtube":
      return youtubeVideoId(a.index, seq);
    case "bluesky":
      return `at://${a.apiId}/app.bsky.feed.post/${tid(t, a.index, seq)}`;
    case "rss":
      return `https://${a.entity.website ?? "feeds.sandbox.amanah.invalid"}/news/${a.entitySlug}-${String(seq + 1).padStart(5, "0")}`;
  }
}

function renamedHandle(a: SandboxAccount): string {
  switch (a.platform) {
    case "mastodon": {
      const [u, host] = a.handle.split("@");
      return `${u}_new@${host}`;
    }
    case "bluesky":
      return a.handle.replace(/^([^.]+)/, "$1-new");
    default:
      return `${a.handle}_n`.slice(0, 15);
  }
}
