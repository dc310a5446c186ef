/** The pre-publication check's shapes and limits, shared by the server (check.server.ts) and the page. */
import type { AccountClass } from "../../core/enums";

export const MAX_TEXT = 10_000;
export const KINDS = ["post", "bio"] as const;
export type Kind = (typeof KINDS)[number];

export interface Fix {
  ar: string;
  en: string;
}

/** One flag as the check page shows it. */
export interface CheckFlagView {
  rule: string;
  clause: string;
  category: string;
  severity: string;
  score: number;
  spans: { start: number; end: number; text: string }[];
  title: { ar: string; en: string };
  rationale: { ar: string; en: string };
  fix: Fix | null;
}

export interface CheckView {
  /** The draft that was checked (sent back only to the person who typed it, to highlight it). */
  text: string;
  accountClass: AccountClass;
  kind: Kind;
  risk: number;
  flags: CheckFlagView[];
  policyVersion: string;
}

export type CheckField = "text" | "accountClass" | "kind" | "id";
export type CheckErrorCode = "missing" | "empty" | "tooLong" | "invalid";

/** What the check page (and its live preview) answers to a form. */
export type PageAnswer =
  | { kind: "result"; view: CheckView }
  | { kind: "invalid"; field: CheckField; code: CheckErrorCode; values: { accountClass: string; kind: string } }
  | { kind: "limited"; retryAfter: number };
