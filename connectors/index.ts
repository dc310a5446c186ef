/**
 * Connector factory. Base URLs are configuration: defaults are the real platforms; the sandbox is
 * reached by pointing baseUrl at it (e.g. http://127.0.0.1:4010/x). Nothing here imports the sandbox.
 */
import { BlueskyConnector } from "./bluesky";
import type { ConnectorConfig } from "./client";
import { FacebookConnector } from "./facebook";
import { InstagramConnector } from "./instagram";
import { MastodonConnector } from "./mastodon";
import { RssConnector } from "./rss";
import type { Connector, Platform } from "./types";
import { XConnector } from "./x";
import { YouTubeConnector } from "./youtube";

export type { ConnectorConfig } from "./client";
export * from "./types";
export { sealCredentials, openCredentials, credentialsKeyFromEnv } from "./credentials";

/** Throws MissingCredentials (naming platform and field) when the platform needs credentials. */
export function createConnector(platform: Platform, config: ConnectorConfig = {}): Connector {
  switch (platform) {
    case "x":
      return new XConnector(config);
    case "facebook":
      return new FacebookConnector(config);
    case "instagram":
      return new InstagramConnector(config);
    case "youtube":
      return new YouTubeConnector(config);
    case "mastodon":
      return new MastodonConnector(config);
    case "bluesky":
      return new BlueskyConnector(config);
    case "rss":
      return new RssConnector(config);
  }
}

/** One connector per configured platform; platforms absent from the map are not created. */
export function createConnectors(configs: Partial<Record<Platform, ConnectorConfig>>): Partial<Record<Platform, Connector>> {
  const out: Partial<Record<Platform, Connector>> = {};
  for (const [platform, config] of Object.entries(configs) as [Platform, ConnectorConfig][]) {
    out[platform] = createConnector(platform, config);
  }
  return out;
}

/** Base URLs for every platform on a sandbox at `origin` (e.g. http://127.0.0.1:4010). */
export function sandboxBaseUrls(origin: string, graphVersion = "v26.0"): Record<Platform, string> {
  const o = origin.replace(/\/+$/, "");
  return {
    x: `${o}/x`,
    facebook: `${o}/graph/${graphVersion}`,
    instagram: `${o}/graph/${graphVersion}`,
    youtube: `${o}/youtube/youtube/v3`,
    mastodon: `${o}/mastodon`,
    bluesky: `${o}/bluesky`,
    rss: `${o}/rss`,
  };
}
