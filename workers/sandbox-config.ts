/**
 * Connector configuration for the platform sandbox (demo and tests): every base URL on the
 * sandbox, placeholder credentials (the sandbox accepts any token that is not expired) and, for
 * Instagram Business Discovery, one of the sandbox's own IG professional accounts as "ours".
 */
import { sandboxBaseUrls } from "../connectors/index";
import type { ConnectorConfig } from "./connectors";

export function sandboxConnectorConfig(origin: string, opts: { igUserId?: string; timeoutMs?: number } = {}): ConnectorConfig {
  const base = sandboxBaseUrls(origin);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return {
    // The user-context token is what X's users/search needs (the impersonation watch).
    x: { baseUrl: base.x, credentials: { bearerToken: "sandbox-x-token", userToken: "sandbox-x-user-token" }, timeoutMs },
    facebook: { baseUrl: base.facebook, credentials: { accessToken: "sandbox-fb-token" }, timeoutMs },
    instagram: { baseUrl: base.instagram, credentials: { accessToken: "sandbox-ig-token", igUserId: opts.igUserId ?? "1000001" }, timeoutMs },
    youtube: { baseUrl: base.youtube, credentials: { apiKey: "sandbox-yt-key" }, timeoutMs },
    mastodon: { baseUrl: base.mastodon, timeoutMs },
    bluesky: { baseUrl: base.bluesky, timeoutMs },
    rss: { baseUrl: base.rss, timeoutMs },
  };
}
