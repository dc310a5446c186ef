/**
 * The scheduler's only job: fan out one idempotent job per account and period. Job ids are
 * deterministic (`fetch:<accountId>:<periodStart>`), so running the fan-out twice in a period —
 * or on two machines — adds nothing new. Plain function over the database; the queue layer adds
 * the jobs.
 */
import type { Db } from "../db/client";
import { watchedAccounts } from "../db/schedule";
import { DEFAULT_BUDGETS, periodStart, planPeriods, type PlatformBudget } from "./cadence";

const HOUR = 3_600_000;

export type FanoutKind = "fetch" | "profile" | "recheck";

export interface FanoutJob {
  kind: FanoutKind;
  jobId: string;
  accountId: number;
  platform: string;
  periodStart: number;
}

export interface FanoutOptions {
  budgets?: Record<string, PlatformBudget>;
  /** Multiplies every period (the demo uses e.g. 1/60 so a quarter-hour becomes 15 s). */
  scale?: number;
  /** Shortest allowed period after scaling. */
  minPeriodMs?: number;
  profilePeriodMs?: number;
  recheckPeriodMs?: number;
  accountIds?: number[];
  kinds?: FanoutKind[];
}

export function planFanout(db: Db, now: number, opts: FanoutOptions = {}): FanoutJob[] {
  const accounts = watchedAccounts(db, now, opts.accountIds);
  const periods = planPeriods(accounts, now, opts.budgets ?? DEFAULT_BUDGETS);
  const scale = opts.scale ?? 1;
  const min = opts.minPeriodMs ?? 5_000;
  const scaled = (ms: number) => Math.max(min, Math.round(ms * scale));
  const kinds = new Set<FanoutKind>(opts.kinds ?? ["fetch", "profile", "recheck"]);
  const jobs: FanoutJob[] = [];
  for (const a of accounts) {
    const add = (kind: FanoutKind, period: number) => {
      const start = periodStart(now, period, a.id);
      jobs.push({ kind, jobId: `${kind}:${a.id}:${start}`, accountId: a.id, platform: a.platform, periodStart: start });
    };
    if (kinds.has("fetch")) add("fetch", scaled(periods.get(a.id) ?? HOUR));
    if (kinds.has("profile")) add("profile", scaled(opts.profilePeriodMs ?? 24 * HOUR));
    if (kinds.has("recheck")) add("recheck", scaled(opts.recheckPeriodMs ?? (a.class === "official" ? 6 : 12) * HOUR));
  }
  return jobs;
}
