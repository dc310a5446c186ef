/** The parts of X API v2 responses the connector relies on (zod; unknown keys pass through raw). */
import { z } from "zod";

export const problem = z.looseObject({
  type: z.string().optional(),
  title: z.string().optional(),
  detail: z.string().optional(),
  resource_id: z.string().optional(),
  value: z.string().optional(),
});

export const user = z.looseObject({
  id: z.string().regex(/^\d{1,19}$/),
  name: z.string(),
  username: z.string(),
  created_at: z.string().optional(),
  description: z.string().optional(),
  url: z.string().optional(),
  verified: z.boolean().optional(),
  verified_type: z.string().optional(),
  profile_image_url: z.string().optional(),
  protected: z.boolean().optional(),
  parody: z.boolean().optional(),
  public_metrics: z.looseObject({ followers_count: z.number() }).optional(),
  entities: z
    .looseObject({
      url: z.looseObject({ urls: z.array(z.looseObject({ expanded_url: z.string().optional(), url: z.string() })).optional() }).optional(),
      description: z.looseObject({ urls: z.array(z.looseObject({ expanded_url: z.string().optional(), url: z.string() })).optional() }).optional(),
    })
    .optional(),
});

export const userResponse = z.looseObject({ data: user.optional(), errors: z.array(problem).optional() });

/** users/search and users/by: users found (absent when none) and per-username problems. */
export const usersResponse = z.looseObject({
  data: z.array(user).optional(),
  errors: z.array(problem).optional(),
  meta: z.looseObject({ next_token: z.string().optional() }).optional(),
});

export const post = z.looseObject({
  id: z.string().regex(/^\d{1,19}$/),
  text: z.string(),
  created_at: z.string(),
  lang: z.string().optional(),
  author_id: z.string().optional(),
  // Wire format says tweet_ids; the newest OpenAPI renames to post_ids. Accept both.
  edit_history_tweet_ids: z.array(z.string()).optional(),
  edit_history_post_ids: z.array(z.string()).optional(),
  // A long post's whole text (its `text` is cut near 270 characters); note_post in the OpenAPI.
  note_tweet: z.looseObject({ text: z.string() }).optional(),
  note_post: z.looseObject({ text: z.string() }).optional(),
});

export const timelineResponse = z.looseObject({
  data: z.array(post).optional(),
  errors: z.array(problem).optional(),
  meta: z
    .looseObject({
      result_count: z.number().optional(),
      newest_id: z.string().optional(),
      oldest_id: z.string().optional(),
      next_token: z.string().optional(),
    })
    .optional(),
});

export const postsResponse = z.looseObject({ data: z.array(post).optional(), errors: z.array(problem).optional() });

export type XPost = z.infer<typeof post>;
export type XUser = z.infer<typeof user>;
