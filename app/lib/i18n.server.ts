/**
 * Server-side i18n: resources are the JSON files in app/locales/<lng>/<namespace>.json, read from
 * disk so another screen adds a namespace by dropping a file (no registry to edit). The root loader
 * sends the current language's resources to the client, where `useT` (app/lib/i18n.ts) reads them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { makeT, LOCALES, type Locale, type Resources } from "./i18n";
import { localeCookie } from "./session.server";
import type { SessionUser } from "./permissions.server";
import { db } from "./db.server";
import { setUserLocale } from "../../db/sessions";

const LOCALES_DIR = join(process.cwd(), "app", "locales");
const cache = new Map<Locale, Resources>();

/** All namespaces of a language; read from disk once per process in production (every time in dev). */
export function loadResources(locale: Locale): Resources {
  const hit = process.env.NODE_ENV === "production" ? cache.get(locale) : undefined;
  if (hit) return hit;
  const dir = join(LOCALES_DIR, locale);
  const resources: Resources = {};
  if (existsSync(dir)) {
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith(".json")) continue;
      resources[file.slice(0, -5)] = JSON.parse(readFileSync(join(dir, file), "utf8"));
    }
  }
  cache.set(locale, resources);
  return resources;
}

const picked = new Map<string, { resources: Resources; key: string }>();
let generation = 0;

/**
 * The namespaces a page needs (all with null), as one object per (language, set) kept for the
 * process, with a key that changes when the files are re-read (dev) so clients rebuild translators.
 */
export function pageResources(locale: Locale, namespaces: readonly string[] | null): { resources: Resources; key: string } {
  const all = loadResources(locale);
  const k = `${locale}:${namespaces ? [...namespaces].sort().join(",") : "*"}`;
  const hit = picked.get(k);
  if (hit && hit.key.endsWith(`#${generationOf(all)}`)) return hit;
  const resources: Resources = namespaces ? Object.fromEntries(namespaces.filter((ns) => ns in all).map((ns) => [ns, all[ns]])) : all;
  const entry = { resources, key: `${k}#${generationOf(all)}` };
  picked.set(k, entry);
  return entry;
}

const generations = new WeakMap<Resources, number>();
function generationOf(all: Resources): number {
  let g = generations.get(all);
  if (g === undefined) generations.set(all, (g = ++generation));
  return g;
}

export function isLocale(x: unknown): x is Locale {
  return typeof x === "string" && (LOCALES as readonly string[]).includes(x);
}

/** Cookie first (the visible switch), then the user's saved preference, then Arabic. */
export async function getLocale(request: Request, user?: SessionUser | null): Promise<Locale> {
  const fromCookie = await localeCookie.parse(request.headers.get("Cookie"));
  if (isLocale(fromCookie)) return fromCookie;
  if (user && isLocale(user.locale)) return user.locale;
  return "ar";
}

/** A translate function for loaders/actions (e.g. messages in JSON answers). */
export function serverT(locale: Locale, ns: string) {
  return makeT(locale, loadResources(locale), ns);
}

/** Persists the switch: long-lived cookie for everyone, and the signed-in user's `locale`. */
export async function saveLocale(user: SessionUser | null, locale: Locale): Promise<string> {
  if (user && user.locale !== locale) setUserLocale(db(), user, locale);
  return localeCookie.serialize(locale);
}
