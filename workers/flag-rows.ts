/**
 * The Scorer interface processors depend on, and its results as flag rows. Processors receive a
 * Scorer so tests can inject a deterministic one; scorer.ts adapts the scoring library.
 */
import { postSubject, profileSubject, type FlagRow } from "../db/ingest";
import { CATEGORIES, type AccountClass, type Category } from "../core/enums";

export interface ScoreInput {
  text: string;
  accountClass: AccountClass;
  kind: "post" | "bio";
  entityDomains?: string[];
}

export interface ScoredFlag {
  rule: string;
  clause: string;
  category: string;
  severity: "low" | "medium" | "high" | "critical";
  score: number;
  spans: { start: number; end: number; text: string }[];
}

export interface Scorer {
  policyVersion: string;
  score(input: ScoreInput): { risk: number; flags: ScoredFlag[] };
}

const KNOWN = new Set<string>(CATEGORIES);

export interface Subject {
  accountId: number;
  entityId: number;
  accountClass: AccountClass;
  entityDomains: string[];
}

/** Flag rows for one post text (empty when the scorer finds nothing). */
export function postFlagRows(scorer: Scorer, subject: Subject, postId: number, text: string): FlagRow[] {
  const res = scorer.score({ text, accountClass: subject.accountClass, kind: "post", entityDomains: subject.entityDomains });
  return res.flags.map((f) => toRow(scorer, subject, postSubject(postId), postId, f));
}

/** Flag rows for an account's bio. */
export function bioFlagRows(scorer: Scorer, subject: Subject, bio: string): FlagRow[] {
  const res = scorer.score({ text: bio, accountClass: subject.accountClass, kind: "bio", entityDomains: subject.entityDomains });
  return res.flags.map((f) => toRow(scorer, subject, profileSubject(subject.accountId), null, f));
}

function toRow(scorer: Scorer, s: Subject, subjectKey: string, postId: number | null, f: ScoredFlag): FlagRow {
  return {
    subjectKey,
    postId,
    accountId: s.accountId,
    entityId: s.entityId,
    ruleId: f.rule,
    clauseId: f.clause,
    // An unknown category from a newer policy must not break the insert (the column is an enum).
    category: (KNOWN.has(f.category) ? f.category : "governance") as Category,
    severity: f.severity,
    score: f.score,
    spans: f.spans,
    policyVersion: scorer.policyVersion,
  };
}
