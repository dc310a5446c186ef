/**
 * The daily impersonation and takeover watch of one entity (docs/impersonation.md):
 *
 * 1. Discovery, per platform that offers it: the platform's account search with the entity's
 *    names, short names and handles (queries rotate by day where the budget allows only a few), and
 *    batch lookups of generated look-alike handles. Each call's cost is reserved in the platform's
 *    daily budget first; a call the budget cannot cover is not sent.
 * 2. Scoring of every account found that the registry does not hold (by handle or platform id),
 *    against the entity's registered official and executive accounts and its names; candidates
 *    are upserted, and the first time one scores above the threshold an `impersonation.suspected`
 *    event is written with it.
 * 3. Takeover check of each official account (takeover-check.ts).
 *
 * A platform that rate-limits, fails or lacks credentials is noted and skipped for this run (the
 * run is then "partial"); the next day's run covers it. Every request goes through the rate gate.
 */
import { AuthFailed, ConnectorError, MissingCredentials, RateLimited, type Connector, type FoundAccount, type Platform } from "../../connectors/types";
import {
  budgetDay,
  DEFAULT_WATCH_BUDGETS,
  entityDomains,
  handleVariants,
  MIN_CANDIDATE_SCORE,
  rotate,
  scoreCandidate,
  searchQueries,
  shortNames,
  type EntityIdentity,
  type ScoreTarget,
  type WatchBudgets,
  type WatchCall,
} from "../../core/impersonation";
import {
  finishWatchRun,
  lastWatchStart,
  registryIndex,
  reserveBudget,
  saveCandidate,
  startWatchRun,
  watchedEntity,
  watchRunCount,
  type WatchAccount,
  type WatchEntity,
  type WatchRunResult,
} from "../../db/impersonation";
import { loadWorkAccount } from "../../db/ingest";
import type { JobContext, WorkerDeps } from "../deps";
import { messageOf } from "../outcome";
import { gatedConnector } from "../rate-gate";
import { recordTakeoverSignals, refreshForTakeover } from "./takeover-check";

const DAY = 86_400_000;
/** Where a first watch looks back for takeover evidence. */
export const FIRST_WINDOW_MS = 7 * DAY;

/** Platforms whose accounts can be searched or looked up in bulk. Facebook has no public Page search. */
export const DISCOVERY_PLATFORMS: readonly Platform[] = ["x", "instagram", "youtube", "bluesky", "mastodon"];

export interface WatchOptions {
  budgets?: WatchBudgets;
}

export interface WatchData {
  entityId: number;
}

export interface WatchSummary extends WatchRunResult {
  runId: number | null;
  entityId: number;
}

class BudgetExhausted extends Error {}

/** Per-run bookkeeping: what was spent, what could not be done. */
class Run {
  readonly spent: Record<string, number> = {};
  readonly notes = new Set<string>();
  constructor(
    private readonly deps: WorkerDeps,
    readonly budgets: WatchBudgets,
  ) {}

  /** Reserves one call's cost; throws BudgetExhausted (noted) when the day's allowance cannot cover it. */
  reserve(platform: Platform, call: WatchCall, times = 1): void {
    const b = this.budgets[platform];
    const cost = (b?.cost[call] ?? 0) * times;
    if (!b || cost === 0) return;
    if (!reserveBudget(this.deps.db, platform, budgetDay(platform, this.deps.clock()), cost, b.perDay)) {
      this.notes.add(`${platform}:budget`);
      throw new BudgetExhausted(`${platform} watch budget spent for today`);
    }
    this.spent[platform] = (this.spent[platform] ?? 0) + cost;
  }

  /** Notes why a platform stopped; true when the error is one of the expected kinds. */
  stopped(platform: Platform, err: unknown, what: string): boolean {
    if (err instanceof BudgetExhausted) return true;
    if (err instanceof MissingCredentials) this.notes.add(`${platform}:${what}-needs-credentials`);
    else if (err instanceof AuthFailed) this.notes.add(`${platform}:${what}-refused`);
    else if (err instanceof RateLimited) this.notes.add(`${platform}:rate-limited`);
    else if (err instanceof ConnectorError) this.notes.add(`${platform}:${err.kind}`);
    else return false;
    return true;
  }
}

