import { Form, NavLink, useLocation } from "@remix-run/react";
import type { ReactNode } from "react";
import type { Role } from "../../core/enums";
import { useT, useLocale } from "~/lib/i18n";

interface ShellUser {
  id: number;
  email: string;
  name: string;
  role: Role;
  entityId: number | null;
  entityName?: string | null;
}

interface NavItem {
  to: string;
  key: string;
  roles?: Role[];
  /** Only in the demo (AMANAH_DEMO=1). */
  demo?: boolean;
}

/** Later screens slot in here; links to routes that don't exist yet simply 404. */
const NAV: NavItem[] = [
  { to: "/entities", key: "entities" },
  { to: "/review", key: "review" },
  { to: "/check", key: "check" },
  { to: "/executives", key: "executives" },
  { to: "/compare", key: "compare", roles: ["csb_admin", "csb_analyst"] },
  { to: "/reports", key: "reports" },
  { to: "/health", key: "health" },
  { to: "/import", key: "import", roles: ["csb_admin"] },
  { to: "/admin", key: "admin", roles: ["csb_admin"] },
  { to: "/admin/outbox", key: "outbox", roles: ["csb_admin"], demo: true },
];

/** The user's own settings, at the end of the bar (also on narrow screens, where the name is hidden). */
const USER_LINKS: NavItem[] = [
  { to: "/settings/notifications", key: "notifications" },
  { to: "/settings/webhooks", key: "webhooks", roles: ["entity_director", "csb_admin"] },
  { to: "/settings/tokens", key: "tokens" },
];

export function LanguageSwitch() {
  const t = useT("common");
  const locale = useLocale();
  const location = useLocation();
  const next = locale === "ar" ? "en" : "ar";
  return (
    <Form method="post" action="/locale" className="lang-switch" reloadDocument>
      <input type="hidden" name="locale" value={next} />
      <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
      {/* The accessible name starts with the visible text (WCAG 2.5.3, label in name); the hidden part says what it does. */}
      <button type="submit" className="btn-link" data-testid="lang-switch">
        <span lang={next}>{t("switchLanguage")}</span>
        <span className="sr-only"> ({t("switchLanguageLabel")})</span>
      </button>
    </Form>
  );
}

export function AppShell({ user, demo, children }: { user: ShellUser | null; demo: boolean; children: ReactNode }) {
  const t = useT("common");
  return (
    <>
      <a className="skip-link" href="#main">
        {t("skipToContent")}
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <a href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              أ
            </span>
            <span className="brand-name">أمانة</span>
            <span className="brand-latin">Amanah</span>
          </a>
          {demo && <span className="pill pill-warn">{t("demoNote")}</span>}
          <div className="topbar-spacer" />
          {user && (
            <div className="topbar-user" data-testid="topbar-user">
              <bdi className="user-name">{user.name}</bdi>
              <span className="user-role">
                {t(`role.${user.role}`)}
                {user.entityName ? ` · ${user.entityName}` : ""}
              </span>
            </div>
          )}
          {!user && (
            <a href="/verify" className="btn-link topbar-link">
              {t("nav.verify")}
            </a>
          )}
          <LanguageSwitch />
          {user && (
            <Form method="post" action="/logout">
              <button type="submit" className="btn btn-quiet">
                {t("signOut")}
              </button>
            </Form>
          )}
        </div>
        {user && (
          <nav className="mainnav" aria-label="main">
            {NAV.filter((n) => (!n.roles || n.roles.includes(user.role)) && (!n.demo || demo)).map((n) => (
              // A link whose path prefixes another's (/admin, /admin/outbox) is active only on its own page.
              <NavLink key={n.to} to={n.to} prefetch="none" end={NAV.some((o) => o.to.startsWith(`${n.to}/`))}>
                {t(`nav.${n.key}`)}
              </NavLink>
            ))}
            {USER_LINKS.filter((n) => !n.roles || n.roles.includes(user.role)).map((n, i) => (
              <NavLink key={n.to} to={n.to} prefetch="none" className={i === 0 ? "nav-user" : undefined} data-testid={`user-link-${n.key}`}>
                {t(`nav.${n.key}`)}
              </NavLink>
            ))}
          </nav>
        )}
      </header>
      <div className="page">{children}</div>
    </>
  );
}
