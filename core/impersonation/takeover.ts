/**
 * Signs that a registered account has been taken over, from what is already stored about it: its
 * profile changes (handle, display name, bio, links) and its post history. Each signal comes with
 * the evidence a reviewer needs and the instant it happened. Pure.
 *
 * Signals: a handle or display-name change; a bio that gains crypto / giveaway / "DM to claim"
 * wording or a link to a domain it never showed; a burst of posts (an hour with more than 5× the
 * account's hourly rate over the 90 days before, and at least 6 posts); posting at hours the account
 * never used; a language it never used; mass deletion of posts.
 */
import { BAHRAIN_OFFSET_SECONDS } from "../calendar";
import { foldName } from "./similarity";
import { hostsOf, underDomain } from "./score";

export const TAKEOVER_SIGNALS = [
  "handle-change",
  "display-name-change",
  "bio-crypto",
  "bio-new-domain",
  "burst",
  "new-hours",
  "new-language",
  "mass-deletion",
] as const;
export type TakeoverSignalKind = (typeof TAKEOVER_SIGNALS)[number];

export const TAKEOVER_RULE_PREFIX = "gov.official.takeover.";
export const takeoverRule = (s: TakeoverSignalKind) => `${TAKEOVER_RULE_PREFIX}${s}`;

export type ProfileField = "handle" | "display_name" | "bio" | "links";

export interface ProfileChange {
  at: number;
  field: ProfileField;
  before: string | null;
  after: string | null;
}

export interface StoredPost {
  publishedAt: number;
  lang: string | null;
  deletedAt: number | null;
}

export interface TakeoverInput {
  now: number;
  /** Evidence after this instant is new (the previous check). */
  windowStart: number;
  changes: readonly ProfileChange[];
  /** The account's posts published from windowStart − 90 days on, and those deleted since windowStart. */
  posts: readonly StoredPost[];
  /** The entity's own web and email domains: a link to them is never "new". */
  ownDomains: readonly string[];
  /** The bio as stored now (its hosts before any change in the window are not "new"). */
  bio?: string | null;
}

export interface TakeoverSignal {
  signal: TakeoverSignalKind;
  at: number;
  severity: "medium" | "high" | "critical";
  /** Values for the reviewer, by name (rendered through the impersonation translations). */
  evidence: Record<string, string | number>;
  /** Where in the current bio the evidence is (UTF-16 offsets), for bio signals. */
  spans?: { start: number; end: number; text: string }[];
}

const HOUR = 3_600_000;
const DAY = 86_400_000;
export const BASELINE_DAYS = 90;
export const BURST_FACTOR = 5;
export const BURST_MIN_POSTS = 6;
/** Baselines shorter than this say too little about an account's rhythm. */
const MIN_BASELINE_MS = 3 * DAY;

export const CRYPTO_TERMS = [
  "crypto", "cryptocurrency", "bitcoin", "btc", "ethereum", "eth", "usdt", "nft", "nfts", "airdrop", "giveaway", "give away",
  "dm to claim", "dm me to claim", "claim your", "claim now", "claim reward", "free money", "double your", "wallet", "binance",
  "presale", "pre-sale", "token sale", "عملات رقمية", "عمله رقميه", "العملات الرقمية", "بيتكوين", "كريبتو", "ايردروب",
  "توزيع مجاني", "جوائز", "جائزة", "استلم جائزتك", "راسلنا على الخاص", "ارسل رسالة خاصة", "أرسل رسالة خاصة", "محفظة",
];

/** Hosts a profile points at that are the platforms themselves (link shorteners, the profile's own site). */
const PLATFORM_HOSTS = ["t.co", "x.com", "twitter.com", "instagram.com", "facebook.com", "fb.com", "youtube.com", "youtu.be", "bsky.app", "bsky.social"];

function foldedWords(s: string): string {
  return ` ${foldName(s).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `;
}

/** Crypto/giveaway terms present in `text`. */
export function cryptoTerms(text: string | null): string[] {
  if (!text) return [];
  const words = foldedWords(text);
  return CRYPTO_TERMS.filter((t) => words.includes(` ${foldName(t).replace(/[^\p{L}\p{N}]+/gu, " ").trim()} `));
}

/** Where each term shows in the original text (case-insensitive, first occurrence). */
function spansOf(text: string, terms: readonly string[]): { start: number; end: number; text: string }[] {
  const lower = text.toLowerCase();
  const out: { start: number; end: number; text: string }[] = [];
  for (const t of terms) {
    const i = lower.indexOf(t.toLowerCase());
    if (i >= 0) out.push({ start: i, end: i + t.length, text: text.slice(i, i + t.length) });
  }
  return out;
}

function linkHosts(value: string | null, field: ProfileField): string[] {
  if (!value) return [];
  if (field === "links") {
    try {
      const arr = JSON.parse(value) as unknown;
      return Array.isArray(arr) ? hostsOf(arr.filter((x): x is string => typeof x === "string"), null) : [];
    } catch {
      return hostsOf([], value);
    }
  }
  return hostsOf([], value);
}

const bahrainHour = (t: number) => Math.floor(((t / 1000 + BAHRAIN_OFFSET_SECONDS) % 86_400) / 3600);