function identityOf(e: WatchEntity): EntityIdentity {
  const names = { slug: e.slug, nameAr: e.nameAr, nameEn: e.nameEn, website: e.website, emailDomains: e.emailDomains };
  return { nameAr: e.nameAr, nameEn: e.nameEn, shortNames: shortNames(names), domains: entityDomains(names) };
}

/** Accounts one platform finds for the entity: searches and look-alike lookups, within budget. */
async function discover(run: Run, connector: Connector, platform: Platform, e: WatchEntity, accounts: readonly WatchAccount[], runsSoFar: number): Promise<FoundAccount[]> {
  const b = run.budgets[platform];
  const out = new Map<string, FoundAccount>();
  const own = accounts.filter((a) => a.platform === platform);
  const add = (xs: readonly FoundAccount[]) => xs.forEach((f) => out.set(f.handle.toLowerCase(), f));
  try {
    if (connector.searchAccounts && b?.cost.search) {
      const names = { slug: e.slug, nameAr: e.nameAr, nameEn: e.nameEn, website: e.website, emailDomains: e.emailDomains };
      // YouTube's searches cost 100 units: only for entities with a channel of their own.
      // Mastodon's search is per server: the servers the entity's accounts live on.
      const instances = platform === "mastodon" ? [...new Set(own.map((a) => a.handle.split("@")[1]).filter(Boolean))] : [undefined];
      const skip = (platform === "youtube" && !own.length) || (platform === "mastodon" && !instances.length);
      if (!skip) {
        // A first run asks the most telling queries; later runs take the rest in turn.
        const queries = rotate(searchQueries(platform, names, accounts), b.searchesPerEntity ?? 4, runsSoFar);
        search: for (const instance of instances) {
          for (const q of queries) {
            run.reserve(platform, "search");
            try {
              add(await connector.searchAccounts(q, { instance }));
            } catch (err) {
              // Without search (no user token, refused) the lookups below still run.
              if (err instanceof AuthFailed) {
                run.stopped(platform, err, "search");
                break search;
              }
              throw err;
            }
          }
        }
      }
    }
    if (connector.lookupHandles && b?.cost.lookup && own.length) {
      // Official handles first: when the day's budget runs out, executives' variants are what is left out.
      const limitOf = (a: WatchAccount) => (a.class === "official" ? (b.variantsPerHandle ?? 50) : (b.variantsPerExecutiveHandle ?? b.variantsPerHandle ?? 50));
      const handles = [...new Set(own.flatMap((a) => handleVariants(platform, a.handle, { limit: limitOf(a) })))];
      const batch = b.lookupBatch ?? 1;
      for (let i = 0; i < handles.length; i += batch) {
        run.reserve(platform, "lookup");
        add(await connector.lookupHandles(handles.slice(i, i + batch)));
      }
    }
  } catch (err) {
    if (!run.stopped(platform, err, "lookup")) throw err;
  }
  return [...out.values()];
}

