import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { listRules, POLICY_VERSION, scoreItem } from "../../core/scoring/index";

const REFERENCE = "../shared/reference/csb-social-media-meeting.ar.txt";
const CATEGORIES = ["offensive", "hate", "obscene", "personal-data", "confidential", "disclaimer", "work-email"];

describe("policy as code", () => {
  const rules = listRules();

  it("has a version and unique, well-formed rules", () => {
    expect(POLICY_VERSION).toMatch(/^\d{4}\.\d{2}-\d+$/);
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) {
      expect(r.clause).toMatch(/^COC-[1-9]$/);
      expect(CATEGORIES).toContain(r.category);
      expect(["low", "medium", "high", "critical"]).toContain(r.severity);
      expect(r.classes.length).toBeGreaterThan(0);
      expect(r.kinds.length).toBeGreaterThan(0);
      expect(r.title.ar).toMatch(/[\u0600-\u06ff]/);
      expect(r.rationale.ar).toMatch(/[\u0600-\u06ff]/);
      expect(r.title.en).toMatch(/[a-z]/i);
      expect(r.rationale.en).toMatch(/[a-z]/i);
    }
  });

  it("covers every content category of design §1", () => {
    expect(new Set(rules.map((r) => r.category))).toEqual(new Set(CATEGORIES));
    for (const clause of ["COC-2", "COC-3", "COC-4", "COC-5", "COC-6", "COC-7", "COC-8", "COC-9"]) {
      expect(rules.some((r) => r.clause === clause)).toBe(true);
    }
  });

  it("quotes the meeting text verbatim in every Arabic rationale", () => {
    const squash = (s: string) => s.replace(/\s+/g, " ");
    const ref = existsSync(REFERENCE) ? squash(readFileSync(REFERENCE, "utf8")) : null;
    for (const r of rules) {
      const quotes = [...r.rationale.ar.matchAll(/«([^»]+)»/g)].map((m) => squash(m[1]));
      expect(quotes.length, r.id).toBeGreaterThan(0);
      if (ref) for (const q of quotes) expect(ref.includes(q), `${r.id}: «${q}»`).toBe(true);
    }
  });

  it("returns copies, so callers cannot change the policy", () => {
    const a = listRules();
    a[0].severity = "low";
    a[0].title.en = "changed";
    expect(listRules()[0].title.en).not.toBe("changed");
  });

  it("only flags rules that apply to the account class and kind", () => {
    const byId = new Map(rules.map((r) => [r.id, r]));
    const inputs = [
      { text: "سري للغاية: تعميم داخلي، الرقم الشخصي 850312345 يا كلب ahmed@moh.gov.bh", kind: "post" as const },
      { text: "مدير بوزارة الصحة ahmed@moh.gov.bh يا حمار", kind: "bio" as const },
    ];
    for (const accountClass of ["official", "executive", "employee"] as const) {
      for (const { text, kind } of inputs) {
        const r = scoreItem({ text, accountClass, kind, entityDomains: ["moh.gov.bh"] });
        expect(r.flags.length).toBeGreaterThan(0);
        for (const f of r.flags) {
          const def = byId.get(f.rule)!;
          expect(def.classes).toContain(accountClass);
          expect(def.kinds).toContain(kind);
          expect(f.clause).toBe(def.clause);
          expect(f.category).toBe(def.category);
          expect(f.severity).toBe(def.severity);
        }
      }
    }
  });
});
