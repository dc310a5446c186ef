/** In-memory connector and scorer for processor tests (no network, no queue). */
import {
  NotFound,
  type AccountRef,
  type Connector,
  type FetchPage,
  type FetchResult,
  type NormalizedPost,
  type Platform,
  type Profile,
} from "../../connectors/types";
import type { Db } from "../../db/client";
import type { Scorer } from "../../workers/flag-rows";
import { MemoryRateStore, RateGate } from "../../workers/rate-gate";
import { silentLogger, UnknownPlatformError, type WorkerDeps } from "../../workers/deps";

export interface FakeAccount {
  profile: Profile;
  posts: NormalizedPost[];
  gone?: boolean;
}

type Hook = (method: "profile" | "fetch" | "lookup", ref: AccountRef, page?: number) => void;

export class FakeConnector implements Connector {
  readonly accounts = new Map<string, FakeAccount>();
  calls: { method: string; handle: string; at: number }[] = [];
  /** Throw from here to inject faults. */
  hook: Hook = () => undefined;
  constructor(
    readonly platform: Platform,
    private readonly pageSize = 3,
    private readonly clock: () => number = Date.now,
  ) {}

  add(handle: string, posts: { id: string; text: string; at?: number }[], bio = "bio"): FakeAccount {
    const a: FakeAccount = {
      profile: { platformId: `pid-${handle}`, handle, displayName: handle, bio, verified: true, followers: 10, createdAt: new Date(0), avatarUrl: null, profileUrl: `https://x.test/${handle}`, contactLinks: [] },
      posts: posts.map((p, i) => post(p.id, p.text, p.at ?? this.clock() - (posts.length - i) * 60_000)),
    };
    this.accounts.set(handle, a);
    return a;
  }

  private acc(ref: AccountRef): FakeAccount {
    const a = this.accounts.get(ref.handle);
    if (!a || a.gone) throw new NotFound(this.platform, `no such user ${ref.handle}`, "deleted");
    return a;
  }

  async lookupProfile(ref: AccountRef): Promise<Profile> {
    this.calls.push({ method: "profile", handle: ref.handle, at: this.clock() });
    this.hook("profile", ref);
    return this.acc(ref).profile;
  }

  async fetchPostsSince(ref: AccountRef, cursor: string | null, opts?: { onPage?: (page: FetchPage) => void | Promise<void> }): Promise<FetchResult> {
    this.calls.push({ method: "fetch", handle: ref.handle, at: this.clock() });
    const a = this.acc(ref);
    const since = cursor ? Number(cursor) : -1;
    const fresh = a.posts.filter((_, i) => i > since);
    const all: NormalizedPost[] = [];
    this.hook("fetch", ref, 0);
    for (let i = 0, page = 0; i < fresh.length; i += this.pageSize, page++) {
      if (page > 0) this.hook("fetch", ref, page);
      const chunk = fresh.slice(i, i + this.pageSize);
      all.push(...chunk);
      await opts?.onPage?.({ posts: chunk });
    }
    return { posts: all, cursor: String(a.posts.length - 1) };
  }

  async lookupPosts(ref: AccountRef, ids: string[]): Promise<Map<string, NormalizedPost>> {
    this.calls.push({ method: "lookup", handle: ref.handle, at: this.clock() });
    this.hook("lookup", ref);
    const a = this.acc(ref);
    const m = new Map<string, NormalizedPost>();
    for (const p of a.posts) if (ids.includes(p.platformPostId)) m.set(p.platformPostId, p);
    return m;
  }
}

export function post(id: string, text: string, at: number): NormalizedPost {
  return { platformPostId: id, url: null, text, lang: "ar", publishedAt: new Date(at), editedAt: null, raw: { id, text } };
}

/** Flags any text containing "BAD" (rule test.bad) and "CPR" (rule test.cpr). */
export const fakeScorer: Scorer = {
  policyVersion: "test-1",
  score: ({ text }) => {
    const flags = [];
    const i = text.indexOf("BAD");
    if (i >= 0) flags.push({ rule: "test.bad", clause: "COC-2", category: "offensive", severity: "high" as const, score: 0.9, spans: [{ start: i, end: i + 3, text: "BAD" }] });
    const j = text.indexOf("CPR");
    if (j >= 0) flags.push({ rule: "test.cpr", clause: "COC-4", category: "personal-data", severity: "medium" as const, score: 0.8, spans: [{ start: j, end: j + 3, text: "CPR" }] });
    return { risk: flags.length ? 0.9 : 0, flags };
  },
};

export function fakeDeps(db: Db, connectors: Partial<Record<string, Connector>>, clock: () => number = Date.now): WorkerDeps {
  return {
    db,
    connectors: (p) => {
      const c = connectors[p];
      if (!c) throw new UnknownPlatformError(p);
      return c;
    },
    clock,
    gate: new RateGate(new MemoryRateStore(), { clock }),
    scorer: fakeScorer,
    log: silentLogger,
  };
}

/** Inserts an entity and accounts directly (faster than the full demo seed). */
export function insertAccounts(db: Db, rows: { platform: string; handle: string; class?: string }[]): number[] {
  const c = db.$client;
  const e = c.prepare("INSERT INTO entities (slug, name_ar, name_en, kind, email_domains) VALUES (?, 'جهة', 'Entity', 'ministry', '[\"moi.gov.bh\"]') RETURNING id").get(`e${Math.random().toString(36).slice(2, 8)}`) as { id: number };
  return rows.map(
    (r) =>
      (c.prepare("INSERT INTO accounts (entity_id, platform, handle, class) VALUES (?, ?, ?, ?) RETURNING id").get(e.id, r.platform, r.handle, r.class ?? "official") as { id: number }).id,
  );
}
