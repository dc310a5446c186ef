import { NavLink } from "@remix-run/react";

export interface Tab {
  to: string;
  label: string;
  /** Match only this exact path (the overview tab). */
  end?: boolean;
}

export function Tabs({ tabs, label }: { tabs: Tab[]; label: string }) {
  return (
    <nav className="tabs" aria-label={label}>
      {tabs.map((t) => (
        <NavLink key={t.to} to={t.to} end={t.end} prefetch="intent">
          {t.label}
        </NavLink>
      ))}
    </nav>
  );
}
