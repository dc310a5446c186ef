/**
 * The sandbox's fake accounts: impostors of the entities' official accounts (look-alike handles,
 * copied Arabic names with and without look-alike letters, "official" bios, gov.bh-looking links,
 * a same username on another Mastodon server), parody accounts that say so, and unrelated accounts
 * that a search for an entity also finds. They answer the platforms' search and lookup endpoints
 * beside the world's own accounts. Each entity draws from its own seeded generator, so the same
 * seed always gives the same fakes, whatever the test world's account filter keeps.
 *
 * Also the takeover scenario: one official X account renamed by an intruder, its bio turned into a
 * crypto giveaway with a new link, and a burst of posts.
 */
import { confusableNames, foldName, handleSkeleton, shortNames } from "../../core/impersonation";
import { rng, type DemoEntity } from "../../db/demo/world";
import type { Platform } from "../types";
import { blueskyDid, snowflake, youtubeChannelId } from "./ids";
import type { SandboxAccount } from "./world";

const DAY = 86_400_000;
const MIN = 60_000;

export type FakeKind = "impostor" | "parody" | "unrelated";

export interface FakeAccount {
  kind: FakeKind;
  platform: Platform;
  /** Canonical handle as the platform shows it (Mastodon user@server, Bluesky the domain handle). */
  handle: string;
  apiId: string;
  displayName: string;
  bio: string;
  createdAt: number;
  followers: number;
  website: string | null;
  /** The official handle an impostor or parody copies (null for unrelated accounts). */
  imitates: string | null;
  entitySlug: string;
  /** How the impostor was made (for the docs and the tests' read-outs). */
  how: string;
}

