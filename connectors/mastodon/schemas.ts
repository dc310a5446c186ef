/**
 * The parts of Mastodon entities the connector reads (zod; unknown keys pass through raw).
 * Nullability as the API documentation gives it (Account.url, Status.url, language, edited_at,
 * in_reply_to_id, reblog, moved, verified_at are nullable); ids are strings, not always numbers.
 */
import { z } from "zod";

export const account = z.looseObject({
  id: z.string().min(1),
  username: z.string(),
  acct: z.string(),
  uri: z.string().optional(),
  display_name: z.string().optional(),
  note: z.string().optional(),
  url: z.string().nullable().optional(),
  avatar: z.string().optional(),
  created_at: z.string().optional(),
  followers_count: z.number().optional(),
  last_status_at: z.string().nullable().optional(),
  discoverable: z.boolean().nullable().optional(),
  suspended: z.boolean().optional(),
  moved: z.looseObject({ acct: z.string() }).nullable().optional(),
  fields: z.array(z.looseObject({ name: z.string(), value: z.string(), verified_at: z.string().nullable().optional() })).optional(),
});

export const status = z.looseObject({
  id: z.string().min(1),
  created_at: z.string(),
  edited_at: z.string().nullable().optional(),
  language: z.string().nullable().optional(),
  url: z.string().nullable().optional(),
  uri: z.string().optional(),
  in_reply_to_id: z.string().nullable().optional(),
  content: z.string(),
  spoiler_text: z.string().optional(),
  visibility: z.string().optional(),
  reblog: z.unknown().optional(),
});

export const statuses = z.array(status);

/** GET /api/v2/search: the Search entity (statuses and hashtags are not read here). */
export const search = z.looseObject({ accounts: z.array(account), statuses: z.array(z.unknown()).optional(), hashtags: z.array(z.unknown()).optional() });

export type Account = z.infer<typeof account>;
export type Status = z.infer<typeof status>;
