/**
 * The pre-publication check (/check and POST /api/v1/check): a draft, its account class and kind
 * in; the scorer's flags out, each with its rule's clause, rationale and what to change. The draft
 * is never stored or logged: a counted check leaves only counters per entity and rule and an
 * audit row with the counts (db/check-counts.ts).
 */
import { ACCOUNT_CLASSES, type AccountClass } from "../../core/enums";
import { POLICY_VERSION, RULE_BY_ID } from "../../core/scoring/policy";
import { fixFor } from "../../core/scoring/policy/fixes";
import type { ScoredFlag } from "../../core/scoring/types";
import { recordCheck } from "../../db/check-counts";
import { entityWithDomains } from "../../db/read/entities";
import type { SessionUser } from "../../core/access";
import { db } from "./db.server";
import { parseDomains } from "./dashboard/entity.server";
import { rateLimit, rateLimitHeaders } from "./rate-limit.server";
import { KINDS, MAX_TEXT, type CheckErrorCode, type CheckField, type CheckFlagView, type CheckView, type Kind, type PageAnswer } from "./check";

export { MAX_TEXT, KINDS, type Kind, type CheckView, type CheckFlagView, type PageAnswer } from "./check";

export interface CheckInput {
  text: string;
  accountClass: AccountClass;
  kind: Kind;
  /** Echoed in the API's answer (the CLI's `id`); null when the caller gave none. */
  id: string | null;
}

/** A check request that could not be read: `message` names what was wrong, `field` where. */
export class CheckInputError extends Error {
  constructor(
    public readonly field: CheckField,
    public readonly code: CheckErrorCode,
    message: string,
  ) {
    super(message);
  }
}

const isClass = (v: unknown): v is AccountClass => typeof v === "string" && (ACCOUNT_CLASSES as readonly string[]).includes(v);
const isKind = (v: unknown): v is Kind => typeof v === "string" && (KINDS as readonly string[]).includes(v);
const shown = (v: unknown) => (v === undefined ? "nothing" : JSON.stringify(v).slice(0, 60));

/** Validates a check from its JSON body or form fields; throws CheckInputError with a readable message. */
export function parseCheckInput(o: Record<string, unknown>): CheckInput {
  if (o.text === undefined || o.text === null) throw new CheckInputError("text", "missing", "text: missing (the draft to check, a string)");
  if (typeof o.text !== "string") throw new CheckInputError("text", "invalid", "text: expected a string");
  if (o.text.trim() === "") throw new CheckInputError("text", "empty", "text: empty (the draft to check)");
  if (o.text.length > MAX_TEXT) throw new CheckInputError("text", "tooLong", `text: ${o.text.length} characters; at most ${MAX_TEXT}`);
  if (!isClass(o.accountClass)) throw new CheckInputError("accountClass", "invalid", `accountClass: expected one of ${ACCOUNT_CLASSES.join("|")}, got ${shown(o.accountClass)}`);
  if (!isKind(o.kind)) throw new CheckInputError("kind", "invalid", `kind: expected one of ${KINDS.join("|")}, got ${shown(o.kind)}`);
  if (o.id !== undefined && o.id !== null && (typeof o.id !== "string" || o.id.length > 200)) throw new CheckInputError("id", "invalid", "id: expected a string of at most 200 characters");
  return { text: o.text, accountClass: o.accountClass, kind: o.kind, id: typeof o.id === "string" ? o.id : null };
}

/** The official email domains of the user's entity (work emails in a bio are judged against them). */
function domainsOf(user: SessionUser): string[] {
  if (user.entityId === null) return [];
  return parseDomains(entityWithDomains(db(), user.entityId)?.emailDomains);
}

export interface CheckResult {
  risk: number;
  flags: ScoredFlag[];
}

// The scorer and its classifier weights load with the first check, not with every web process:
// most never score, and the expanded weights cost each ≈ 20 MB of memory.
const importScorer = () => Promise.all([import("../../core/scoring"), import("../../core/scoring/cli-line")]);
let scorer: ReturnType<typeof importScorer> | undefined;
const loadScorer = () => (scorer ??= importScorer());

/** Scores the draft (nothing is written). */
export async function score(user: SessionUser, input: CheckInput): Promise<CheckResult> {
  const [{ scoreItem }] = await loadScorer();
  return scoreItem({ text: input.text, accountClass: input.accountClass, kind: input.kind, entityDomains: domainsOf(user) });
}

/** Counts a check the person asked for (a submit or an API call; not the live preview). */
export function countCheck(user: SessionUser, input: CheckInput, r: CheckResult, via: "page" | "api", now = Date.now()): void {
  recordCheck(db(), user, { rules: r.flags.map((f) => f.rule), kind: input.kind, accountClass: input.accountClass, via, now });
}

/**
 * The API's answer: exactly the score CLI's output line (design §5, written by the CLI's own
 * serialiser so the shape cannot drift) plus `policyVersion`.
 */
export async function apiBody(input: CheckInput, r: CheckResult): Promise<string> {
  const [, { resultLine }] = await loadScorer();
  const line = resultLine(input.id, r.risk, r.flags);
  return `${line.slice(0, -1)},"policyVersion":${JSON.stringify(POLICY_VERSION)}}`;
}

const SEVERITY_RANK: Record<string, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function checkView(input: CheckInput, r: CheckResult): CheckView {
  const flags = r.flags
    .map((f): CheckFlagView => {
      const rule = RULE_BY_ID.get(f.rule);
      return {
        rule: f.rule,
        clause: f.clause,
        category: f.category,
        severity: f.severity,
        score: f.score,
        spans: f.spans.map((s) => ({ start: s.start, end: s.end, text: s.text })),
        title: rule?.title ?? { ar: f.rule, en: f.rule },
        rationale: rule?.rationale ?? { ar: "", en: "" },
        fix: fixFor(f.rule) ?? null,
      };
    })
    .sort((a, b) => (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9) || b.score - a.score);
  return { text: input.text, accountClass: input.accountClass, kind: input.kind, risk: r.risk, flags, policyVersion: POLICY_VERSION };
}

/**
 * Runs the check for the page: rate-limited per user (the same budget as the API), scored, and
 * counted when `count` (a submitted check; the live preview is not counted).
 */
export async function checkForm(user: SessionUser, form: FormData, count: boolean, now = Date.now()): Promise<{ status: number; answer: PageAnswer; headers: Record<string, string> }> {
  const limit = await rateLimit("check", user.id, now);
  const headers = rateLimitHeaders(limit);
  if (!limit.ok) return { status: 429, answer: { kind: "limited", retryAfter: limit.retryAfter }, headers };
  const raw = { text: form.get("text") ?? undefined, accountClass: form.get("accountClass") ?? undefined, kind: form.get("kind") ?? undefined };
  let input: CheckInput;
  try {
    input = parseCheckInput(raw);
  } catch (e) {
    if (!(e instanceof CheckInputError)) throw e;
    return { status: 400, answer: { kind: "invalid", field: e.field, code: e.code, values: { accountClass: String(raw.accountClass ?? ""), kind: String(raw.kind ?? "") } }, headers };
  }
  const r = await score(user, input);
  if (count) countCheck(user, input, r, "page", now);
  return { status: 200, answer: { kind: "result", view: checkView(input, r) }, headers };
}
