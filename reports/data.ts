/**
 * Gathers what a weekly report shows. Scores come from the dashboard's own score module over the
 * same `entity_day_rollups` rows (never a second formula), with `today` = the generation day, so a
 * report shows the figures the dashboard showed for that week when it was generated.
 */
import type Database from "better-sqlite3";
import type { Db } from "../db/client";
import type { AccountClass, AccountStatus, Category, EvidenceSpan, FlagStatus, Platform, RegistryStatus, Severity } from "../core/enums";
import { addDays, bahrainDay, dayEnd, dayStart, isReviewDue, lastWeeks, type Day } from "../core/calendar";
import { delta, severityWeight, weeklyScores, type DayFigures, type WeekScore } from "../core/compliance/formula";
import { evaluateControls, governanceAccount, ownershipCompleteness, type GovernanceOwner } from "../core/governance";
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
  WeekRange,
} from "./types";
import { ReportInputError, parseWeek } from "./week";

export const TREND_WEEKS = 8;
export const TOP_POSTS = 8;

export interface DataOptions {
  /** The generation instant (default now): decides which unreviewed flags are already late. */
  now?: number;
}

const sqliteOf = (db: Db): Database.Database => db.$client;

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

interface RollupSql {
  entityId: number;
  day: string;
  posts: number;
  flags: number;
  weightedFlags: number;
  openFlags: number;
  flagsRaised: number;
  reviewed: number;
  reviewedOnTime: number;
  reviewSeconds: number;
  controlsApplicable: number;
  controlsMet: number;
  byCategory: string;
  bySeverity: string;
  byClause: string;
}

const json = (s: string): Record<string, number> => {
  try {
    return JSON.parse(s) as Record<string, number>;
  } catch {
    return {};
  }
};

/** Rollup rows of the given entities (all when null) and days, grouped by entity. */
export function rollupFigures(db: Db, entityIds: number[] | null, from: Day, to: Day): Map<number, DayFigures[]> {
  const where = entityIds ? `AND entity_id IN (${entityIds.map(Number).join(",") || "NULL"})` : "";
  const rows = sqliteOf(db)
    .prepare(
      `SELECT entity_id AS entityId, day, posts, flags, weighted_flags AS weightedFlags, open_flags AS openFlags,
              flags_raised AS flagsRaised, reviewed, reviewed_on_time AS reviewedOnTime, review_seconds AS reviewSeconds,
              controls_applicable AS controlsApplicable, controls_met AS controlsMet,
              by_category AS byCategory, by_severity AS bySeverity, by_clause AS byClause
         FROM entity_day_rollups WHERE day >= ? AND day <= ? ${where} ORDER BY entity_id, day`,
    )
    .all(from, to) as RollupSql[];
  const out = new Map<number, DayFigures[]>();
  for (const r of rows) {
    let list = out.get(r.entityId);
    if (!list) out.set(r.entityId, (list = []));
    list.push({ ...r, byCategory: json(r.byCategory), bySeverity: json(r.bySeverity), byClause: json(r.byClause) });
  }
  return out;
}

function entityRef(db: Db, entityId: number): ReportEntityRef {
  const e = sqliteOf(db).prepare(`SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities WHERE id = ?`).get(entityId) as
    | ReportEntityRef
    | undefined;
  if (!e) throw new ReportInputError(`unknown entity id ${entityId}`);
  return e;
}

/** An entity by slug, or a ReportInputError naming it. */
export function entityBySlug(db: Db, slug: string): ReportEntityRef {
  const e = sqliteOf(db).prepare(`SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities WHERE slug = ?`).get(slug) as
    | ReportEntityRef
    | undefined;
  if (!e) throw new ReportInputError(`unknown entity "${slug}" (no entity has that slug)`);
  return e;
}

interface AccountSql {
  id: number;
  platform: Platform;
  handle: string;
  class: AccountClass;
  status: AccountStatus;
  registryStatus: RegistryStatus;
  verified: number | null;
  verificationRequested: number;
  bio: string | null;
  linkedOfficialAccountId: number | null;
  managedBy: string | null;
  handoverPlan: string | null;
  holderName: string | null;
  holderTitle: string | null;
}

