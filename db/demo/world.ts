/**
 * The deterministic demo world: real Bahraini government entities (from the checked CSV) with
 * synthetic accounts. The seed writes it to SQLite and the platform sandbox serves the same
 * accounts, so both agree without sharing a database. Pure: same output on every call.
 */
import { parse } from "csv-parse/sync";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AccountClass, AccountStatus, CredentialCustody, EntityKind, Platform, TwoFactor } from "../../core/enums";

export const ENTITIES_CSV = join(dirname(fileURLToPath(import.meta.url)), "bahrain-entities.csv");

/** Fixed "now" of the demo world, so seeds are identical whenever they run. */
export const DEMO_EPOCH = Date.UTC(2026, 10, 1, 5, 0, 0); // 2026-11-01 08:00 Asia/Bahrain

export interface DemoEntity {
  slug: string;
  nameAr: string;
  nameEn: string;
  kind: EntityKind;
  website: string | null;
  emailDomains: string[];
}

export interface DemoOwnership {
  custodianName: string | null;
  custodianEmail: string | null;
  backupName: string | null;
  backupEmail: string | null;
  credentialCustody: CredentialCustody;
  twoFactor: TwoFactor;
  recoveryContact: string | null;
  attestedAt: number | null;
}

export interface DemoAccount {
  /** Stable key inside the world: `${entitySlug}:${platform}:${handle}`. */
  key: string;
  entitySlug: string;
  platform: Platform;
  /** Canonical handle (see accounts.handle). */
  handle: string;
  platformId: string;
  class: AccountClass;
  holderName: string | null;
  holderTitle: string | null;
  managedBy: string | null;
  /** Key of the official account this executive account is linked to. */
  linkedOfficialKey: string | null;
  handoverPlan: string | null;
  verificationRequested: boolean;
  displayName: string;
  bio: string;
  verified: boolean;
  followers: number;
  profileCreatedAt: number;
  status: AccountStatus;
  ownership: DemoOwnership;
  /** Mean posts per day in the sandbox world (drives fetch cadence later). */
  postsPerDay: number;
}

export interface DemoWorld {
  entities: DemoEntity[];
  accounts: DemoAccount[];
}

