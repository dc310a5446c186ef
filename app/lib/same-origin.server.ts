/**
 * Refuses state-changing requests sent by another site's page. The session cookie is SameSite=Lax,
 * which already keeps it off cross-site POSTs in current browsers; this checks the Origin header
 * too (browsers send it on every POST), so an older or misconfigured browser is covered as well.
 * Requests without Origin (CLI tools, server-to-server) are left to the session check.
 */
import type { NextFunction, Request, Response } from "express";

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export function sameOriginWrites(req: Request, res: Response, next: NextFunction): void {
  const origin = req.headers.origin;
  if (SAFE.has(req.method) || origin === undefined) return next();
  let host: string | null = null;
  try {
    host = origin === "null" ? null : new URL(origin).host;
  } catch {
    host = null;
  }
  // A reverse proxy may rewrite Host and pass the original on; a cross-site form cannot set either.
  const forwarded = req.headers["x-forwarded-host"];
  const allowed = [req.headers.host, ...(typeof forwarded === "string" ? forwarded.split(",").map((h) => h.trim()) : [])];
  if (host !== null && allowed.includes(host)) return next();
  res.status(403).type("text/plain; charset=utf-8").send(`Refused: a ${req.method} from another site (Origin: ${origin.slice(0, 200)}).`);
}
