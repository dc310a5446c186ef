/**
 * Content-Security-Policy of every HTML response (set in entry.server.tsx). Scripts: our bundles
 * ('self') and Remix's inline ones, which carry this response's nonce; nothing else, so markup
 * injected into a page cannot run script. Styles: 'unsafe-inline' is needed for the style
 * attributes React writes (style={…} in our components, recharts' SVG), which a nonce cannot
 * cover; style cannot run script. The browser bundle runs zod jitless (entry.client.tsx): no eval. No framing (frame-ancestors), no <base> (base-uri), forms post
 * only here (form-action), no plugins (object-src). A page served from the page cache
 * (page-cache.server.ts) replays its header with the body, so nonce and markup still agree; the
 * cached markup is what was rendered with that nonce, so reuse gives an injection nothing new.
 */
import { randomBytes } from "node:crypto";

export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    // The report preview's HTML embeds its fonts as data: URLs (the same HTML is printed to PDF offline).
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}
