/**
 * Amanah scoring library: pure functions from (post or bio, account class, policy) to flags.
 * No I/O; the classifier weights are a committed JSON module loaded once.
 */
import { POLICY_VERSION as VERSION, RULES } from "./policy";
import { scoreItem as score } from "./score";
import type { AccountClass, ContentKind, RuleDefinition, ScoredFlag } from "./types";

export type { AccountClass, ContentKind, RuleDefinition, ScoredFlag, Severity, Category, Span } from "./types";

/** Version of the policy (rules + lexicons + model); store it with every flag. */
export const POLICY_VERSION: string = VERSION;

export function scoreItem(input: {
  text: string;
  accountClass: "official" | "executive" | "employee";
  kind: "post" | "bio";
  entityDomains?: string[];
}): { risk: number; flags: ScoredFlag[] } {
  return score(input as { text: string; accountClass: AccountClass; kind: ContentKind; entityDomains?: string[] });
}

export function listRules(): RuleDefinition[] {
  // Deep copies: callers cannot mutate the policy.
  return RULES.map((r) => structuredClone(r));
}

// Bio helpers shared with the governance module (core/governance.ts), which imports them from
// ./bio directly so that it does not load the classifier weights.
export { hasDisclaimer, findWorkEmails, isWorkDomain } from "./bio";
