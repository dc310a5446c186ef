/** Shared Graph API bits: default base, auth header, paging schema. */
import { z } from "zod";

/** Versioned base; the version is configuration too (the Node business SDK pins v26.0). */
export const GRAPH_DEFAULT_BASE_URL = "https://graph.facebook.com/v26.0";

export const paging = z
  .looseObject({
    cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
    next: z.string().optional(),
    previous: z.string().optional(),
  })
  .optional();

export function graphHeaders(token: string): Record<string, string> {
  // Header rather than query parameter keeps the token out of URLs (and of logged paths).
  return { authorization: `Bearer ${token}` };
}