export async function watchEntity(deps: WorkerDeps, data: WatchData, ctx: JobContext & WatchOptions = {}): Promise<WatchSummary> {
  const now = deps.clock();
  const found = watchedEntity(deps.db, data.entityId);
  if (!found) return { runId: null, entityId: data.entityId, outcome: "error", found: 0, candidates: 0, alerts: 0, takeoverFlags: 0, spent: {}, notes: ["no such entity"] };
  const { entity, accounts } = found;
  const budgets = { ...DEFAULT_WATCH_BUDGETS, ...(ctx.budgets ?? {}) };
  const run = new Run(deps, budgets);
  const runId = startWatchRun(deps.db, entity.id, ctx.jobId ?? null, now);
  const windowStart = lastWatchStart(deps.db, entity.id) ?? now - FIRST_WINDOW_MS;
  const runsSoFar = watchRunCount(deps.db, entity.id);
  const identity = identityOf(entity);
  const targets: ScoreTarget[] = accounts.map((a) => ({ accountId: a.id, platform: a.platform, handle: a.handle, displayName: a.displayName }));
  const byId = new Map(accounts.map((a) => [a.id, a]));
  let total = 0;
  let candidates = 0;
  let alerts = 0;
  let takeoverFlags = 0;
  let failure: string | null = null;

  try {
    // Takeover first: every official account with a profile of its own. Its fresh profile read also
    // tells the registry of renames, so the entity's own renamed accounts are not taken for impostors.
    for (const a of accounts.filter((x) => x.class === "official" && x.platform !== "rss")) {
      const work = loadWorkAccount(deps.db, a.id);
      if (!work) continue;
      try {
        const connector = gatedConnector(deps.connectors(a.platform), deps.gate);
        run.reserve(a.platform, "profile");
        // Following a renamed YouTube channel's uploads would spend unbudgeted quota units.
        await refreshForTakeover(deps, connector, work, { followPosts: a.platform !== "youtube", beforeProfileRead: () => run.reserve(a.platform, "profile") });
      } catch (err) {
        if (!run.stopped(a.platform, err, "profile") && !/^no connector/.test(messageOf(err))) throw err;
      }
      // The stored history is checked even when the refresh could not run.
      takeoverFlags += recordTakeoverSignals(deps, work, windowStart, identity.domains).newFlags;
    }
    run.notes.add("facebook:no-search");
    for (const platform of DISCOVERY_PLATFORMS) {
      let connector: Connector;
      try {
        connector = gatedConnector(deps.connectors(platform), deps.gate);
      } catch (err) {
        run.notes.add(`${platform}:${err instanceof MissingCredentials ? "needs-credentials" : "not-configured"}`);
        continue;
      }
      const hits = await discover(run, connector, platform, entity, accounts, runsSoFar);
      total += hits.length;
      const registry = registryIndex(deps.db, platform);
      for (const f of hits) {
        // In the registry (any entity, by handle or by platform id after a rename): ours.
        if (registry.handles.has(f.handle.toLowerCase()) || registry.ids.has(f.platformId)) continue;
        const s = scoreCandidate(
          { platform, handle: f.handle, displayName: f.displayName, bio: f.bio, links: f.links, createdAt: f.createdAt?.getTime() ?? null, verifiedType: f.verifiedType, parody: f.parody },
          targets,
          identity,
          now,
        );
        if (s.score < MIN_CANDIDATE_SCORE) continue;
        const imitated = s.target ? byId.get(s.target.accountId) : undefined;
        const r = saveCandidate(
          deps.db,
          {
            entityId: entity.id,
            platform,
            handle: f.handle.toLowerCase(),
            platformId: f.platformId,
            displayName: f.displayName,
            bio: f.bio,
            profileUrl: f.profileUrl,
            links: f.links,
            profileCreatedAt: f.createdAt?.getTime() ?? null,
            followers: f.followers,
            imitatesAccountId: imitated?.id ?? null,
            score: s.score,
            reasons: s.reasons,
          },
          now,
          imitated ? { accountId: imitated.id, handle: imitated.handle } : null,
        );
        candidates++;
        if (r.alerted) alerts++;
      }
    }

  } catch (err) {
    failure = messageOf(err);
  }

  const notes = [...run.notes].sort();
  const partial = notes.some((n) => !n.startsWith("facebook:") && !n.endsWith(":budget") && !n.includes("needs-credentials"));
  const result: WatchRunResult = {
    outcome: failure ? "error" : partial ? "partial" : "ok",
    found: total,
    candidates,
    alerts,
    takeoverFlags,
    spent: run.spent,
    notes,
    error: failure,
  };
  finishWatchRun(deps.db, runId, result, deps.clock());
  deps.log.info({ entity: entity.slug, ...result }, "impersonation watch finished");
  return { runId, entityId: entity.id, ...result };
}
