/**
 * Rule titles and rationales for the dashboard, from the scoring library's policy. Rules the
 * policy does not list (e.g. governance flags raised by the registry) get a generic title.
 */
import { POLICY_VERSION, RULES } from "../../../core/scoring/policy";
import { GOVERNANCE_RULES } from "../../../core/alerts/rule-text";

export interface RuleInfo {
  id: string;
  clause: string;
  category: string;
  severity: string;
  classes: string[];
  kinds: string[];
  title: { ar: string; en: string };
  rationale: { ar: string; en: string };
}

/** Same shape as `listRules()` of core/scoring/index.ts. */
export function listRules(): RuleInfo[] {
  return RULES.map((r) => ({ ...r, classes: [...r.classes], kinds: [...r.kinds] }));
}

export function policyVersion(): string {
  return POLICY_VERSION;
}

// Rules raised outside the scorer (controls, a vanished handle, the takeover signals): the same
// text as alert emails (core/alerts/rule-text.ts). Before, only gov.controls was here and the
// review queue titled takeover flags with their rule id and no rationale.
const EXTRA: Readonly<Record<string, Pick<RuleInfo, "title" | "rationale">>> = GOVERNANCE_RULES;

let byId: Map<string, RuleInfo> | null = null;

export function ruleInfo(id: string, clause: string, category: string, severity: string): RuleInfo {
  byId ??= new Map(listRules().map((r) => [r.id, r]));
  const hit = byId.get(id);
  if (hit) return hit;
  const extra = EXTRA[id];
  return {
    id,
    clause,
    category,
    severity,
    classes: [],
    kinds: [],
    title: extra?.title ?? { ar: id, en: id },
    rationale: extra?.rationale ?? { ar: "", en: "" },
  };
}
