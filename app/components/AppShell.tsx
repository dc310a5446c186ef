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
      <button type="submit" className="btn-link" lang={next} aria-label={t("switchLanguageLabel")} data-testid="lang-switch">
        {t("switchLanguage")}
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
            {NAV.filter((n) => !n.roles || n.roles.includes(user.role)).map((n) => (
              <NavLink key={n.to} to={n.to} prefetch="none">
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
