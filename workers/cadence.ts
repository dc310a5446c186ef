/**
 * How often each account is fetched. The base period follows the account class (official accounts
 * are watched closest), shortened for accounts that post a lot, lengthened for quiet or dormant
 * ones, then stretched per platform until the fleet fits the platform's rate budget. Periods snap
 * to a fixed ladder so period starts (and so job ids) are stable between fan-outs.
 */
import type { AccountClass, AccountStatus } from "../core/enums";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export const PERIOD_LADDER = [5 * MIN, 10 * MIN, 15 * MIN, 30 * MIN, HOUR, 2 * HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];

export const BASE_PERIOD: Record<AccountClass, number> = { official: 15 * MIN, executive: 30 * MIN, employee: HOUR };

export interface PlatformBudget {
  /** Requests allowed per window for our credential. */
  requests: number;
  windowMs: number;
}

/** Conservative defaults from the platforms' published limits (reference/platform-apis.md). */
export const DEFAULT_BUDGETS: Record<string, PlatformBudget> = {
  x: { requests: 900, windowMs: 15 * MIN },
  instagram: { requests: 200, windowMs: HOUR },
  facebook: { requests: 200, windowMs: HOUR },
  youtube: { requests: 10_000, windowMs: DAY },
  mastodon: { requests: 300, windowMs: 5 * MIN },
  bluesky: { requests: 3000, windowMs: 5 * MIN },
  rss: { requests: 600, windowMs: HOUR },
};

/** Average requests one incremental fetch costs (a page or two); re-checks and profiles use the rest. */
export const REQUESTS_PER_FETCH = 2;
/** Share of a budget that scheduled fetches may use; the rest is for re-checks, profiles, retries. */
export const BUDGET_SHARE = 0.7;

export interface CadenceAccount {
  id: number;
  platform: string;
  class: AccountClass;
  status: AccountStatus;
  lastPostAt: number | null;
  /** Recent posting rate (posts per day over the last week); null when unknown. */
  postsPerDay: number | null;
}

function snapUp(ms: number): number {
  return PERIOD_LADDER.find((p) => p >= ms) ?? PERIOD_LADDER[PERIOD_LADDER.length - 1];
}

function stepOf(ms: number): number {
  return Math.max(0, PERIOD_LADDER.indexOf(snapUp(ms)));
}

/** The period an account would get with unlimited budget. */
export function basePeriodMs(a: CadenceAccount, now: number): number {
  if (a.status === "auth_failed" || a.status === "protected") return 6 * HOUR;
  const idle = a.lastPostAt === null ? null : now - a.lastPostAt;
  if (idle !== null && idle > 90 * DAY) return DAY;
  if (idle !== null && idle > 30 * DAY) return 6 * HOUR;
  let step = stepOf(BASE_PERIOD[a.class]);
  const ppd = a.postsPerDay ?? 0;
  if (ppd >= 24) step -= 2;
  else if (ppd >= 8) step -= 1;
  else if (a.postsPerDay !== null && ppd < 0.3) step += 2;
  return PERIOD_LADDER[Math.min(PERIOD_LADDER.length - 1, Math.max(0, step))];
}

/** Periods for a fleet, stretched per platform to fit its budget. */
export function planPeriods(
  accounts: readonly CadenceAccount[],
  now: number,
  budgets: Record<string, PlatformBudget> = DEFAULT_BUDGETS,
): Map<number, number> {
  const out = new Map<number, number>();
  const byPlatform = new Map<string, CadenceAccount[]>();
  for (const a of accounts) {
    const list = byPlatform.get(a.platform) ?? [];
    list.push(a);
    byPlatform.set(a.platform, list);
  }
  for (const [platform, list] of byPlatform) {
    const budget = budgets[platform];
    let periods = list.map((a) => basePeriodMs(a, now));
    if (budget) {
      const allowed = budget.requests * BUDGET_SHARE;
      const demand = (ps: number[]) => ps.reduce((s, p) => s + (budget.windowMs / p) * REQUESTS_PER_FETCH, 0);
      // Stretch every account of the platform one ladder step at a time until the fleet fits.
      while (demand(periods) > allowed && periods.some((p) => p < DAY)) {
        periods = periods.map((p) => PERIOD_LADDER[Math.min(PERIOD_LADDER.length - 1, stepOf(p) + 1)]);
      }
    }
    list.forEach((a, i) => out.set(a.id, periods[i]));
  }
  return out;
}

/**
 * Start of the period containing `now`, offset per account so accounts of one class do not all
 * fire at the same instant. Deterministic: the same account, period and instant give the same start.
 */
export function periodStart(now: number, periodMs: number, accountId: number): number {
  const offset = Math.floor((((accountId * 2654435761) >>> 0) / 2 ** 32) * periodMs);
  return Math.floor((now - offset) / periodMs) * periodMs + offset;
}
