/** The policy as code: rules are data (rules.json, reviewed like code); this module validates and indexes them. */
import raw from "./rules.json";
import type { AccountClass, ContentKind, RuleDefinition } from "../types";

const CLAUSE = /^COC-\d+$/;
const CATEGORIES = new Set(["offensive", "hate", "obscene", "personal-data", "confidential", "disclaimer", "work-email"]);
const SEVERITIES = new Set(["low", "medium", "high", "critical"]);

function load(): { version: string; rules: RuleDefinition[] } {
  const rules = raw.rules as RuleDefinition[];
  const seen = new Set<string>();
  for (const r of rules) {
    // Fail at import time: a malformed policy must never score silently.
    if (seen.has(r.id)) throw new Error(`policy: duplicate rule id ${r.id}`);
    seen.add(r.id);
    if (!CLAUSE.test(r.clause)) throw new Error(`policy: rule ${r.id} has bad clause ${r.clause}`);
    if (!CATEGORIES.has(r.category)) throw new Error(`policy: rule ${r.id} has bad category ${r.category}`);
    if (!SEVERITIES.has(r.severity)) throw new Error(`policy: rule ${r.id} has bad severity ${r.severity}`);
    if (!r.title.ar || !r.title.en || !r.rationale.ar || !r.rationale.en) throw new Error(`policy: rule ${r.id} lacks a title or rationale`);
  }
  return { version: raw.version, rules };
}

const policy = load();
export const POLICY_VERSION: string = policy.version;
export const RULES: readonly RuleDefinition[] = policy.rules;
export const RULE_BY_ID: ReadonlyMap<string, RuleDefinition> = new Map(policy.rules.map((r) => [r.id, r]));

/** Rules that apply to one (class, kind) pair, precomputed for the six combinations. */
const applicable = new Map<string, Set<string>>();
for (const c of ["official", "executive", "employee"] as AccountClass[]) {
  for (const k of ["post", "bio"] as ContentKind[]) {
    applicable.set(`${c}/${k}`, new Set(policy.rules.filter((r) => r.classes.includes(c) && r.kinds.includes(k)).map((r) => r.id)));
  }
}
const byClassKind: Record<string, Record<string, ReadonlySet<string>>> = {};
for (const [key, set] of applicable) {
  const [c, k] = key.split("/");
  (byClassKind[c] ??= {})[k] = set;
}
export function rulesFor(accountClass: AccountClass, kind: ContentKind): ReadonlySet<string> {
  return byClassKind[accountClass][kind];
}
