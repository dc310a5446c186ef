/**
 * Gathers what a weekly report shows. Scores come from the dashboard's own score module over the
 * same `entity_day_rollups` rows (never a second formula), with `today` = the generation day, so a
 * report shows the figures the dashboard showed for that week when it was generated.
 */
import type { Db } from "../db/client";
import {
  entityEmailDomains,
  entityRef,
  entityRefBySlug,
  entityRefs,
  flaggedPostRows,
  flagsPerAccount,
  lastPostBefore,
  openUnreviewedFlagTimes,
  ownerAsOf,
  reportAccounts,
  rollupFigures,
  type ReportFlagRow,
  type ReportAccountRow,
} from "../db/read/report-data";
import type { EvidenceSpan, FlagStatus } from "../core/enums";
import { addDays, bahrainDay, dayEnd, dayStart, isReviewDue, lastWeeks, type Day } from "../core/calendar";
import { delta, severityWeight, weeklyScores, type WeekScore } from "../core/compliance/formula";
import { evaluateControls, governanceAccount, ownershipCompleteness, type ControlResult, type GovernanceOwner } from "../core/governance";
import { excerpt } from "./excerpt";
import { recommend } from "./recommend";
import type {
  AccountLine,
  AttentionReason,
  CsbReportData,
  EntityReportData,
  ExecutiveLine,
  FailingControl,
  FlaggedPost,
  LeagueLine,
  Parts,
  ReportEntityRef,
  ReportLocale,
  Responsiveness,
  WeekRange,
} from "./types";
import { ReportInputError, parseWeek } from "./week";

// Tests and scripts compare the report with the dashboard through the same rollup read.
export { rollupFigures } from "../db/read/report-data";

export const TREND_WEEKS = 8;
export const TOP_POSTS = 8;

export interface DataOptions {
  /** The generation instant (default now): decides which unreviewed flags are already late. */
  now?: number;
}

export function weekRange(start: Day): WeekRange {
  return { start, end: addDays(start, 6), previousStart: addDays(start, -7) };
}

const parts = (s: WeekScore | undefined): Parts => ({
  overall: s?.overall ?? null,
  content: s?.content ?? null,
  governance: s?.governance ?? null,
  responsiveness: s?.responsiveness ?? null,
});
const change = (a: Parts, b: Parts): Parts => ({
  overall: delta(a.overall, b.overall),
  content: delta(a.content, b.content),
  governance: delta(a.governance, b.governance),
  responsiveness: delta(a.responsiveness, b.responsiveness),
});

function entityById(db: Db, entityId: number): ReportEntityRef {
  const e = entityRef(db, entityId);
  if (!e) throw new ReportInputError(`unknown entity id ${entityId}`);
  return e;
}

/** An entity by slug, or a ReportInputError naming it. */
export function entityBySlug(db: Db, slug: string): ReportEntityRef {
  const e = entityRefBySlug(db, slug);
  if (!e) throw new ReportInputError(`unknown entity "${slug}" (no entity has that slug)`);
  return e;
}

// ---- governance: the registry as of the week's end ---------------------------------------------

interface GovernedAccount {
  account: ReportAccountRow;
  owner: GovernanceOwner | null;
  controls: ControlResult[];
}

/** Registry state as of the end of the week (or now, if the week is not over). */
function governanceOf(db: Db, entityId: number, asOf: number): GovernedAccount[] {
  const domains = entityEmailDomains(db, entityId);
  return reportAccounts(db, entityId).map((a) => {
    const owner = ownerAsOf(db, a.id, asOf);
    const controls = evaluateControls({
      account: governanceAccount(a, lastPostBefore(db, a.id, asOf)),
      owner,
      entityDomains: domains,
      now: new Date(asOf),
    });
    return { account: a, owner, controls };
  });
}

const metCount = (controls: ControlResult[]): number => controls.filter((c) => c.met).length;

function accountLines(gov: GovernedAccount[]): AccountLine[] {
  return gov.map(({ account: a, owner, controls }) => ({
    id: a.id,
    platform: a.platform,
    handle: a.handle,
    class: a.class,
    status: a.status,
    verified: a.verified === null ? null : !!a.verified,
    holderName: a.holderName,
    ownership: ownershipCompleteness(owner, a.class),
    controlsMet: metCount(controls),
    controlsTotal: controls.length,
  }));
}

/** Each control that fails somewhere, with the accounts failing it; the most failed first. */
function failingControlsOf(gov: GovernedAccount[]): FailingControl[] {
  const failing = new Map<string, FailingControl>();
  for (const { account: a, controls } of gov)
    for (const c of controls.filter((x) => !x.met)) {
      let f = failing.get(c.id);
      if (!f) failing.set(c.id, (f = { id: c.id, clause: c.clause, title: c.title, accounts: [] }));
      f.accounts.push({ platform: a.platform, handle: a.handle });
    }
  return [...failing.values()].sort((a, b) => b.accounts.length - a.accounts.length || a.id.localeCompare(b.id));
}

