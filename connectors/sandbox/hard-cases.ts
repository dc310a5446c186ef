/**
 * The hard cases real platforms serve and a world of plain text posts would not: Bluesky embeds,
 * facets, quotes, replies, reposts, a pin and fast device clocks; Mastodon HTML and ULID ids; X
 * long posts and a protected account; YouTube placeholders, premieres and a channel without
 * uploads. Accounts are chosen deterministically (the first active ones of a platform, in world
 * order, so small test worlds get them too), and every case draws from its own seeded generator,
 * so the rest of the world stays exactly as it was.
 *
 * A post's world `text` stays what a connector should store; the platform modules render the
 * platform's own shape (record + facets + embeds, HTML, note_tweet) from the parts kept here.
 */
import { rng } from "../../db/demo/world";
import type { Platform } from "../types";
import { blueskyDid, cid, tid } from "./ids";
import type { AccountState, SandboxAccount, WorldPost } from "./world";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface Quirks {
  /** Bluesky: image-only posts, link facets, external cards, quotes, replies, fast clocks; reposts and a pin. */
  richPosts?: boolean;
  /** Mastodon: lists, line breaks, links, hashtags and mentions in the status HTML. */
  richHtml?: boolean;
  /** Mastodon: a GoToSocial-like server: ULID ids (not numbers) and no profile page (`url: null`). */
  opaqueIds?: boolean;
  /** X: some posts longer than 280 characters (the full text only in `note_tweet`). */
  longPosts?: boolean;
  /** X: the account protects its posts from this time on (-Infinity: always). */
  protectedFrom?: number;
  /** YouTube: a channel that never uploads (its uploads playlist answers 404 playlistNotFound). */
  noUploads?: boolean;
  /** YouTube: private and deleted placeholders and upcoming premieres in the uploads playlist. */
  placeholders?: boolean;
}

/** Picks the hard-case accounts (after suspended/renamed are chosen, before any post exists). */
export function assignQuirks(seed: string, all: SandboxAccount[]): void {
  const active = (p: Platform) => all.filter((a) => a.platform === p && a.state === "active");
  for (const a of all) a.quirks = {};
  active("bluesky")
    .slice(0, 2)
    .forEach((a) => (a.quirks.richPosts = true));
  const masto = active("mastodon");
  if (masto[0]) masto[0].quirks.richHtml = true;
  if (masto[1]) masto[1].quirks = { opaqueIds: true, richHtml: true };
  const x = active("x");
  x.slice(0, 3).forEach((a) => (a.quirks.longPosts = true));
  const prot = x.slice(3).find((a) => a.class === "employee");
  if (prot) prot.quirks.protectedFrom = -Infinity;
  const yt = active("youtube");
  if (yt[0]) yt[0].quirks.placeholders = true;
  if (yt.length > 2) yt[yt.length - 1].quirks.noUploads = true;
  // Two more Bluesky accounts gone as the AppView reports them: deactivated by the holder, deleted.
  const r = rng(`${seed}:states:bluesky-gone`);
  const rest = active("bluesky").filter((a) => !a.quirks.richPosts);
  const order = rest.map((a) => ({ a, k: r() })).sort((p, q) => p.k - q.k);
  const gone: AccountState[] = ["deactivated", "deleted"];
  order.slice(0, gone.length).forEach(({ a }, i) => (a.state = gone[i]));
}

/** Whether an X account hides its posts at `now`. */
export function isProtected(a: SandboxAccount, now: number): boolean {
  return a.quirks.protectedFrom !== undefined && now >= a.quirks.protectedFrom;
}

/** Rewrites a freshly generated post of a hard-case account (text, shapes). Draws nothing from the world's generator. */
export function applyHardCases(seed: string, a: SandboxAccount, p: WorldPost): void {
  const q = a.quirks;
  const r = rng(`${seed}:hard:${a.key}:${p.seq}`);
  if (q.richPosts) {
    p.bsky = blueskyShape(r, a, p);
    p.text = blueskyText(p.bsky);
  }
  if (q.richHtml && r() < 0.45) {
    const suffix = htmlSuffix(r, p.lang);
    p.text += suffix;
    if (p.editedText !== null) p.editedText += suffix;
  }
  if (q.longPosts && r() < 0.3) {
    const suffix = longSuffix(r, p.lang, p.text.length);
    p.text += suffix;
    if (p.editedText !== null) p.editedText += suffix;
  }
  if (q.placeholders && p.seq % 6 === 2) p.announcedAt = p.publishedAt - 2 * DAY;
  // Videos taken down (private or deleted) leave placeholders; real risk-driven deletions are rare.
  if (q.placeholders && p.seq % 6 === 4 && p.deletedAt === null) p.deletedAt = p.publishedAt + 6 * HOUR;
}

