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
}

export function dirOf(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

const instances = new WeakMap<Resources, I18n>();

function instanceFor(locale: Locale, resources: Resources): I18n {
  let inst = instances.get(resources);
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
    instances.set(resources, inst);
  }
  return inst;
}

export function makeT(locale: Locale, resources: Resources, ns: string): TFn {
  const t = instanceFor(locale, resources).getFixedT(locale, ns);
  return (key, options) => String(t(key, options as TOptions));
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
  const { locale, resources } = useI18n();
  return makeT(locale, resources, ns);
}
