/**
 * The outbound guard (connectors/rss checkFeedUrl) as registering an RSS account uses it: the
 * account form and the CSV import refuse a feed URL it refuses, naming the reason. Whether the
 * host is resolved follows RSS_CHECK_DNS (core/config.ts): the demo's and tests' sandbox feeds are
 * on *.invalid hosts, which never resolve, so there only the scheme, the port and IP literals are
 * checked. Fetches are guarded address by address either way.
 */
import { config, rssRegistrationDns } from "../core/config";
import { checkFeedUrl } from "../connectors/rss";
import type { CheckResult } from "../connectors/net-guard";

export type FeedCheck = (url: string) => Promise<CheckResult>;

export function checkFeedForRegistration(url: string): Promise<CheckResult> {
  return checkFeedUrl(url, { dns: rssRegistrationDns(config()) });
}