// ---------------------------------------------------------------------------------------------
// Bluesky

export const PARTNER = {
  did: blueskyDid("partner"),
  handle: "partner.bsky.sandbox.amanah.invalid",
  displayName: "منصة الأخبار الشريكة",
};

export interface BskyFacet {
  byteStart: number;
  byteEnd: number;
  link?: string;
  tag?: string;
}

export interface BskyRef {
  uri: string;
  cid: string;
  text: string;
  createdAt: number;
}

export interface BskyShape {
  /** record.text as the author typed it (link display text included; "" for image-only). */
  recordText: string;
  facets: BskyFacet[];
  /** Alt texts of attached images ("" = no alt). */
  images?: string[];
  external?: { uri: string; title: string; description: string };
  quote?: BskyRef;
  /** The partner's post this one replies to. */
  replyTo?: BskyRef;
  /** record.createdAt: the device's clock (days ahead for some posts). */
  createdAt: number;
}

const LINKS = [
  "https://www.bahrain.bh/wps/portal/ar/BNP/HomeNationalPortal/ContentDetailPage/services-2026",
  "https://www.iga.gov.bh/ar/news/2026/11/national-digital-services-week",
  "https://www.bna.bh/en/news?cms=q8FmFJgiscL2fwIzON1%2BDvxMXbJ1ps1Kj1e0RPvn3Fk%3D",
];
const PARTNER_TEXTS = [
  "تغطية مباشرة لفعاليات أسبوع الخدمات الرقمية الوطني.",
  "Live coverage of the national digital services week.",
  "بعض الموظفين أغبياء ولا يستحقون رواتبهم.",
  "Road closures announced for the weekend marathon.",
];

/** The Bluesky app's short form of a link: host + the start of the path, "..." when cut. */
export function shortUrl(url: string): string {
  const u = new URL(url);
  const path = (u.pathname === "/" ? "" : u.pathname) + u.search + u.hash;
  return path.length > 15 ? `${u.host}${path.slice(0, 13)}...` : u.host + path;
}

const utf8 = (s: string) => Buffer.byteLength(s, "utf8");

export function partnerPost(t: number, k: number): BskyRef {
  const uri = `at://${PARTNER.did}/app.bsky.feed.post/${tid(t, 1000, k)}`;
  return { uri, cid: cid(uri), text: PARTNER_TEXTS[k % PARTNER_TEXTS.length], createdAt: t };
}

function blueskyShape(r: () => number, a: SandboxAccount, p: WorldPost): BskyShape {
  const ar = p.lang === "ar";
  const kind = r();
  const link = LINKS[Math.floor(r() * LINKS.length)];
  // A device clock two days fast: createdAt in the future, indexedAt (the server's) true.
  const createdAt = r() < 0.12 ? p.publishedAt + 2 * DAY + Math.floor(r() * HOUR) : p.publishedAt;
  const base: BskyShape = { recordText: p.text, facets: [], createdAt };
  if (kind < 0.15) {
    // Image-only: the words are in the image (and its alt text); a second image has no alt.
    return { ...base, recordText: "", images: r() < 0.5 ? [p.text, ""] : [p.text] };
  }
  if (kind < 0.3) {
    // A link facet over the app's short form (or over words), then a hashtag facet after it.
    const words = r() < 0.3;
    const display = words ? (ar ? "اقرأ المزيد" : "read more") : shortUrl(link);
    const tag = ar ? "البحرين" : "Bahrain";
    const head = `${p.text} `;
    const recordText = `${head}${display} #${tag}`;
    const ls = utf8(head);
    const ts = ls + utf8(display) + 1;
    return {
      ...base,
      recordText,
      facets: [
        { byteStart: ls, byteEnd: ls + utf8(display), link },
        { byteStart: ts, byteEnd: ts + utf8(`#${tag}`), tag },
      ],
    };
  }
  if (kind < 0.4) {
    const title = ar ? "أسبوع الخدمات الرقمية الوطني" : "National digital services week";
    const description = r() < 0.5 ? (ar ? "تفاصيل البرنامج والمواعيد." : "Programme and times.") : "";
    return { ...base, external: { uri: link, title, description } };
  }
  if (kind < 0.52) return { ...base, quote: partnerPost(p.publishedAt - 3 * HOUR, p.seq) };
  if (kind < 0.57) return { ...base, quote: partnerPost(p.publishedAt - 2 * HOUR, p.seq + 1), images: ["صورة من الفعالية"] };
  if (kind < 0.67) return { ...base, replyTo: partnerPost(p.publishedAt - HOUR, p.seq + 2) };
  return base;
}

