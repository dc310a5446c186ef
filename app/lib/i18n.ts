/**
 * Client-safe i18n. The root loader ships `{ locale, dir, resources }` for the current language;
 * `useT(ns)` returns a translate function backed by an i18next instance built from them.
 * Keys use i18next syntax: `t("key", { count, name })` with `{{name}}` interpolation and plurals.
 */
import i18next, { type i18n as I18n, type TOptions } from "i18next";
import { useRouteLoaderData } from "@remix-run/react";

export const LOCALES = ["ar", "en"] as const;
export type Locale = (typeof LOCALES)[number];
export type Resources = Record<string, Record<string, unknown>>;
export type TFn = (key: string, options?: TOptions) => string;

export interface I18nData {
  locale: Locale;
  dir: "rtl" | "ltr";
  resources: Resources;
  /** Identifies the resources' content (locale, namespaces, file versions): translators are cached by it. */
  key?: string;
}

/**
 * The namespaces a page needs, by path (null: every namespace). The root loader ships only these,
 * and root's shouldRevalidate reloads them when a client-side navigation needs another set.
 */
export function namespacesFor(pathname: string): string[] | null {
  const [, seg = "", sub = ""] = pathname.split("/");
  switch (seg) {
    case "entities":
      return ["common", "dashboard", "registry", "impersonation"];
    case "accounts":
      return ["common", "dashboard", "registry"];
    case "compare":
    case "executives":
      return ["common", "dashboard"];
    case "admin":
      return sub === "outbox" ? ["common", "dashboard", "alerts"] : ["common", "dashboard"];
    case "settings":
      return sub === "tokens" ? ["common", "tokens"] : ["common", "alerts"];
    case "unsubscribe":
      return ["common", "alerts"];
    case "review":
      return ["common", "dashboard", "review"];
    case "check":
      return ["common", "dashboard", "check"];
    default:
      return null;
  }
}

export function dirOf(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

const instances = new WeakMap<Resources, I18n>();
// Loader data is decoded afresh for every server render and navigation: reuse the i18next
// instance for identical content (by key) instead of building one per request.
const byKey = new Map<string, I18n>();

function instanceFor(locale: Locale, resources: Resources, key?: string): I18n {
  let inst = instances.get(resources) ?? (key ? byKey.get(key) : undefined);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({
      lng: locale,
      fallbackLng: false,
      resources: { [locale]: resources },
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    });
    if (key) {
      if (byKey.size > 50) byKey.clear();
      byKey.set(key, inst);
    }
  }
  instances.set(resources, inst);
  return inst;
}

const fixed = new WeakMap<I18n, Map<string, TFn>>();

export function makeT(locale: Locale, resources: Resources, ns: string, key?: string): TFn {
  const inst = instanceFor(locale, resources, key);
  let perNs = fixed.get(inst);
  if (!perNs) fixed.set(inst, (perNs = new Map()));
  let fn = perNs.get(ns);
  if (!fn) {
    const t = inst.getFixedT(locale, ns);
    // Most calls are plain keys (labels, headers): remember those; interpolations go to i18next.
    const plain = new Map<string, string>();
    fn = (k, options) => {
      if (options) return String(t(k, options as TOptions));
      let v = plain.get(k);
      if (v === undefined) plain.set(k, (v = String(t(k))));
      return v;
    };
    perNs.set(ns, fn);
  }
  return fn;
}

const EMPTY: I18nData = { locale: "ar", dir: "rtl", resources: {} };

/** The current language data from the root loader (Arabic with no strings if it is missing). */
export function useI18n(): I18nData {
  const data = useRouteLoaderData("root") as { i18n?: I18nData } | undefined;
  return data?.i18n ?? EMPTY;
}

export function useLocale(): Locale {
  return useI18n().locale;
}

export function useT(ns = "common"): TFn {
  const { locale, resources, key } = useI18n();
  return makeT(locale, resources, ns, key);
}
