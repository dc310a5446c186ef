import { describe, expect, it } from "vitest";
import { listRules } from "../../core/scoring/index";
import { FIXES, fixFor } from "../../core/scoring/policy/fixes";

describe("what-to-change hints (policy/fixes.json)", () => {
  const rules = listRules();

  it("gives every rule of the policy a hint in Arabic and English", () => {
    const missing = rules.filter((r) => !fixFor(r.id)).map((r) => r.id);
    expect(missing).toEqual([]);
    for (const r of rules) {
      const f = fixFor(r.id)!;
      expect(f.ar, r.id).toMatch(/[\u0600-\u06ff]/);
      expect(f.en, r.id).toMatch(/[a-z]/i);
    }
  });

  it("has no hint for a rule the policy does not have (a renamed rule must move its hint)", () => {
    const ids = new Set(rules.map((r) => r.id));
    expect([...FIXES.keys()].filter((k) => !ids.has(k))).toEqual([]);
  });

  it("names the disclaimer to add for the disclaimer rules", () => {
    expect(fixFor("disc.missing")!.ar).toContain("الآراء تمثلني");
    expect(fixFor("pd.cpr")!.en).toMatch(/CPR/);
  });
});