/** Registry state as of the end of the week (or now, if the week is not over). */
function governanceOf(db: Db, entityId: number, asOf: number) {
  const s = sqliteOf(db);
  const domains = JSON.parse(
    (s.prepare(`SELECT email_domains AS d FROM entities WHERE id = ?`).get(entityId) as { d: string }).d || "[]",
  ) as string[];
  const accounts = s
    .prepare(
      `SELECT id, platform, handle, class, status, registry_status AS registryStatus, verified, verification_requested AS verificationRequested,
              bio, linked_official_account_id AS linkedOfficialAccountId, managed_by AS managedBy, handover_plan AS handoverPlan,
              holder_name AS holderName, holder_title AS holderTitle
         FROM accounts WHERE entity_id = ? AND status != 'archived' AND registry_status != 'archived'
        ORDER BY CASE class WHEN 'official' THEN 0 WHEN 'executive' THEN 1 ELSE 2 END, platform, handle`,
    )
    .all(entityId) as AccountSql[];
  const ownerStmt = s.prepare(
    `SELECT custodian_name AS custodianName, custodian_email AS custodianEmail, backup_name AS backupName, backup_email AS backupEmail,
            credential_custody AS credentialCustody, two_factor AS twoFactor, recovery_contact AS recoveryContact, attested_at AS attestedAt
       FROM account_owners WHERE account_id = ?
      ORDER BY (valid_from <= ? AND (valid_to IS NULL OR valid_to > ?)) DESC, (valid_from <= ?) DESC, valid_from DESC, id DESC LIMIT 1`,
  );
  const lastPost = s.prepare(`SELECT max(published_at) AS t FROM posts WHERE account_id = ? AND published_at < ?`);
  return accounts.map((a) => {
    const o = ownerStmt.get(a.id, asOf, asOf, asOf) as (Omit<GovernanceOwner, "attestedAt"> & { attestedAt: number | null }) | undefined;
    const owner: GovernanceOwner | null = o ? { ...o, attestedAt: o.attestedAt === null ? null : new Date(o.attestedAt) } : null;
    const t = (lastPost.get(a.id, asOf) as { t: number | null }).t;
    const controls = evaluateControls({
      account: governanceAccount(a, t),
      owner,
      entityDomains: domains,
      now: new Date(asOf),
    });
    return { account: a, owner, controls };
  });
}

interface FlagSql {
  postId: number;
  accountId: number;
  platform: Platform;
  handle: string;
  url: string | null;
  text: string;
  publishedAt: number;
  deletedAt: number | null;
  category: Category;
  clauseId: string;
  severity: Severity;
  score: number;
  spans: string;
  status: FlagStatus;
  escalated: number;
}

const STATUS_RANK: Record<FlagStatus, number> = { confirmed: 2, open: 1, dismissed: 0 };

/** The most serious non-dismissed flagged posts published in the week (one entry per post). */
function topPosts(db: Db, entityId: number, from: number, to: number, limit: number): FlaggedPost[] {
  const rows = sqliteOf(db)
    .prepare(
      `SELECT p.id AS postId, a.id AS accountId, a.platform, a.handle, p.url, p.text, p.published_at AS publishedAt, p.deleted_at AS deletedAt,
              f.category, f.clause_id AS clauseId, f.severity, f.score, f.spans, f.status, f.escalated
         FROM flags f JOIN posts p ON p.id = f.post_id JOIN accounts a ON a.id = p.account_id
        WHERE f.entity_id = ? AND f.status != 'dismissed' AND p.published_at >= ? AND p.published_at < ?`,
    )
    .all(entityId, from, to) as FlagSql[];
  const byPost = new Map<number, FlagSql[]>();
  for (const r of rows) {
    let list = byPost.get(r.postId);
    if (!list) byPost.set(r.postId, (list = []));
    list.push(r);
  }
  const ranked = [...byPost.values()].map((fs) => {
    const weight = Math.max(...fs.map((f) => severityWeight(f.severity)));
    const top = fs.reduce((a, b) => (severityWeight(b.severity) > severityWeight(a.severity) || (b.severity === a.severity && b.score > a.score) ? b : a));
    return { fs, weight, score: Math.max(...fs.map((f) => f.score)), top };
  });
  ranked.sort((a, b) => b.weight - a.weight || b.score - a.score || b.top.publishedAt - a.top.publishedAt || a.top.postId - b.top.postId);
  return ranked.slice(0, limit).map(({ fs, top }) => {
    const spans: EvidenceSpan[] = fs.flatMap((f) => {
      try {
        return JSON.parse(f.spans) as EvidenceSpan[];
      } catch {
        return [];
      }
    });
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
  });
}

/**
 * Everything one entity's weekly report shows. `weekStart` must be a Sunday (ReportInputError
 * otherwise); an unknown entity id is a ReportInputError too.
 */
