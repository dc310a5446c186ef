/**
 * The data a weekly report shows, gathered by data.ts and drawn by template/*.tsx. Plain
 * JSON (no Dates) so the preview route can ship it and tests can compare it with the dashboard.
 */
import type { EntityRef } from "../db/read/report-data";
import type { AccountClass, AccountStatus, Category, FlagStatus, Platform, Severity } from "../core/enums";

export type ReportLocale = "ar" | "en";
export type Day = string;

export interface Parts {
  overall: number | null;
  content: number | null;
  governance: number | null;
  responsiveness: number | null;
}

export interface WeekRange {
  start: Day;
  end: Day;
  previousStart: Day;
}

/** An entity as the report names it (the read model's row). */
export type ReportEntityRef = EntityRef;

export interface AccountLine {
  id: number;
  platform: Platform;
  handle: string;
  class: AccountClass;
  status: AccountStatus;
  verified: boolean | null;
  holderName: string | null;
  ownership: { met: number; total: number };
  controlsMet: number;
  controlsTotal: number;
}

export interface FailingControl {
  id: string;
  clause: string;
  title: { ar: string; en: string };
  /** Accounts failing it, as "platform:handle". */
  accounts: { platform: Platform; handle: string }[];
}

export interface ExecutiveLine {
  platform: Platform;
  handle: string;
  holderName: string | null;
  holderTitle: string | null;
  managedBy: string | null;
  controlsMet: number;
  controlsTotal: number;
  failing: { ar: string; en: string }[];
  flagsThisWeek: number;
}

export interface ExcerptPart {
  text: string;
  hit: boolean;
}

export interface FlaggedPost {
  postId: number;
  platform: Platform;
  handle: string;
  url: string | null;
  publishedAt: number;
  deleted: boolean;
  excerpt: ExcerptPart[];
  severity: Severity;
  categories: Category[];
  clauses: string[];
  status: FlagStatus;
  escalated: boolean;
}

export interface Responsiveness {
  raised: number;
  reviewed: number;
  onTime: number;
  due: number;
  avgHours: number | null;
  /** Open flags raised before the week's end whose two-working-day deadline passed by generation. */
  overdueOpen: number;
}

export type RecommendationKey =
  | "noData"
  | "reviewOverdue"
  | "reviewOpen"
  | "criticalFlags"
  | "fixControl"
  | "executives"
  | "responsiveness"
  | "keepUp";

export interface Recommendation {
  key: RecommendationKey;
  /** Numbers and names the sentence needs (count, control title …). */
  n?: number;
  title?: { ar: string; en: string };
}

export interface EntityReportData {
  scope: "entity";
  locale: ReportLocale;
  entity: ReportEntityRef;
  week: WeekRange;
  generatedAt: number;
  /** False when the week has no posts and no flags: the report says so. */
  hasData: boolean;
  score: Parts;
  previous: Parts;
  change: Parts;
  totals: { posts: number; flags: number; openFlags: number; weightedPer100: number | null };
  /** Overall score of the last weeks, oldest first (sparkline). */
  trend: { weekStart: Day; overall: number | null }[];
  accounts: AccountLine[];
  failingControls: FailingControl[];
  executives: ExecutiveLine[];
  byClause: Record<string, number>;
  byCategory: Record<string, number>;
  bySeverity: Record<string, number>;
  topPosts: FlaggedPost[];
  responsiveness: Responsiveness;
  recommendations: Recommendation[];
}

export interface LeagueLine {
  entity: ReportEntityRef;
  score: Parts;
  change: Parts;
  posts: number;
  flags: number;
  byCategory: Record<string, number>;
  critical: number;
}

export type AttentionReason = "lowOverall" | "critical" | "slowReview" | "weakGovernance" | "dropped" | "noPosts";

export interface CsbReportData {
  scope: "csb";
  locale: ReportLocale;
  week: WeekRange;
  generatedAt: number;
  hasData: boolean;
  /** Mean of the entities' parts (entities without a figure are left out). */
  average: Parts;
  averagePrevious: Parts;
  league: LeagueLine[];
  movers: { up: LeagueLine[]; down: LeagueLine[] };
  attention: { line: LeagueLine; reasons: AttentionReason[] }[];
  totals: { entities: number; posts: number; flags: number; critical: number };
}

export type ReportData = EntityReportData | CsbReportData;
