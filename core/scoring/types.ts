/** Shared types of the scoring library (public API shapes live here and are re-exported). */

export type AccountClass = "official" | "executive" | "employee";
export type ContentKind = "post" | "bio";
export type Severity = "low" | "medium" | "high" | "critical";
export type Category =
  | "offensive"
  | "hate"
  | "obscene"
  | "personal-data"
  | "confidential"
  | "disclaimer"
  | "work-email";

export interface Span {
  start: number;
  end: number;
  text: string;
}

export interface ScoredFlag {
  rule: string;
  clause: string;
  category: string;
  severity: Severity;
  score: number;
  spans: Span[];
}

export interface RuleDefinition {
  id: string;
  clause: string;
  category: Category;
  severity: Severity;
  classes: AccountClass[];
  kinds: ContentKind[];
  title: { ar: string; en: string };
  rationale: { ar: string; en: string };
}

export interface ScoreInput {
  text: string;
  accountClass: AccountClass;
  kind: ContentKind;
  entityDomains?: string[];
}

export interface ScoreResult {
  risk: number;
  flags: ScoredFlag[];
}

/** A detector's raw finding before the policy attaches clause, category and severity. */
export interface Hit {
  rule: string;
  score: number;
  /** Original-text UTF-16 ranges. */
  ranges: [number, number][];
}