export function entityReportData(db: Db, entityId: number, weekStartInput: string, locale: ReportLocale, opts: DataOptions = {}): EntityReportData {
  const start = parseWeek(weekStartInput);
  const now = opts.now ?? Date.now();
  const today = bahrainDay(now);
  const entity = entityRef(db, entityId);
  const week = weekRange(start);
  const weeks = lastWeeks(start, TREND_WEEKS);
  const rows = rollupFigures(db, [entityId], weeks[0], week.end).get(entityId) ?? [];
  const scores = weeklyScores(rows, weeks, today);
  const current = scores[scores.length - 1];
  const prev = scores[scores.length - 2];
  const score = parts(current);
  const previous = parts(prev);
  const from = dayStart(week.start);
  const to = dayEnd(week.end);
  const asOf = Math.min(now, to - 1);

  const gov = governanceOf(db, entityId, asOf);
  const s = sqliteOf(db);
  const flagsByAccount = new Map(
    (
      s
        .prepare(
          `SELECT f.account_id AS a, count(*) AS n FROM flags f LEFT JOIN posts p ON p.id = f.post_id
            WHERE f.entity_id = ? AND f.status != 'dismissed'
              AND COALESCE(p.published_at, f.created_at) >= ? AND COALESCE(p.published_at, f.created_at) < ?
            GROUP BY f.account_id`,
        )
        .all(entityId, from, to) as { a: number; n: number }[]
    ).map((r) => [r.a, r.n]),
  );

  const accounts: AccountLine[] = gov.map(({ account: a, owner, controls }) => ({
    id: a.id,
    platform: a.platform,
    handle: a.handle,
    class: a.class,
    status: a.status,
    verified: a.verified === null ? null : !!a.verified,
    holderName: a.holderName,
    ownership: ownershipCompleteness(owner, a.class),
    controlsMet: controls.filter((c) => c.met).length,
    controlsTotal: controls.length,
  }));

  const failing = new Map<string, FailingControl>();
  for (const { account: a, controls } of gov)
    for (const c of controls.filter((x) => !x.met)) {
      let f = failing.get(c.id);
      if (!f) failing.set(c.id, (f = { id: c.id, clause: c.clause, title: c.title, accounts: [] }));
      f.accounts.push({ platform: a.platform, handle: a.handle });
    }
  const failingControls = [...failing.values()].sort((a, b) => b.accounts.length - a.accounts.length || a.id.localeCompare(b.id));

  const executives: ExecutiveLine[] = gov
    .filter((g) => g.account.class === "executive")
    .map(({ account: a, controls }) => ({
      platform: a.platform,
      handle: a.handle,
      holderName: a.holderName,
      holderTitle: a.holderTitle,
      managedBy: a.managedBy,
      controlsMet: controls.filter((c) => c.met).length,
      controlsTotal: controls.length,
      failing: controls.filter((c) => !c.met).map((c) => c.title),
      flagsThisWeek: flagsByAccount.get(a.id) ?? 0,
    }));

  // Open flags raised by the week's end, never reviewed, whose deadline had passed by generation.
  const openRaised = s
    .prepare(
      `SELECT f.created_at AS c FROM flags f
        WHERE f.entity_id = ? AND f.status = 'open' AND f.reviewed_at IS NULL AND f.created_at < ?
          AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.flag_id = f.id)`,
    )
    .all(entityId, to) as { c: number }[];
  const overdueOpen = openRaised.filter((r) => isReviewDue(bahrainDay(r.c), today)).length;

  const totals = current.totals;
  const responsiveness = {
    raised: totals.flagsRaised,
    reviewed: totals.reviewed,
    onTime: totals.reviewedOnTime,
    due: totals.flagsDue,
    avgHours: totals.reviewed > 0 ? totals.reviewSeconds / totals.reviewed / 3600 : null,
    overdueOpen,
  };
  const hasData = totals.posts > 0 || totals.flags > 0 || totals.flagsRaised > 0;
  const top = topPosts(db, entityId, from, to, TOP_POSTS);
  const base = {
    scope: "entity" as const,
    locale,
    entity,
    week,
    generatedAt: now,
    hasData,
    score,
    previous,
    change: change(score, previous),
    totals: { posts: totals.posts, flags: totals.flags, openFlags: totals.openFlags, weightedPer100: current.weightedPer100 },
    trend: scores.map((w) => ({ weekStart: w.weekStart, overall: w.overall })),
    accounts,
    failingControls,
    executives,
    byClause: totals.byClause,
    byCategory: totals.byCategory,
    bySeverity: totals.bySeverity,
    topPosts: top,
    responsiveness,
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
  const entities = sqliteOf(db).prepare(`SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities ORDER BY id`).all() as ReportEntityRef[];
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
