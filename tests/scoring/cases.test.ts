import { describe, expect, it } from "vitest";
import { CASES } from "../../core/scoring/cases";
import { checkCase } from "../../core/scoring/run-cases";
import { listRules, scoreItem } from "../../core/scoring/index";

describe("hand-written cases", () => {
  it.each(CASES.map((c) => [c.name, c] as const))("%s", (_name, c) => {
    expect(checkCase(c)).toBeNull();
  });

  it("has a positive and a negative case for every rule", () => {
    for (const r of listRules()) {
      if (r.id === "off.model" || r.id === "hate.model") continue; // classifier rules: see below
      expect(CASES.some((c) => c.flags?.includes(r.id)), `positive for ${r.id}`).toBe(true);
      expect(CASES.some((c) => c.not?.includes(r.id) || (c.not?.includes("*") && (c.kind ?? "post") === r.kinds[0])), `negative for ${r.id}`).toBe(true);
    }
  });
});

describe("output shape", () => {
  it("reports risk in 0..1 and spans that slice the original text", () => {
    const text = "يا كلب! الرقم الشخصي ٨٥٠٣١٢٣٤٥ وسري للغاية: تعميم داخلي. Call +973 3912 3456";
    const r = scoreItem({ text, accountClass: "employee", kind: "post" });
    expect(r.risk).toBeGreaterThan(0.9);
    expect(r.risk).toBeLessThanOrEqual(1);
    for (const f of r.flags) {
      expect(f.score).toBeGreaterThan(0);
      expect(f.score).toBeLessThanOrEqual(1);
      for (const s of f.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });

  it("gives risk 0 and no flags for empty text", () => {
    expect(scoreItem({ text: "", accountClass: "official", kind: "post" })).toEqual({ risk: 0, flags: [] });
  });

  it("explains classifier flags with spans of the words that drove them", () => {
    const text = "والله انكم اوسخ شعب ونتمنى زوالكم من الخريطة يا عالم يا خايسه";
    const r = scoreItem({ text, accountClass: "employee", kind: "post" });
    const f = r.flags.find((x) => x.rule === "off.model" || x.rule === "off.insult");
    expect(f).toBeDefined();
    expect(f!.spans.length).toBeGreaterThan(0);
    for (const s of f!.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it("rejects a bad account class", () => {
    expect(() => scoreItem({ text: "x", accountClass: "nobody" as "official", kind: "post" })).toThrow(/accountClass/);
  });
});
