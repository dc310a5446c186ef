/**
 * "What to change" per rule (fixes.json, next to rules.json so the hints are reviewed with the
 * policy). Kept in a file of its own: the rules file is edited by the scoring work, the hints by
 * the pre-publication check. tests/scoring/fixes.test.ts checks that every rule has one.
 */
import raw from "./fixes.json";

export interface Fix {
  ar: string;
  en: string;
}

function load(): ReadonlyMap<string, Fix> {
  const out = new Map<string, Fix>();
  for (const [rule, fix] of Object.entries(raw.fixes as Record<string, Partial<Fix>>)) {
    // Fail at import time: a hint without both languages would show an empty line.
    if (typeof fix.ar !== "string" || !fix.ar.trim() || typeof fix.en !== "string" || !fix.en.trim()) throw new Error(`policy fixes: rule ${rule} lacks an Arabic or English hint`);
    out.set(rule, { ar: fix.ar, en: fix.en });
  }
  return out;
}

export const FIXES: ReadonlyMap<string, Fix> = load();

/** The hint for a rule, or undefined for a rule without one (the test keeps that from shipping). */
export function fixFor(ruleId: string): Fix | undefined {
  return FIXES.get(ruleId);
}
