/**
 * The rate gate at the HTTP level, under each connector. One connector call can send several
 * requests (pages, X's by-id rename check after a handle lookup), and a connector may swallow a
 * request's error (X's rename check does): a 429 that only the connector saw left the gate open
 * while the platform was blocking us, and the next call was sent into the block. So every request
 * is refused while the gate is closed, and every response that the platform's own error mapping
 * reads as RateLimited closes the gate, whatever the connector then does with it.
 */
import type { ErrorMapper } from "../connectors/client";
import { fallbackError } from "../connectors/errors";
import type { HttpResponse } from "../connectors/http";
import { mapBlueskyError } from "../connectors/bluesky/errors";
import { mapMastodonError } from "../connectors/mastodon/errors";
import { mapMetaError } from "../connectors/meta/errors";
import { mapXError } from "../connectors/x/errors";
import { mapYouTubeError } from "../connectors/youtube/errors";
import { RateLimited, type Platform } from "../connectors/types";
import type { RateGate } from "./rate-gate";

/** The mappers the connectors' ApiClient uses (connectors/<platform>/index.ts). */
const MAPPERS: Record<Platform, ErrorMapper> = {
  x: mapXError,
  facebook: mapMetaError("facebook"),
  instagram: mapMetaError("instagram"),
  youtube: mapYouTubeError,
  mastodon: mapMastodonError,
  bluesky: mapBlueskyError,
  rss: () => null,
};

export interface GatedFetchOptions {
  /** The fetch to wrap (default: global fetch). */
  fetch?: typeof fetch;
  /** The connector's fallback clock for responses without a Date header (as in ApiClient). */
  now?: () => number;
}

export function gatedFetch(platform: Platform, gate: RateGate, opts: GatedFetchOptions = {}): typeof fetch {
  const mapError = MAPPERS[platform] ?? (() => null);
  const now = opts.now ?? Date.now;
  return async (input, init) => {
    const closed = await gate.closedUntil(platform);
    // httpGet turns this into a Transient with the RateLimited as cause; RateGate.run unwraps it.
    if (closed !== null) throw gate.refusal(platform, closed);
    const res = await (opts.fetch ?? fetch)(input, init);
    // Every platform's rate-limit answer is a 4xx/5xx; success bodies are left unread here.
    if (res.status >= 400) {
      const text = await res
        .clone()
        .text()
        .catch(() => null); // cut or stalled body: the connector reports it
      if (text !== null) {
        const r: HttpResponse = { status: res.status, headers: res.headers, text, url: res.url };
        const t = now();
        const err = mapError(r, t, []) ?? fallbackError(platform, r, t, []);
        if (err instanceof RateLimited) await gate.close(platform, err.resetAt.getTime());
      }
    }
    return res;
  };
}
