/**
 * What the watch asks each platform's search for one entity: its Arabic and English names, short
 * names (the web domain's first label, the English acronym), its registered handles, and a few
 * look-alike spellings of the Arabic name. Platforms differ in what a query may hold: X accepts only
 * `[A-Za-z0-9_' ]{1,50}` (no Arabic), so its queries are filtered here. Pure.
 */
import type { Platform } from "../enums";
import { confusableNames } from "./confusables";
import { handleCore } from "./variants";

export interface EntityNames {
  slug: string;
  nameAr: string;
  nameEn: string;
  website: string | null;
  emailDomains: readonly string[];
}

const SMALL = new Set(["of", "and", "the", "for", "&", "in"]);

/** Domain labels and the English acronym of three words or more: "moh" (moh.gov.bh), "lmra" (Labour Market Regulatory Authority). */
export function shortNames(e: EntityNames): string[] {
  const out = new Set<string>();
  for (const d of [e.website, ...e.emailDomains]) {
    const label = d?.toLowerCase().replace(/^https?:\/\//, "").replace(/^www\./, "").split(".")[0];
    if (label && label.length >= 3 && label.length <= 15 && /^[a-z0-9-]+$/.test(label)) out.add(label);
  }
  const words = e.nameEn.replace(/\(.*?\)/g, " ").split(/[^A-Za-z]+/).filter((w) => w && !SMALL.has(w.toLowerCase()));
  const acronym = words.map((w) => w[0]).join("").toLowerCase();
  if (words.length >= 3) out.add(acronym);
  return [...out];
}

/** The entity's own web and email domains, lower case. */
export function entityDomains(e: EntityNames): string[] {
  return [...new Set([e.website, ...e.emailDomains].filter((d): d is string => !!d).map((d) => d.toLowerCase().replace(/^https?:\/\//, "").replace(/^www\./, "").replace(/\/.*$/, "")))];
}

/** X's users/search accepts only Latin letters, digits, underscore, apostrophe and space, 1–50 long. */
export const X_QUERY = /^[A-Za-z0-9_' ]{1,50}$/;

function xSafe(q: string): string | null {
  const s = q
    .replace(/[^A-Za-z0-9_' ]+/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 50)
    .trim();
  return s && X_QUERY.test(s) ? s : null;
}

/**
 * Queries for one entity on one platform, most telling first, without duplicates. `handles` are the
 * entity's registered handles (any platform). Budgeted platforms take the head of the list.
 */
export function searchQueries(platform: Platform, e: EntityNames, handles: readonly { platform: Platform; handle: string }[]): string[] {
  const out: string[] = [];
  const add = (q: string | null | undefined) => {
    const s = q?.trim();
    if (s && !out.some((x) => x.toLowerCase() === s.toLowerCase())) out.push(s);
  };
  const all = [...new Set(handles.filter((h) => h.platform !== "rss").map((h) => handleCore(h.platform, h.handle)))];
  // Searches match inside handles: "dm_health" already finds "dm_health_ex1".
  const cores = all.filter((h) => !all.some((o) => o !== h && h.includes(o)));
  if (platform === "x") {
    add(xSafe(e.nameEn.replace(/\(.*?\)/g, " ")));
    for (const s of shortNames(e)) add(xSafe(s));
    for (const h of cores) add(xSafe(h));
    return out;
  }
  add(e.nameAr);
  add(e.nameEn.replace(/\(.*?\)/g, " ").replace(/\s+/g, " "));
  for (const h of cores) add(h);
  for (const s of shortNames(e)) add(s);
  // Look-alike spellings of the Arabic name: search engines index the letters as typed.
  for (const v of confusableNames(e.nameAr, 2)) add(v);
  return out;
}
