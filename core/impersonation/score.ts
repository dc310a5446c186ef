/**
 * Scores an account found on a platform as a possible impostor of an entity's registered accounts:
 * 0–1 with the reasons, strongest first. Resemblance (handle skeleton distance, display name on
 * normalised Arabic) makes most of the score; claims of officialness in the bio, a gov.bh link that
 * is not the entity's and a young account add to it; a government badge and parody or fan wording
 * take it down. Accounts in the registry are ours and never reach the scorer. Pure.
 */
import type { Platform } from "../enums";
import { foldConfusables, hasConfusables } from "./confusables";
import { handleSimilarity, nameSimilarity, foldName, type HandleMatch } from "./similarity";

/** A candidate at or above this score raises an `impersonation.suspected` alert. */
export const ALERT_THRESHOLD = 0.6;
/** Below this a found account is not kept as a candidate at all. */
export const MIN_CANDIDATE_SCORE = 0.35;

const DAY = 86_400_000;

export interface FoundProfile {
  platform: Platform;
  handle: string;
  displayName: string | null;
  bio: string | null;
  /** Links the profile shows (website field, links in the bio). */
  links: readonly string[];
  /** When the account was created (epoch ms), where the platform says. */
  createdAt: number | null;
  /** X's verified_type ("government", "business", "blue", "none"), where the platform says. */
  verifiedType?: string | null;
  /** The platform labels the account a parody (X `parody`). */
  parody?: boolean | null;
}

/** A registered account of the entity a candidate may imitate. */
export interface ScoreTarget {
  accountId: number;
  platform: Platform;
  handle: string;
  displayName: string | null;
}

export interface EntityIdentity {
  nameAr: string;
  nameEn: string;
  /** Acronyms and domain labels ("moh", "mofa"). */
  shortNames: readonly string[];
  /** The entity's own web and email domains. */
  domains: readonly string[];
}

export const REASON_CODES = [
  "handle-lookalike",
  "handle-affix",
  "handle-contains",
  "handle-edit",
  "handle-short-name",
  "name-copy",
  "name-confusable",
  "bio-official",
  "bio-entity-name",
  "gov-link",
  "new-account",
  "young-account",
  "old-account",
  "government-badge",
  "parody",
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** What the reason added to (or took from) the score. */
  weight: number;
  /** The handle or name it resembles, the phrase or domain found, the age in days. */
  detail?: string;
}

export interface CandidateScore {
  score: number;
  /** The registered account it resembles most (null when it resembles only the entity's names). */
  target: ScoreTarget | null;
  reasons: Reason[];
}

// Folded with foldName, so Arabic spelling variants and look-alikes meet.
const OFFICIAL_CLAIMS = [
  "الحساب الرسمي", "حساب رسمي", "الصفحه الرسميه", "القناه الرسميه", "الحساب الرسمي الوحيد", "رسمي",
  "official account", "official page", "official channel", "the official", "official",
  "verified account", "الموثق",
];
const PARODY_MARKERS = [
  "parody", "satire", "satirical", "fan account", "fan page", "fanpage", "unofficial", "not official", "not the official",
  "not affiliated", "no affiliation", "ساخر", "ساخره", "سخريه", "محاكاه", "غير رسمي", "ليس رسمي", "ليس الحساب الرسمي",
  "حساب معجبين", "معجبين", "لا يمثل", "لا يتبع",
];

function phraseIn(foldedText: string, phrases: readonly string[]): string | null {
  const padded = ` ${foldedText.replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  for (const p of phrases) {
    const fp = foldName(p).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
    if (fp && padded.includes(` ${fp} `)) return p;
  }
  return null;
}

/** Host names in links and in bio text (lower case, no www.). */
export function hostsOf(links: readonly string[], text: string | null): string[] {
  const out = new Set<string>();
  const add = (raw: string) => {
    const s = raw.trim().replace(/[),.;:!?،]+$/, "");
    try {
      const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(s) ? s : `https://${s}`);
      if (u.hostname.includes(".")) out.add(u.hostname.toLowerCase().replace(/^www\./, ""));
    } catch {
      /* not a link */
    }
  };
  links.forEach(add);
  for (const m of (text ?? "").matchAll(/(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s]*)?/gi)) add(m[0]);
  return [...out];
}

export function underDomain(host: string, domain: string): boolean {
  const d = domain.toLowerCase().replace(/^www\./, "");
  return host === d || host.endsWith(`.${d}`);
}

/** A government-looking host that is not the entity's: *.gov.bh elsewhere, or gov.bh dressed up (moh-gov-bh.com). */
function foreignGovHost(hosts: readonly string[], own: readonly string[]): string | null {
  for (const h of hosts) {
    if (own.some((d) => underDomain(h, d))) continue;
    if (/(^|\.)gov\.bh$/.test(h) || /gov[-.]?bh/.test(h.replace(/\.gov\.bh$/, "")) || own.some((d) => h.includes(d.split(".")[0]) && /gov/.test(h))) return h;
  }
  return null;
}

function handleReason(m: HandleMatch, of: string): Reason | null {
  switch (m.kind) {
    case "same":
    case "lookalike":
      return { code: "handle-lookalike", weight: 0, detail: of };
    case "affix":
      return { code: "handle-affix", weight: 0, detail: of };
    case "contains":
      return { code: "handle-contains", weight: 0, detail: of };
    case "edit":
      return m.sim >= 0.6 ? { code: "handle-edit", weight: 0, detail: `${of} (${m.distance})` } : null;
  }
}

