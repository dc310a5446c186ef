/**
 * Platform credentials, sealed at rest with core/seal.ts (AES-256-GCM) in platform_credentials.
 * Never log a PlatformCredentials object; use describeCredentials() for messages.
 */
import { openJson, sealJson } from "../core/seal";

/**
 * What each platform needs (see docs/platform-credentials.md):
 * - x: bearerToken (app-only, pay-per-use); userToken optional (OAuth 2.0 user context, which
 *   users/search requires: X refuses app-only tokens there)
 * - facebook: accessToken (Page or system-user token with Page Public Content Access)
 * - instagram: accessToken + igUserId (our own IG professional account, used for business discovery)
 * - youtube: apiKey
 * - mastodon: accessToken optional (public timelines need none)
 * - bluesky, rss: none
 */
export interface PlatformCredentials {
  bearerToken?: string;
  /** X: an OAuth 2.0 user-context token (users.read), used only for users/search. */
  userToken?: string;
  accessToken?: string;
  igUserId?: string;
  apiKey?: string;
}

export {
  CREDENTIALS_KEY_ENV,
  parseKey,
  sealKeyFromEnv as credentialsKeyFromEnv,
  SealKeyError as CredentialsKeyError,
  SealTampered as CredentialsTampered,
} from "../core/seal";

export function sealCredentials(obj: PlatformCredentials, key: Buffer | string): string {
  return sealJson(obj, key);
}

export function openCredentials(sealed: string, key: Buffer | string): PlatformCredentials {
  return openJson(sealed, key) as PlatformCredentials;
}

/** Secret values to scrub from messages. */
export function secretValues(c: PlatformCredentials | undefined): string[] {
  if (!c) return [];
  return [c.bearerToken, c.userToken, c.accessToken, c.apiKey].filter((v): v is string => typeof v === "string" && v.length > 0);
}

/** Safe description for logs: which fields are set, never their values. */
export function describeCredentials(c: PlatformCredentials | undefined): string {
  if (!c) return "none";
  const set = Object.entries(c)
    .filter(([, v]) => v)
    .map(([k]) => k);
  return set.length ? set.join(", ") : "none";
}
