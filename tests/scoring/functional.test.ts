import { describe, expect, it } from "vitest";
import { FUNCTIONAL_CASES, HATEFUL_FUNCTIONS } from "../../core/scoring/suites/functional-hate";
import { functionalReport } from "../../core/scoring/suites/functional-report";

describe("functional hate suite (ours)", () => {
  it("has at least 20 cases per function and language", () => {
    const count = new Map<string, number>();
    for (const c of FUNCTIONAL_CASES) count.set(`${c.fn}/${c.lang}`, (count.get(`${c.fn}/${c.lang}`) ?? 0) + 1);
    for (const [key, n] of count) expect(n, key).toBeGreaterThanOrEqual(20);
    const fns = new Set(FUNCTIONAL_CASES.map((c) => c.fn));
    for (const fn of fns) {
      expect(count.has(`${fn}/ar`), `${fn}/ar`).toBe(true);
      if (fn !== "arabizi") expect(count.has(`${fn}/en`), `${fn}/en`).toBe(true);
    }
    for (const c of FUNCTIONAL_CASES) expect(c.hateful, c.text).toBe(HATEFUL_FUNCTIONS.has(c.fn));
  });

  it("gets at least 90% of every function right, Arabic and English", () => {
    const r = functionalReport();
    for (const row of r.rows) expect(row.accuracy, `${row.fn}/${row.lang}: ${row.correct}/${row.total}`).toBeGreaterThanOrEqual(0.9);
    expect(r.overall.ar.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.overall.en.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.table).toMatch(/dehumanisation/);
  });

  it("gets at least 95% of the natural sentences right, Arabic and English", () => {
    const r = functionalReport();
    expect(r.sentences.ar.total).toBeGreaterThanOrEqual(100);
    expect(r.sentences.en.total).toBeGreaterThanOrEqual(60);
    expect(r.sentences.ar.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(r.sentences.en.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