function executiveLines(gov: GovernedAccount[], flagsByAccount: Map<number, number>): ExecutiveLine[] {
  return gov
    .filter((g) => g.account.class === "executive")
    .map(({ account: a, controls }) => ({
      platform: a.platform,
      handle: a.handle,
      holderName: a.holderName,
      holderTitle: a.holderTitle,
      managedBy: a.managedBy,
      controlsMet: metCount(controls),
      controlsTotal: controls.length,
      failing: controls.filter((c) => !c.met).map((c) => c.title),
      flagsThisWeek: flagsByAccount.get(a.id) ?? 0,
    }));
}

// ---- the week's flagged posts ------------------------------------------------------------------

const STATUS_RANK: Record<FlagStatus, number> = { confirmed: 2, open: 1, dismissed: 0 };

function flagsByPost(rows: ReportFlagRow[]): ReportFlagRow[][] {
  const byPost = new Map<number, ReportFlagRow[]>();
  for (const r of rows) {
    let list = byPost.get(r.postId);
    if (!list) byPost.set(r.postId, (list = []));
    list.push(r);
  }
  return [...byPost.values()];
}

/** Most severe first, then highest score, newest, lowest post id; with the flag that ranks the post. */
function rankPosts(posts: ReportFlagRow[][]): { fs: ReportFlagRow[]; top: ReportFlagRow }[] {
  const ranked = posts.map((fs) => {
    const weight = Math.max(...fs.map((f) => severityWeight(f.severity)));
    const top = fs.reduce((a, b) => (severityWeight(b.severity) > severityWeight(a.severity) || (b.severity === a.severity && b.score > a.score) ? b : a));
    return { fs, weight, score: Math.max(...fs.map((f) => f.score)), top };
  });
  ranked.sort((a, b) => b.weight - a.weight || b.score - a.score || b.top.publishedAt - a.top.publishedAt || a.top.postId - b.top.postId);
  return ranked;
}

function parseSpans(json: string): EvidenceSpan[] {
  try {
    return JSON.parse(json) as EvidenceSpan[];
  } catch {
    return [];
  }
}

/** One post's entry: its top flag's post and severity, every flag's categories, clauses and spans. */
function flaggedPost(fs: ReportFlagRow[], top: ReportFlagRow): FlaggedPost {
  const spans = fs.flatMap((f) => parseSpans(f.spans));
  const status = fs.reduce<FlagStatus>((s, f) => (STATUS_RANK[f.status] > STATUS_RANK[s] ? f.status : s), "open");
  return {
    postId: top.postId,
    platform: top.platform,
    handle: top.handle,
    url: top.url,
    publishedAt: top.publishedAt,
    deleted: top.deletedAt !== null,
    excerpt: excerpt(top.text, spans),
    severity: top.severity,
    categories: [...new Set(fs.map((f) => f.category))],
    clauses: [...new Set(fs.map((f) => f.clauseId))].sort(),
    status,
    escalated: fs.some((f) => !!f.escalated),
  };
}

/** The most serious non-dismissed flagged posts published in the week (one entry per post). */
function topPosts(db: Db, entityId: number, from: number, to: number, limit: number): FlaggedPost[] {
  const ranked = rankPosts(flagsByPost(flaggedPostRows(db, entityId, from, to)));
  return ranked.slice(0, limit).map(({ fs, top }) => flaggedPost(fs, top));
}

/** Review figures of the week, and the open flags raised by its end whose deadline had passed by `today`. */
function responsivenessOf(db: Db, entityId: number, to: number, today: Day, totals: WeekScore["totals"]): Responsiveness {
  const overdueOpen = openUnreviewedFlagTimes(db, entityId, to).filter((c) => isReviewDue(bahrainDay(c), today)).length;
  return {
    raised: totals.flagsRaised,
    reviewed: totals.reviewed,
    onTime: totals.reviewedOnTime,
    due: totals.flagsDue,
    avgHours: totals.reviewed > 0 ? totals.reviewSeconds / totals.reviewed / 3600 : null,
    overdueOpen,
  };
}

// ---- the entity report -------------------------------------------------------------------------

/** The entity's weekly scores for the trend weeks ending with `start`'s week (oldest first). */
function trendScores(db: Db, entityId: number, start: Day, week: WeekRange, today: Day): WeekScore[] {
  const weeks = lastWeeks(start, TREND_WEEKS);
  const rows = rollupFigures(db, [entityId], weeks[0], week.end).get(entityId) ?? [];
  return weeklyScores(rows, weeks, today);
}

/**
 * Everything one entity's weekly report shows. `weekStart` must be a Sunday (ReportInputError
 * otherwise); an unknown entity id is a ReportInputError too.
 */
