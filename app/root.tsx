import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { json } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, type ReactNode } from "react";
import plex400 from "@fontsource/ibm-plex-sans-arabic/400.css";
import plex500 from "@fontsource/ibm-plex-sans-arabic/500.css";
import plex600 from "@fontsource/ibm-plex-sans-arabic/600.css";
import plex700 from "@fontsource/ibm-plex-sans-arabic/700.css";
import naskh400 from "@fontsource/noto-naskh-arabic/400.css";
import appCss from "~/styles/app.css";
import { db } from "~/lib/db.server";
import { entityName } from "../db/read/entities";
import { getUser } from "~/lib/permissions.server";
import { getLocale, pageResources } from "~/lib/i18n.server";
import { dirOf, makeT, namespacesFor, type I18nData } from "~/lib/i18n";
import { AppShell } from "~/components/AppShell";
import { ErrorPage } from "~/components/ErrorPage";
import { useNonce } from "~/lib/nonce";
import { config as zodConfig } from "zod";

// In the browser zod probes `new Function("")` to decide whether to compile its parsers; the CSP
// (app/lib/csp.server.ts) allows no eval, so say so before any route module parses (this module
// is evaluated first) and nothing is reported. The server keeps zod's compiled parsers.
if (typeof document !== "undefined") zodConfig({ jitless: true });

export const links: LinksFunction = () => [
  // Fonts are bundled from npm (@fontsource): no CDN, works offline.
  ...[plex400, plex500, plex600, plex700, naskh400].map((href) => ({ rel: "stylesheet", href })),
  { rel: "stylesheet", href: appCss },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction = () => [{ title: "أمانة · Amanah" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const locale = await getLocale(request, user);
  // Only the namespaces this page needs (translations are cached in memory per process).
  const { resources, key } = pageResources(locale, namespacesFor(new URL(request.url).pathname));
  const i18n: I18nData = { locale, dir: dirOf(locale), resources, key };
  const entity = user?.entityId ? entityName(db(), user.entityId) : undefined;
  const shellUser = user ? { ...user, entityName: entity ? (locale === "ar" ? entity.nameAr : entity.nameEn) : null } : null;
  return json({ user: shellUser, i18n, demo: process.env.AMANAH_DEMO === "1" });
}

/**
 * Reload root data after actions and search changes as usual, and when the next page needs other
 * translations; not after the check page's live preview (it changes nothing and runs as you type).
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, formAction, defaultShouldRevalidate }) =>
  formAction === "/check/live"
    ? false
    : defaultShouldRevalidate || String(namespacesFor(currentUrl.pathname)) !== String(namespacesFor(nextUrl.pathname));

export type RootData = Awaited<ReturnType<typeof loader>> extends { json(): Promise<infer T> } ? T : never;

export function Document({ children, i18n }: { children: ReactNode; i18n: I18nData }) {
  const nonce = useNonce();
  // A marker end-to-end tests wait for before interacting (events before hydration can be lost).
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={i18n.locale} dir={i18n.dir}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const data = useRouteLoaderData<typeof loader>("root")!;
  return (
    <Document i18n={data.i18n}>
      <AppShell user={data.user} demo={data.demo}>
        <Outlet />
      </AppShell>
    </Document>
  );
}

const FALLBACK: I18nData = { locale: "ar", dir: "rtl", resources: {} };

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<typeof loader>("root");
  const i18n = data?.i18n ?? FALLBACK;
  const t = makeT(i18n.locale, i18n.resources, "common", i18n.key);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return (
    <Document i18n={i18n}>
      <AppShell user={data?.user ?? null} demo={data?.demo ?? false}>
        <ErrorPage status={status} t={t} />
      </AppShell>
    </Document>
  );
}
