/**
 * Connector configuration for the workers: per platform the base URL, credentials and timeout
 * handed to connectors/index.ts createConnector. Pointing base URLs at the sandbox is all the demo
 * and the tests change.
 */
import { createConnector } from "../connectors/index";
import { PLATFORMS, type Platform } from "../core/enums";
import type { Connector } from "../connectors/types";
import { CREDENTIALS_KEY_ENV, credentialsKeyFromEnv, type PlatformCredentials } from "../connectors/credentials";
import { loadCredentials } from "../db/credentials";
import type { Db } from "../db/client";
import { UnknownPlatformError, type ConnectorFactory } from "./deps";
import type { RateGate } from "./rate-gate";

export type ConnectorOptions = NonNullable<Parameters<typeof createConnector>[1]>;
export type ConnectorConfig = Partial<Record<Platform, ConnectorOptions>> & { default?: ConnectorOptions };

const known = new Set<string>(PLATFORMS);

/**
 * One connector per platform, built lazily; unknown platforms throw UnknownPlatformError. With a
 * gate, every HTTP request the connector sends is checked against it (connectors/client.ts RequestGate).
 */
export function connectorFactory(config: ConnectorConfig = {}, gate?: RateGate): ConnectorFactory {
  const cache = new Map<string, Connector>();
  return (platform) => {
    if (!known.has(platform)) throw new UnknownPlatformError(platform);
    let c = cache.get(platform);
    if (!c) {
      const opts = { ...(config.default ?? {}), ...(config[platform as Platform] ?? {}) } as ConnectorOptions;
      if (gate) opts.gate = gate;
      c = createConnector(platform as Platform, opts);
      cache.set(platform, c);
    }
    return c;
  };
}

/** Reads AMANAH_CONNECTORS (JSON ConnectorConfig) for worker processes started from the shell. */
export function connectorConfigFromEnv(env: Record<string, string | undefined> = process.env): ConnectorConfig {
  if (!env.AMANAH_CONNECTORS) return {};
  try {
    return JSON.parse(env.AMANAH_CONNECTORS) as ConnectorConfig;
  } catch (err) {
    throw new Error(`AMANAH_CONNECTORS is not valid JSON: ${(err as Error).message}`);
  }
}

/**
 * Adds credentials stored sealed in the database (db/credentials.ts) to a connector config, when
 * the process holds AMANAH_CREDENTIALS_KEY; base URLs and other options stay as configured.
 */
export function withStoredCredentials(config: ConnectorConfig, stored: Partial<Record<Platform, PlatformCredentials>>): ConnectorConfig {
  const out: ConnectorConfig = { ...config };
  for (const [platform, credentials] of Object.entries(stored) as [Platform, PlatformCredentials][]) {
    out[platform] = { ...(config[platform] ?? {}), credentials };
  }
  return out;
}

/** Config for real platforms: AMANAH_CONNECTORS (base URLs, options) plus the sealed stored credentials. */
export function configuredConnectors(db: Db, env: Record<string, string | undefined> = process.env): ConnectorConfig {
  const base = connectorConfigFromEnv(env);
  if (!env[CREDENTIALS_KEY_ENV]) return base;
  return withStoredCredentials(base, loadCredentials(db, credentialsKeyFromEnv(env)));
}