export function entityReportData(db: Db, entityId: number, weekStartInput: string, locale: ReportLocale, opts: DataOptions = {}): EntityReportData {
  const start = parseWeek(weekStartInput);
  const now = opts.now ?? Date.now();
  const today = bahrainDay(now);
  const entity = entityById(db, entityId);
  const week = weekRange(start);
  const scores = trendScores(db, entityId, start, week, today);
  const current = scores[scores.length - 1];
  const score = parts(current);
  const previous = parts(scores[scores.length - 2]);
  const from = dayStart(week.start);
  const to = dayEnd(week.end);
  const gov = governanceOf(db, entityId, Math.min(now, to - 1));
  const totals = current.totals;
  const base = {
    scope: "entity" as const,
    locale,
    entity,
    week,
    generatedAt: now,
    hasData: totals.posts > 0 || totals.flags > 0 || totals.flagsRaised > 0,
    score,
    previous,
    change: change(score, previous),
    totals: { posts: totals.posts, flags: totals.flags, openFlags: totals.openFlags, weightedPer100: current.weightedPer100 },
    trend: scores.map((w) => ({ weekStart: w.weekStart, overall: w.overall })),
    accounts: accountLines(gov),
    failingControls: failingControlsOf(gov),
    executives: executiveLines(gov, flagsPerAccount(db, entityId, from, to)),
    byClause: totals.byClause,
    byCategory: totals.byCategory,
    bySeverity: totals.bySeverity,
    topPosts: topPosts(db, entityId, from, to, TOP_POSTS),
    responsiveness: responsivenessOf(db, entityId, to, today, totals),
  };
  return { ...base, recommendations: recommend(base) };
}

const mean = (xs: (number | null)[]): number | null => {
  const v = xs.filter((x): x is number => x !== null);
  return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
};

export const ATTENTION = { overallBelow: 60, responsivenessBelow: 50, governanceBelow: 50, dropAtLeast: 10 } as const;
export const MOVERS = 5;

/** The CSB-wide report: every entity's scores for the week and the one before. */
export function csbReportData(db: Db, weekStartInput: string, locale: ReportLocale, opts: DataOptions = {}): CsbReportData {
  const start = parseWeek(weekStartInput);
  const now = opts.now ?? Date.now();
  const today = bahrainDay(now);
  const week = weekRange(start);
  const entities = entityRefs(db);
  const rows = rollupFigures(db, null, week.previousStart, week.end);
  const previous: Parts[] = [];
  const league: LeagueLine[] = entities.map((entity) => {
    const [prev, cur] = weeklyScores(rows.get(entity.id) ?? [], [week.previousStart, week.start], today);
    const score = parts(cur);
    previous.push(parts(prev));
    return {
      entity,
      score,
      change: change(score, parts(prev)),
      posts: cur.totals.posts,
      flags: cur.totals.flags,
      byCategory: cur.totals.byCategory,
      critical: cur.totals.bySeverity.critical ?? 0,
    };
  });
  const byOverall = (a: LeagueLine, b: LeagueLine) =>
    (b.score.overall ?? -1) - (a.score.overall ?? -1) || a.entity.slug.localeCompare(b.entity.slug);
  league.sort(byOverall);
  const withChange = league.filter((x) => x.change.overall !== null && Math.round(x.change.overall) !== 0);
  const up = withChange.filter((x) => x.change.overall! > 0).sort((a, b) => b.change.overall! - a.change.overall!).slice(0, MOVERS);
  const down = withChange.filter((x) => x.change.overall! < 0).sort((a, b) => a.change.overall! - b.change.overall!).slice(0, MOVERS);
  const attention = league
    .map((line) => {
      const reasons: AttentionReason[] = [];
      if (line.score.overall !== null && line.score.overall < ATTENTION.overallBelow) reasons.push("lowOverall");
      if (line.critical > 0) reasons.push("critical");
      if (line.score.responsiveness !== null && line.score.responsiveness < ATTENTION.responsivenessBelow) reasons.push("slowReview");
      if (line.score.governance !== null && line.score.governance < ATTENTION.governanceBelow) reasons.push("weakGovernance");
      if (line.change.overall !== null && line.change.overall <= -ATTENTION.dropAtLeast) reasons.push("dropped");
      if (line.posts === 0) reasons.push("noPosts");
      return { line, reasons };
    })
    .filter((a) => a.reasons.length > 0)
    .sort((a, b) => b.reasons.length - a.reasons.length || (a.line.score.overall ?? 101) - (b.line.score.overall ?? 101));
  const posts = league.reduce((n, x) => n + x.posts, 0);
  const flags = league.reduce((n, x) => n + x.flags, 0);
  return {
    scope: "csb",
    locale,
    week,
    generatedAt: now,
    hasData: posts > 0 || flags > 0,
    average: {
      overall: mean(league.map((x) => x.score.overall)),
      content: mean(league.map((x) => x.score.content)),
      governance: mean(league.map((x) => x.score.governance)),
      responsiveness: mean(league.map((x) => x.score.responsiveness)),
    },
    averagePrevious: {
      overall: mean(previous.map((x) => x.overall)),
      content: mean(previous.map((x) => x.content)),
      governance: mean(previous.map((x) => x.governance)),
      responsiveness: mean(previous.map((x) => x.responsiveness)),
    },
    league,
    movers: { up, down },
    attention,
    totals: { entities: league.length, posts, flags, critical: league.reduce((n, x) => n + x.critical, 0) },
  };
}
