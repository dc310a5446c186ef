/**
 * Client-side navigation for plain links inside large tables: one click handler on the container
 * instead of a Remix <Link> per cell (each Link runs several hooks during server rendering, which
 * showed in profiles of the 60-entity comparison). Modified clicks keep the browser's behaviour.
 */
import { useNavigate } from "@remix-run/react";
import type { MouseEvent } from "react";

export function useTableNav(): (e: MouseEvent<HTMLElement>) => void {
  const navigate = useNavigate();
  return (e) => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as HTMLElement).closest?.("a[href]") as HTMLAnchorElement | null;
    if (!a || !e.currentTarget.contains(a) || (a.target && a.target !== "_self") || a.hasAttribute("download")) return;
    const url = new URL(a.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
}