/**
 * What a Bluesky connector should store for a post (the sandbox's own statement of the format):
 * the text with link facets shown as full URLs, then image alt texts ("🖼 alt"), the external
 * card ("🔗 url", title, description) and the quoted post's text, each line marked "> ".
 */
export function blueskyText(s: BskyShape): string {
  let main = s.recordText;
  const link = s.facets.find((f) => f.link);
  if (link) {
    const bytes = Buffer.from(s.recordText, "utf8");
    const before = bytes.subarray(0, link.byteStart).toString("utf8");
    const display = bytes.subarray(link.byteStart, link.byteEnd).toString("utf8");
    const after = bytes.subarray(link.byteEnd).toString("utf8");
    const shown = display.endsWith("...") || display.includes("/") ? link.link! : `${display} (${link.link})`;
    main = before + shown + after;
  }
  const blocks = [main];
  if (s.images) blocks.push(s.images.map((alt) => (alt ? `🖼 ${alt}` : "🖼")).join("\n"));
  if (s.external) blocks.push([`🔗 ${s.external.uri}`, s.external.title, s.external.description].filter(Boolean).join("\n"));
  if (s.quote) blocks.push(s.quote.text.split("\n").map((l) => (l ? `> ${l}` : ">")).join("\n"));
  return blocks.filter(Boolean).join("\n\n");
}

export interface BskyRepost {
  /** indexedAt of the repost record: where it sorts in the author feed. */
  at: number;
  uri: string;
  cid: string;
  post: BskyRef;
}

/** The reposts a rich account has made by `now` (of the partner's posts, never its own). */
export function blueskyReposts(a: SandboxAccount, posts: WorldPost[], now: number): BskyRepost[] {
  if (!a.quirks.richPosts) return [];
  const out: BskyRepost[] = [];
  for (const p of posts) {
    if (p.seq % 4 !== 1 || p.publishedAt + 10 * MIN > now) continue;
    const at = p.publishedAt + 10 * MIN;
    const uri = `at://${a.apiId}/app.bsky.feed.repost/${tid(at, a.index, p.seq)}`;
    out.push({ at, uri, cid: cid(uri), post: partnerPost(p.publishedAt - HOUR, p.seq + 3) });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Mastodon

const LIST_AR = ["تقديم الطلب عبر البوابة الوطنية", "إرفاق صورة البطاقة الذكية", "دفع الرسوم إلكترونياً"];
const LIST_EN = ["Apply on the national portal", "Attach a copy of the smart card", "Pay the fees online"];

/** A plain-text tail the sandbox renders as Mastodon HTML (lists, <br>, links, hashtags, mentions). */
function htmlSuffix(r: () => number, lang: "ar" | "en"): string {
  const items = lang === "ar" ? LIST_AR : LIST_EN;
  const link = LINKS[Math.floor(r() * LINKS.length)];
  const k = r();
  if (k < 0.3) return `\n\n${items.map((i) => `• ${i}`).join("\n")}`;
  if (k < 0.5) return `\n\n${items.map((i, n) => `${n + 1}. ${i}`).join("\n")}`;
  if (k < 0.7) return `\n${lang === "ar" ? "التفاصيل:" : "Details:"} ${link}`;
  if (k < 0.85) return `\n\n${lang === "ar" ? "#البحرين #خدمات_رقمية" : "#Bahrain #eServices"}`;
  return `\n\n${lang === "ar" ? "بالتعاون مع" : "With"} @partner`;
}

// ---------------------------------------------------------------------------------------------
// X

const LONG_AR = [
  "وتأتي هذه الخطوة ضمن خطة شاملة لتطوير الخدمات الحكومية ورفع كفاءتها بما يلبي تطلعات المواطنين والمقيمين.",
  "كما تم التأكيد على أهمية التعاون بين الجهات الحكومية والقطاع الخاص لتحقيق الأهداف المرجوة.",
  "ويمكن للجمهور الاطلاع على التفاصيل الكاملة عبر الموقع الرسمي والتواصل مع مركز الاتصال الوطني.",
];
const LONG_EN = [
  "This step is part of a comprehensive plan to develop government services and raise their efficiency for citizens and residents.",
  "The importance of cooperation between government bodies and the private sector in reaching these goals was also stressed.",
  "The full details are available on the official website, and the National Contact Centre can answer any questions.",
];

/** Sentences appended until the post is a long one (over 280 characters). */
function longSuffix(r: () => number, lang: "ar" | "en", len: number): string {
  const pool = lang === "ar" ? LONG_AR : LONG_EN;
  let out = "";
  for (let i = Math.floor(r() * pool.length); len + out.length <= 300; i++) out += ` ${pool[i % pool.length]}`;
  return out;
}