type R = () => number;
const pick = <T>(r: R, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** Look-alike transforms of a handle's chosen part, as impostors register them (`r` picks a position). */
const TRANSFORMS: Record<string, (h: string, r: R) => string | null> = {
  "swap o→0": (h) => (h.includes("o") ? h.replace("o", "0") : null),
  "swap l→1": (h) => (h.includes("l") ? h.replace(/l(?!.*l)/, "1") : null),
  "swap i→l": (h) => (h.includes("i") ? h.replace("i", "l") : null),
  "swap e→3": (h) => (h.includes("e") ? h.replace("e", "3") : null),
  "drop _": (h) => (h.includes("_") ? h.replace(/_/g, "") : null),
  "suffix _bh": (h) => `${h}_bh`,
  "suffix bh": (h) => `${h}bh`,
  "suffix _gov": (h) => `${h}_gov`,
  "prefix bh_": (h) => `bh_${h}`,
  "suffix _ar": (h) => `${h}_ar`,
  "suffix _official": (h) => `${h}_official`,
  "suffix .official": (h) => `${h}.official`,
  "double letter": (h, r) => {
    const at = [...h].flatMap((c, i) => (/[a-z]/.test(c) ? [i] : []));
    const i = at[Math.floor(r() * at.length)];
    return i === undefined ? null : h.slice(0, i + 1) + h[i] + h.slice(i + 1);
  },
  "drop letter": (h, r) => {
    const at = [...h].flatMap((c, i) => (/[a-z]/.test(c) && i > 0 ? [i] : []));
    const i = at[Math.floor(r() * at.length)];
    return i === undefined ? null : h.slice(0, i) + h.slice(i + 1);
  },
};

const X_KINDS = ["swap o→0", "swap l→1", "swap i→l", "swap e→3", "drop _", "suffix _bh", "suffix bh", "suffix _gov", "prefix bh_", "suffix _ar", "double letter"];
const IG_KINDS = ["suffix _official", "suffix .official", "suffix _bh", "suffix _gov", "swap o→0", "swap l→1", "drop _", "double letter", "drop letter", "suffix _ar"];

const X_HANDLE = /^[a-z0-9_]{1,15}$/;
const IG_HANDLE = /^(?!.*\.\.)(?!\.)[a-z0-9._]{1,30}(?<!\.)$/;

const BIOS_AR = ["الحساب الرسمي لـ{ar}", "الحساب الرسمي | {ar} | مملكة البحرين", "{ar} — الحساب الرسمي. للاستفسارات راسلونا"];
const BIOS_EN = ["Official account of the {en}.", "The official {en} account, Kingdom of Bahrain."];
const fill = (s: string, e: DemoEntity) => s.replace("{ar}", e.nameAr).replace("{en}", e.nameEn);

function transformed(r: R, kinds: readonly string[], base: string, valid: RegExp): { handle: string; how: string } | null {
  const order = kinds.map((k) => ({ k, w: r() })).sort((a, b) => a.w - b.w);
  for (const { k } of order) {
    const h = TRANSFORMS[k](base, r);
    if (h && h !== base && valid.test(h)) return { handle: h, how: k };
  }
  return null;
}

/** A copied Arabic name, sometimes with a look-alike letter or an invisible one slipped in. */
function copiedName(r: R, e: DemoEntity): { name: string; how: string } {
  if (r() < 0.4) {
    const alts = confusableNames(e.nameAr, 6);
    if (alts.length) return { name: pick(r, alts), how: "look-alike letters in the name" };
  }
  return { name: r() < 0.3 ? `${e.nameAr} - البحرين` : e.nameAr, how: "copied name" };
}

function officialBio(r: R, e: DemoEntity, short: string): { bio: string; website: string | null } {
  const bio = fill(r() < 0.7 ? pick(r, BIOS_AR) : pick(r, BIOS_EN), e);
  // Some point at a gov.bh-looking site that is not the entity's.
  if (r() < 0.35) {
    const site = pick(r, [`${short}-gov-bh.com`, `${short}.gov.bh.services-portal.net`, `gov-bh-${short}.org`]);
    return { bio: `${bio} https://${site}`, website: `https://${site}` };
  }
  return { bio, website: null };
}

const PERSON_AR = ["محمد", "أحمد", "فاطمة", "مريم", "علي", "نورة"];
const PERSON_EN = ["mohammed", "ahmed", "fatima", "maryam", "ali", "noora"];

/** Every fake account of the world's entities (all of them: filtering is the caller's). */
export function buildFakeAccounts(seed: string, all: readonly SandboxAccount[], startAt: number): FakeAccount[] {
  const out: FakeAccount[] = [];
  const bySlug = new Map<string, SandboxAccount[]>();
  for (const a of all) bySlug.set(a.entitySlug, [...(bySlug.get(a.entitySlug) ?? []), a]);
  let n = 0;
  const add = (f: Omit<FakeAccount, "apiId" | "followers" | "createdAt"> & { ageDays: number }, r: R) => {
    const i = n++;
    const { ageDays, ...rest } = f;
    const createdAt = startAt - ageDays * DAY - Math.floor(r() * 600) * MIN;
    out.push({ ...rest, createdAt, followers: Math.floor(20 + r() * 4000), apiId: fakeId(f.platform, i, createdAt) });
  };
  let firstX = true;
  for (const [slug, accounts] of bySlug) {
    const e = accounts[0].entity;
    const r = rng(`${seed}:impostors:${slug}`);
    const official = (p: Platform) => accounts.find((a) => a.class === "official" && a.platform === p);
    const short = shortNames({ ...e, emailDomains: e.emailDomains })[0] ?? slug.replace(/-/g, "").slice(0, 6);
    const young = () => 3 + Math.floor(r() * 120);

    const x = official("x");
    if (x) {
      if (firstX || r() < 0.75) {
        const t = transformed(r, X_KINDS, x.handle, X_HANDLE);
        const name = copiedName(r, e);
        const bio = officialBio(r, e, short);
        if (t) add({ kind: "impostor", platform: "x", handle: t.handle, displayName: name.name, ...bio, imitates: x.handle, entitySlug: slug, how: `${t.how}; ${name.how}`, ageDays: young() }, r);
      }
      if (r() < 0.35) {
        const handle = pick(r, [`${short}_bahrain`, `${short}_bh_gov`, `bh_${short}_gov`]).slice(0, 15);
        const bio = officialBio(r, e, short);
        add({ kind: "impostor", platform: "x", handle, displayName: r() < 0.5 ? e.nameAr : `${e.nameEn} - Bahrain`, ...bio, imitates: x.handle, entitySlug: slug, how: "short name handle", ageDays: young() }, r);
      }
      if (firstX || r() < 0.15) {
        const handle = `${x.handle}_parody`.length <= 15 ? `${x.handle}_parody` : `not_${x.handle}`.slice(0, 15);
        add({ kind: "parody", platform: "x", handle, displayName: `${e.nameAr} (ساخر)`, bio: `حساب ساخر — parody account, not affiliated with the ${e.nameEn}.`, website: null, imitates: x.handle, entitySlug: slug, how: "parody", ageDays: 200 + Math.floor(r() * 900) }, r);
      }
      if (r() < 0.4) {
        const k = Math.floor(r() * PERSON_AR.length);
        add({ kind: "unrelated", platform: "x", handle: `${PERSON_EN[k]}_${short}`.slice(0, 15), displayName: `${PERSON_AR[k]} ${pick(r, ["الخليفة", "المناعي", "السيد"])}`, bio: pick(r, ["أحب القراءة والسفر", "Coffee, books and football"]), website: null, imitates: null, entitySlug: slug, how: "unrelated", ageDays: 400 + Math.floor(r() * 2500) }, r);
      }
      firstX = false;
    }

    const ig = official("instagram");
    if (ig && r() < 0.6) {
      const t = transformed(r, IG_KINDS, ig.handle, IG_HANDLE);
      const name = copiedName(r, e);
      const bio = officialBio(r, e, short);
      if (t) add({ kind: "impostor", platform: "instagram", handle: t.handle, displayName: name.name, ...bio, imitates: ig.handle, entitySlug: slug, how: `${t.how}; ${name.how}`, ageDays: young() }, r);
    }

    const yt = official("youtube");
    if (yt && r() < 0.5) {
      const handle = pick(r, [`${short}official`, `${yt.handle.replace(/_/g, "")}tv`, `${short}-bahrain`]);
      add({ kind: "impostor", platform: "youtube", handle, displayName: `${e.nameAr} | القناة الرسمية`, bio: `القناة الرسمية لـ${e.nameAr}. The official channel of the ${e.nameEn}.`, website: null, imitates: yt.handle, entitySlug: slug, how: "copied name, official channel claim", ageDays: young() }, r);
    }

    const bsky = official("bluesky");
    if (bsky && r() < 0.7) {
      const core = bsky.handle.split(".")[0];
      const handle = pick(r, [`${core}-official.bsky.social`, `${short}-bh.bsky.social`, `${core}bh.bsky.social`]);
      const name = copiedName(r, e);
      const bio = officialBio(r, e, short);
      add({ kind: "impostor", platform: "bluesky", handle, displayName: name.name, ...bio, imitates: bsky.handle, entitySlug: slug, how: name.how, ageDays: young() }, r);
    }

    const masto = official("mastodon");
    if (masto && r() < 0.7) {
      const [user, host] = masto.handle.split("@");
      const sameNameElsewhere = r() < 0.5;
      const handle = sameNameElsewhere ? `${user}@mastodon.sandbox.amanah.invalid` : `${user}_official@${host}`;
      const bio = officialBio(r, e, short);
      add({ kind: "impostor", platform: "mastodon", handle, displayName: copiedName(r, e).name, ...bio, imitates: masto.handle, entitySlug: slug, how: sameNameElsewhere ? "same username on another server" : "suffix _official", ageDays: young() }, r);
    }
  }
  return out;
}

function fakeId(platform: Platform, i: number, createdAt: number): string {
  switch (platform) {
    case "x":
      return snowflake(createdAt, 1000 + (i % 24), i);
    case "bluesky":
      return blueskyDid(`fake:${i}`);
    case "youtube":
      return youtubeChannelId(`fake:${i}`);
    case "instagram":
      return `1784${String(9_000_000_000 + i)}`;
    case "mastodon":
      return String(110_000_000_000_000_000n + BigInt(i));
    default:
      return `fake${i}`;
  }
}

/** The chosen part of a handle as search sees it: words of the handle and the name. */
function haystack(handle: string, name: string): string {
  return ` ${foldName(`${handle.replace(/[_.@-]+/g, " ")} ${name}`).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

/**
 * A platform search's notion of a match, deterministic: every word of the query appears in the
 * handle or the display name (normalised, as the scorer normalises Arabic), or the query's handle
 * skeleton appears in the handle's.
 */
export function searchMatches(query: string, handle: string, displayName: string): boolean {
  const words = foldName(query).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (!words.length) return false;
  const hay = haystack(handle, displayName);
  if (words.every((w) => hay.includes(w))) return true;
  const q = handleSkeleton(query);
  return q.length >= 4 && handleSkeleton(handle.split("@")[0]).includes(q);
}

export interface TakeoverScenario {
  at: number;
  oldHandle: string;
  newHandle: string;
  bio: string;
  link: string;
  burst: number[];
}

/**
 * Picks the takeover scenario's account (an active official X account without hard cases, chosen
 * from the seed) six hours before the world's start: renamed, crypto bio, then 24 posts in about
 * an hour. Mutates the account (state renamed, new handle and bio).
 */
export function stageTakeover(seed: string, all: SandboxAccount[], startAt: number): TakeoverScenario | null {
  const eligible = all.filter((a) => a.platform === "x" && a.class === "official" && a.state === "active" && Object.keys(a.quirks).length === 0);
  if (!eligible.length) return null;
  const r = rng(`${seed}:takeover`);
  // From the second half of the world: earlier accounts are the hard cases small test worlds use.
  const a = eligible[Math.floor(eligible.length / 2) + Math.floor(r() * Math.ceil(eligible.length / 2))] ?? eligible[0];
  const at = startAt - 6 * 3_600_000;
  const link = "https://bh-gov-rewards.claims-portal.io";
  const scenario: TakeoverScenario = {
    at,
    oldHandle: a.handle,
    newHandle: `crypto_drop_${a.index % 100}`.slice(0, 15),
    bio: `🎁 Official BTC giveaway! Send 0.05 BTC and get 0.5 BTC back. DM to claim your reward 👉 ${link}`,
    link,
    burst: Array.from({ length: 24 }, (_, i) => at + 20 * MIN + i * 2 * MIN + Math.floor(r() * 60_000)),
  };
  a.state = "renamed";
  a.currentHandle = scenario.newHandle;
  a.bio = scenario.bio;
  a.takeover = scenario;
  return scenario;
}

export const BURST_TEXTS = [
  "🚀 Crypto giveaway is LIVE! Send 0.05 BTC, receive 0.5 BTC back. DM to claim.",
  "Only 2 hours left! Claim your free USDT at https://bh-gov-rewards.claims-portal.io",
  "🎁 Official airdrop for Bahrain citizens — claim now, limited wallets!",
  "We are giving away 100 ETH to our followers. DM to claim your reward!",
];
