/**
 * The watch's daily allowance per platform, in the platform's own units, and what each kind of call
 * costs. YouTube counts quota units (search.list 100, channels.list 1; the project has 10,000 a day,
 * shared with ingestion, reset at midnight Pacific); the others count requests. The watch reserves
 * a call's cost before sending it and skips what the day's allowance cannot cover, so it never
 * spends more than the allowance. Pure.
 */
import { TZDate } from "@date-fns/tz";
import type { Platform } from "../enums";

export type WatchCall = "search" | "lookup" | "profile";

export interface PlatformWatchBudget {
  /** Units the watch may spend per day on this platform. */
  perDay: number;
  /** Units one call costs (a lookup call covers `lookupBatch` handles). */
  cost: Partial<Record<WatchCall, number>>;
  /** Handles per lookup call (X users/by: 100; Instagram Business Discovery: 1). */
  lookupBatch?: number;
  /** At most this many search calls per entity per day (the rest rotate through later days). */
  searchesPerEntity?: number;
  /** At most this many generated handles looked up per registered official handle. */
  variantsPerHandle?: number;
  /** … and per executive handle (default: as official ones). */
  variantsPerExecutiveHandle?: number;
}

export type WatchBudgets = Partial<Record<Platform, PlatformWatchBudget>>;

/**
 * Defaults. YouTube: 3,300 of the 10,000 daily units (one search per entity with a channel a day,
 * 101 units with the channels.list that resolves handles, plus two units per official channel's
 * profile: forHandle, and by id when the handle is gone). X: users/by reads are billed per user; 1,500 calls a day. Instagram: Business Discovery
 * counts against the app's hourly call budget: 4,000 a day, 60 look-alikes per official handle and
 * 10 per executive one.
 */
export const DEFAULT_WATCH_BUDGETS: WatchBudgets = {
  x: { perDay: 1_500, cost: { search: 1, lookup: 1, profile: 2 }, lookupBatch: 100, searchesPerEntity: 5, variantsPerHandle: 200 },
  instagram: { perDay: 4_000, cost: { lookup: 1, profile: 1 }, lookupBatch: 1, variantsPerHandle: 60, variantsPerExecutiveHandle: 10 },
  youtube: { perDay: 3_300, cost: { search: 101, profile: 2 }, searchesPerEntity: 1 },
  bluesky: { perDay: 3_000, cost: { search: 1, profile: 2 }, searchesPerEntity: 8 },
  mastodon: { perDay: 1_500, cost: { search: 1, profile: 2 }, searchesPerEntity: 6 },
  facebook: { perDay: 500, cost: { profile: 1 } },
};

/** The budget day a call falls in: YouTube's quota day is Pacific time, the others' UTC. */
export function budgetDay(platform: Platform, now: number): string {
  if (platform === "youtube") {
    const pt = new TZDate(now, "America/Los_Angeles");
    return `${pt.getFullYear()}-${String(pt.getMonth() + 1).padStart(2, "0")}-${String(pt.getDate()).padStart(2, "0")}`;
  }
  return new Date(now).toISOString().slice(0, 10);
}

/** Units of one call, or null when the platform does not offer it. */
export function callCost(budgets: WatchBudgets, platform: Platform, call: WatchCall): number | null {
  return budgets[platform]?.cost[call] ?? null;
}

/** The queries of an entity's n-th run when it may use only a few: the most telling first, then in turn. */
export function rotate<T>(items: readonly T[], take: number, run: number): T[] {
  if (items.length <= take) return [...items];
  const start = (run * take) % items.length;
  return Array.from({ length: take }, (_, i) => items[(start + i) % items.length]);
}