export function takeoverSignals(input: TakeoverInput): TakeoverSignal[] {
  const { windowStart, now } = input;
  const out: TakeoverSignal[] = [];
  const inWindow = (t: number) => t > windowStart && t <= now;
  const changes = input.changes.filter((c) => inWindow(c.at)).sort((a, b) => a.at - b.at);

  for (const c of changes.filter((x) => x.field === "handle")) {
    out.push({ signal: "handle-change", at: c.at, severity: "high", evidence: { before: c.before ?? "", after: c.after ?? "" } });
  }
  for (const c of changes.filter((x) => x.field === "display_name")) {
    out.push({ signal: "display-name-change", at: c.at, severity: "medium", evidence: { before: c.before ?? "", after: c.after ?? "" } });
  }
  for (const c of changes.filter((x) => x.field === "bio")) {
    const had = new Set(cryptoTerms(c.before));
    const added = cryptoTerms(c.after).filter((t) => !had.has(t));
    if (added.length) {
      out.push({ signal: "bio-crypto", at: c.at, severity: "critical", evidence: { terms: added.join(", "), bio: c.after ?? "" }, spans: spansOf(c.after ?? "", added) });
    }
  }
  // Links: the profile's hosts before the window (every earlier value) against those it gained.
  const seenHosts = new Set<string>();
  for (const c of input.changes.filter((x) => (x.field === "bio" || x.field === "links") && x.at <= windowStart)) {
    linkHosts(c.before, c.field).forEach((h) => seenHosts.add(h));
    linkHosts(c.after, c.field).forEach((h) => seenHosts.add(h));
  }
  for (const c of changes.filter((x) => x.field === "bio" || x.field === "links")) linkHosts(c.before, c.field).forEach((h) => seenHosts.add(h));
  // The bio as it stood when the window opened (links lists repeat the bio's own links).
  const firstBioChange = changes.find((x) => x.field === "bio");
  linkHosts(firstBioChange ? firstBioChange.before : (input.bio ?? null), "bio").forEach((h) => seenHosts.add(h));
  const known = (h: string) => seenHosts.has(h) || input.ownDomains.some((d) => underDomain(h, d)) || PLATFORM_HOSTS.some((p) => underDomain(h, p));
  const reported = new Set<string>();
  for (const c of changes.filter((x) => x.field === "bio" || x.field === "links")) {
    for (const h of linkHosts(c.after, c.field)) {
      if (known(h) || reported.has(h)) continue;
      reported.add(h);
      out.push({ signal: "bio-new-domain", at: c.at, severity: "high", evidence: { domain: h }, ...(c.field === "bio" && c.after ? { spans: spansOf(c.after, [h]) } : {}) });
    }
  }

  // Post history: the window against the 90 days before it.
  const baseFrom = windowStart - BASELINE_DAYS * DAY;
  const base = input.posts.filter((p) => p.publishedAt >= baseFrom && p.publishedAt <= windowStart);
  const recent = input.posts.filter((p) => inWindow(p.publishedAt));
  const firstBase = base.reduce((m, p) => Math.min(m, p.publishedAt), windowStart);
  const baseSpan = windowStart - Math.max(baseFrom, firstBase);
  if (baseSpan >= MIN_BASELINE_MS && recent.length) {
    const rate = base.length / (baseSpan / HOUR);
    const byHour = new Map<number, number>();
    for (const p of recent) {
      const h = Math.floor(p.publishedAt / HOUR) * HOUR;
      byHour.set(h, (byHour.get(h) ?? 0) + 1);
    }
    const [peakAt, peak] = [...byHour].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
    if (peak >= BURST_MIN_POSTS && peak > BURST_FACTOR * rate) {
      out.push({ signal: "burst", at: peakAt, severity: "high", evidence: { posts: peak, hourlyRate: Math.round(rate * 100) / 100, factor: rate > 0 ? Math.round((peak / rate) * 10) / 10 : peak } });
    }
    if (base.length >= 60) {
      const usedHours = new Set(base.map((p) => bahrainHour(p.publishedAt)));
      const odd = recent.filter((p) => !usedHours.has(bahrainHour(p.publishedAt)));
      if (odd.length >= 3) {
        const hours = [...new Set(odd.map((p) => bahrainHour(p.publishedAt)))].sort((a, b) => a - b);
        out.push({ signal: "new-hours", at: odd[0].publishedAt, severity: "medium", evidence: { hours: hours.map((h) => `${String(h).padStart(2, "0")}:00`).join(", "), posts: odd.length } });
      }
    }
    const baseLangs = base.filter((p) => p.lang);
    if (baseLangs.length >= 30) {
      const langs = new Set(baseLangs.map((p) => p.lang!.toLowerCase()));
      const byLang = new Map<string, StoredPost[]>();
      for (const p of recent) if (p.lang && !langs.has(p.lang.toLowerCase())) byLang.set(p.lang.toLowerCase(), [...(byLang.get(p.lang.toLowerCase()) ?? []), p]);
      for (const [lang, ps] of byLang) {
        if (ps.length >= 3) out.push({ signal: "new-language", at: ps[0].publishedAt, severity: "medium", evidence: { lang, posts: ps.length, usual: [...langs].sort().join(", ") } });
      }
    }
  }
  const deleted = input.posts.filter((p) => p.deletedAt !== null && inWindow(p.deletedAt));
  if (deleted.length >= 10) {
    const last30 = input.posts.filter((p) => p.publishedAt > now - 30 * DAY || (p.deletedAt !== null && inWindow(p.deletedAt)));
    if (deleted.length >= 0.3 * last30.length) {
      const at = Math.min(...deleted.map((p) => p.deletedAt!));
      out.push({ signal: "mass-deletion", at, severity: "high", evidence: { deleted: deleted.length, of: last30.length } });
    }
  }
  return out;
}