/**
 * The candidate's score against the entity: the best resemblance over its registered accounts and
 * names, then the bio, link, age and badge signals.
 */
export function scoreCandidate(c: FoundProfile, targets: readonly ScoreTarget[], entity: EntityIdentity, now: number): CandidateScore {
  const reasons: Reason[] = [];

  // Handle: the closest registered handle (same platform first on ties), then the short names.
  let hBest = 0;
  let hMatch: HandleMatch | null = null;
  let target: ScoreTarget | null = null;
  for (const t of targets) {
    const m = handleSimilarity(c.platform, c.handle, t.handle);
    const better = m.sim > hBest || (m.sim === hBest && m.sim > 0 && t.platform === c.platform && target?.platform !== c.platform);
    if (better) {
      hBest = m.sim;
      hMatch = m;
      target = t;
    }
  }
  let hReason = hMatch && target ? handleReason(hMatch, target.handle) : null;
  for (const s of entity.shortNames) {
    if (s.length < 3) continue;
    const m = handleSimilarity(c.platform, c.handle, s);
    // A short name alone is weaker evidence than a copied handle.
    const sim = m.kind === "edit" ? 0 : Math.min(m.sim, 0.78);
    if (sim > hBest) {
      hBest = sim;
      hReason = { code: "handle-short-name", weight: 0, detail: s };
    }
  }

  // Display name: the entity's names and each registered account's display name.
  let nBest = 0;
  let nOf = "";
  const names: { name: string; target: ScoreTarget | null }[] = [
    { name: entity.nameAr, target: null },
    { name: entity.nameEn, target: null },
    ...targets.filter((t) => t.displayName).map((t) => ({ name: t.displayName!, target: t })),
  ];
  for (const n of names) {
    const sim = nameSimilarity(c.displayName, n.name);
    if (sim > nBest) {
      nBest = sim;
      nOf = n.name;
      if (n.target && (!target || hBest < 0.6)) target = n.target;
    }
  }
  for (const s of entity.shortNames) {
    if (s.length >= 3 && c.displayName && foldName(c.displayName).split(/[^\p{L}\p{N}]+/u).includes(foldName(s)) && 0.6 > nBest) {
      nBest = 0.6;
      nOf = s;
    }
  }

  const hi = Math.max(hBest, nBest);
  const lo = Math.min(hBest, nBest);
  let score = 0.62 * hi + 0.2 * lo;
  if (hReason && hBest >= 0.6) reasons.push({ ...hReason, weight: round(hBest >= nBest ? 0.62 * hBest : 0.2 * hBest) });
  if (nBest >= 0.5) reasons.push({ code: "name-copy", weight: round(nBest > hBest ? 0.62 * nBest : 0.2 * nBest), detail: nOf });
  if (c.displayName && nBest >= 0.5 && hasConfusables(c.displayName) && foldConfusables(c.displayName) !== c.displayName.toLowerCase()) {
    reasons.push({ code: "name-confusable", weight: 0.05, detail: c.displayName });
    score += 0.05;
  }
  if (hi < 0.4) {
    // Nothing resembles the entity: other signals cannot make an impostor of it.
    return { score: round(clamp(score)), target, reasons };
  }

  const bio = foldName(c.bio ?? "");
  const parody = c.parody ? "parody" : phraseIn(bio, PARODY_MARKERS) ?? phraseIn(foldName(c.displayName ?? ""), PARODY_MARKERS);
  const claim = phraseIn(bio, OFFICIAL_CLAIMS) ?? phraseIn(foldName(c.displayName ?? ""), OFFICIAL_CLAIMS);
  if (claim && !parody) {
    reasons.push({ code: "bio-official", weight: 0.12, detail: claim });
    score += 0.12;
  }
  if (c.bio && Math.max(nameSimilarity(c.bio, entity.nameAr), nameSimilarity(c.bio, entity.nameEn)) >= 0.85) {
    reasons.push({ code: "bio-entity-name", weight: 0.05 });
    score += 0.05;
  }
  const gov = foreignGovHost(hostsOf(c.links, c.bio), entity.domains);
  if (gov) {
    reasons.push({ code: "gov-link", weight: 0.12, detail: gov });
    score += 0.12;
  }
  if (c.createdAt !== null) {
    const days = Math.max(0, Math.floor((now - c.createdAt) / DAY));
    if (days < 90) {
      reasons.push({ code: "new-account", weight: 0.12, detail: String(days) });
      score += 0.12;
    } else if (days < 365) {
      reasons.push({ code: "young-account", weight: 0.06, detail: String(days) });
      score += 0.06;
    } else if (days > 5 * 365) {
      reasons.push({ code: "old-account", weight: -0.05, detail: String(days) });
      score -= 0.05;
    }
  }
  if (c.verifiedType === "government") {
    reasons.push({ code: "government-badge", weight: -0.3 });
    score -= 0.3;
  }
  if (parody) {
    // A declared parody or fan account is not an impostor: it may still be listed, never alerted.
    const capped = Math.min(score * 0.35, ALERT_THRESHOLD / 2);
    reasons.push({ code: "parody", weight: round(capped - score), detail: parody });
    score = capped;
  }
  reasons.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  return { score: round(clamp(score)), target, reasons };
}

const clamp = (x: number) => Math.max(0, Math.min(1, x));
const round = (x: number) => Math.round(x * 100) / 100;