/** mulberry32 seeded from a string: small, fast and stable across Node versions. */
export function rng(seed: string): () => number {
  let h = 1779033703 ^ seed.length;
  for (let i = 0; i < seed.length; i++) {
    h = Math.imul(h ^ seed.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KIND_MAP: Record<string, EntityKind> = {
  ministry: "ministry",
  authority: "authority",
  council: "council",
  agency: "agency",
  governorate: "governorate",
  other: "other",
};

export function loadEntities(csvPath = ENTITIES_CSV): DemoEntity[] {
  const rows = parse(readFileSync(csvPath, "utf8"), { columns: true, skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r) => ({
    slug: r.slug.trim(),
    nameAr: r.name_ar.trim(),
    nameEn: r.name_en.trim(),
    kind: r.slug.endsWith("-governorate") ? "governorate" : (KIND_MAP[r.kind.trim()] ?? "other"),
    website: r.web_domain.trim() || null,
    // Never invent a domain: unknown stays empty.
    emailDomains: r.email_domain.trim() ? [r.email_domain.trim().toLowerCase()] : [],
  }));
}

const FIRST_NAMES = ["أحمد", "فاطمة", "محمد", "مريم", "علي", "نورة", "خالد", "سارة", "يوسف", "ليلى", "حسن", "هدى", "عبدالله", "زينب", "سلمان", "منى"];
const FIRST_LATIN = ["ahmed", "fatima", "mohammed", "maryam", "ali", "noora", "khalid", "sara", "yousif", "layla", "hasan", "huda", "abdulla", "zainab", "salman", "muna"];
const LAST_NAMES = ["الخليفة", "المناعي", "الجودر", "السيد", "البنعلي", "الدوسري", "العلوي", "الكوهجي", "المحميد", "الشيخ"];
const LAST_LATIN = ["alkhalifa", "almannai", "aljowder", "alsayed", "albinali", "aldosari", "alalawi", "alkoohiji", "almahmeed", "alsheikh"];

const EXEC_TITLES: Record<EntityKind, [string, string]> = {
  ministry: ["وزير", "Minister"],
  authority: ["الرئيس التنفيذي", "Chief Executive"],
  council: ["الأمين العام", "Secretary-General"],
  agency: ["الرئيس", "President"],
  governorate: ["المحافظ", "Governor"],
  other: ["الرئيس", "President"],
};

const DISCLAIMERS_AR = ["حساب شخصي", "الآراء تمثلني", "التغريدات تعبر عن رأيي الشخصي"];
const DISCLAIMERS_EN = ["Views are my own.", "Personal account; opinions my own."];

/** Short code for handles: initials of the slug's words, padded from the first word. */
function codeFor(slug: string, taken: Set<string>): string {
  const words = slug.split("-");
  let code = words.length > 1 ? words.map((w) => w[0]).join("") : words[0].slice(0, 5);
  if (code.length < 3) code = (words[0].slice(0, 4) + code.slice(1)).slice(0, 5);
  let candidate = code;
  for (let i = 2; taken.has(candidate); i++) candidate = `${code}${i}`;
  taken.add(candidate);
  return candidate;
}

export function handleFor(platform: Platform, base: string, entitySlug: string): string {
  switch (platform) {
    case "mastodon":
      return `${base}@social.sandbox.amanah.invalid`;
    case "bluesky":
      return `${base.replace(/_/g, "-")}.bsky.sandbox.amanah.invalid`;
    case "rss":
      return `https://feeds.sandbox.amanah.invalid/${entitySlug}/rss.xml`;
    default:
      return base;
  }
}

export function profileUrl(platform: Platform, handle: string): string {
  switch (platform) {
    case "x":
      return `https://x.com/${handle}`;
    case "instagram":
      return `https://www.instagram.com/${handle}/`;
    case "facebook":
      return `https://www.facebook.com/${handle}`;
    case "youtube":
      return `https://www.youtube.com/@${handle}`;
    case "mastodon": {
      const [user, host] = handle.split("@");
      return `https://${host}/@${user}`;
    }
    case "bluesky":
      return `https://bsky.app/profile/${handle}`;
    case "rss":
      return handle;
  }
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function person(r: () => number): { ar: string; latin: string } {
  const i = Math.floor(r() * FIRST_NAMES.length);
  const j = Math.floor(r() * LAST_NAMES.length);
  return { ar: `${FIRST_NAMES[i]} ${LAST_NAMES[j]}`, latin: `${FIRST_LATIN[i]}.${LAST_LATIN[j]}` };
}

const DAY = 86_400_000;

function ownershipFor(
  r: () => number,
  entity: DemoEntity,
  cls: AccountClass,
  failing: boolean,
): DemoOwnership {
  const domain = entity.emailDomains[0] ?? null;
  const custodian = person(r);
  const backup = person(r);
  const officialEmail = (p: { latin: string }) => (domain ? `${p.latin}@${domain}` : `${p.latin}@gmail.com`);
  const complete: DemoOwnership = {
    custodianName: custodian.ar,
    custodianEmail: officialEmail(custodian),
    backupName: backup.ar,
    backupEmail: officialEmail(backup),
    credentialCustody: "password_manager",
    twoFactor: r() < 0.5 ? "hardware_key" : "authenticator_app",
    recoveryContact: domain ? `social@${domain}` : null,
    attestedAt: DEMO_EPOCH - Math.floor(r() * 200) * DAY,
  };
  if (cls !== "official") {
    // Personal accounts: the holder is the custodian; no backup is expected.
    return { ...complete, backupName: null, backupEmail: null, recoveryContact: `${custodian.latin}@gmail.com` };
  }
  if (!failing) return complete;
  // Deliberately failing: one to three controls broken, chosen deterministically.
  const broken = { ...complete };
  const faults = [
    () => ((broken.backupName = null), (broken.backupEmail = null)),
    () => (broken.twoFactor = pick(r, ["none", "sms", "unknown"] as const)),
    () => (broken.credentialCustody = pick(r, ["shared_informally", "unknown"] as const)),
    () => (broken.recoveryContact = `${custodian.latin}@gmail.com`),
    () => (broken.attestedAt = DEMO_EPOCH - (400 + Math.floor(r() * 300)) * DAY),
    () => (broken.attestedAt = null),
  ];
  const n = 1 + Math.floor(r() * 3);
  for (let k = 0; k < n; k++) pick(r, faults)();
  return broken;
}

export function buildDemoWorld(csvPath = ENTITIES_CSV): DemoWorld {
  const entities = loadEntities(csvPath);
  const accounts: DemoAccount[] = [];
  const taken = new Set<string>();
  let pid = 1_000_000;

  for (const entity of entities) {
    const r = rng(`world:${entity.slug}`);
    const code = codeFor(entity.slug, taken);
    const officialPlatforms: Platform[] = ["x", "instagram"];
    if (r() < 0.6) officialPlatforms.push("youtube");
    if (r() < 0.5) officialPlatforms.push("facebook");
    if (r() < 0.25) officialPlatforms.push("mastodon");
    if (r() < 0.25) officialPlatforms.push("bluesky");
    if (entity.website) officialPlatforms.push("rss");
    const failingEntity = r() < 0.45;

    const officialKeys = new Map<Platform, string>();
    for (const platform of officialPlatforms) {
      const handle = handleFor(platform, `dm_${code}`, entity.slug);
      const key = `${entity.slug}:${platform}:${handle}`;
      officialKeys.set(platform, key);
      const verified = platform !== "rss" && r() < 0.7;
      accounts.push({
        key,
        entitySlug: entity.slug,
        platform,
        handle,
        platformId: String(pid++),
        class: "official",
        holderName: null,
        holderTitle: null,
        managedBy: null,
        linkedOfficialKey: null,
        handoverPlan: null,
        verificationRequested: !verified && r() < 0.5,
        displayName: platform === "rss" ? `${entity.nameAr} — الأخبار` : entity.nameAr,
        bio:
          platform === "rss"
            ? `${entity.nameEn} news feed`
            : `الحساب الرسمي لـ${entity.nameAr} | Official account of the ${entity.nameEn}` +
              (entity.website ? ` | ${entity.website}` : ""),
        verified,
        followers: Math.floor(2000 + r() * 400_000),
        profileCreatedAt: DEMO_EPOCH - Math.floor((365 * 3 + r() * 365 * 8) * DAY),
        status: "active",
        ownership: ownershipFor(r, entity, "official", failingEntity && r() < 0.7),
        postsPerDay: platform === "rss" ? 1 : Math.round((1 + r() * 5) * 10) / 10,
      });
    }

    // Executives: the head of the entity, sometimes a deputy too.
    const execCount = r() < 0.3 ? 2 : 1;
    for (let e = 0; e < execCount; e++) {
      const p = person(r);
      const platform: Platform = e === 0 ? "x" : "instagram";
      const handle = handleFor(platform, `dm_${code}_ex${e + 1}`, entity.slug);
      const [titleAr, titleEn] = e === 0 ? EXEC_TITLES[entity.kind] : ["الوكيل", "Undersecretary"];
      const hasDisclaimer = r() < 0.6;
      const showsTitle = r() < 0.6;
      const bioParts = [
        showsTitle ? `${titleAr} ${entity.nameAr}` : "مهتم بالتنمية والعمل الحكومي",
        hasDisclaimer ? pick(r, DISCLAIMERS_AR) : "",
        r() < 0.25 && entity.emailDomains[0] ? `${p.latin}@${entity.emailDomains[0]}` : "",
        r() < 0.3 ? (hasDisclaimer ? pick(r, DISCLAIMERS_EN) : `${titleEn}, ${entity.nameEn}`) : "",
      ].filter(Boolean);
      accounts.push({
        key: `${entity.slug}:${platform}:${handle}`,
        entitySlug: entity.slug,
        platform,
        handle,
        platformId: String(pid++),
        class: "executive",
        holderName: p.ar,
        holderTitle: `${titleAr} / ${titleEn}`,
        managedBy: r() < 0.6 ? "المكتب الإعلامي / Media office" : null,
        linkedOfficialKey: r() < 0.8 ? (officialKeys.get(platform) ?? null) : null,
        handoverPlan: r() < 0.5 ? "يُسلَّم الحساب الرسمي فقط؛ الحساب الشخصي يبقى لصاحبه" : null,
        verificationRequested: false,
        displayName: p.ar,
        bio: bioParts.join(" | "),
        verified: r() < 0.5,
        followers: Math.floor(500 + r() * 80_000),
        profileCreatedAt: DEMO_EPOCH - Math.floor((365 + r() * 365 * 10) * DAY),
        status: "active",
        ownership: ownershipFor(r, entity, "executive", false),
        postsPerDay: Math.round((0.3 + r() * 2) * 10) / 10,
      });
    }

    // Employees' personal accounts registered with the entity.
    const empCount = 2 + Math.floor(r() * 2);
    for (let e = 0; e < empCount; e++) {
      const p = person(r);
      const platform: Platform = pick(r, ["x", "instagram", "x", "bluesky"] as const);
      const handle = handleFor(platform, `dm_${code}_em${e + 1}`, entity.slug);
      const hasDisclaimer = r() < 0.55;
      const workEmail = r() < 0.2 && entity.emailDomains[0];
      const bioParts = [
        r() < 0.5 ? `موظف في ${entity.nameAr}` : pick(r, ["أب وقارئ", "مهتمة بالتصوير", "رياضي", "Coffee and books"]),
        hasDisclaimer ? pick(r, [...DISCLAIMERS_AR, ...DISCLAIMERS_EN]) : "",
        workEmail ? `${p.latin}@${entity.emailDomains[0]}` : "",
      ].filter(Boolean);
      accounts.push({
        key: `${entity.slug}:${platform}:${handle}`,
        entitySlug: entity.slug,
        platform,
        handle,
        platformId: String(pid++),
        class: "employee",
        holderName: p.ar,
        holderTitle: null,
        managedBy: null,
        linkedOfficialKey: null,
        handoverPlan: null,
        verificationRequested: false,
        displayName: p.ar,
        bio: bioParts.join(" · "),
        verified: false,
        followers: Math.floor(50 + r() * 5000),
        profileCreatedAt: DEMO_EPOCH - Math.floor((200 + r() * 365 * 8) * DAY),
        status: "active",
        ownership: ownershipFor(r, entity, "employee", false),
        postsPerDay: Math.round((0.2 + r() * 1.5) * 10) / 10,
      });
    }
  }
  return { entities, accounts };
}
