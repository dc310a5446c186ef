import { describe, expect, it } from "vitest";
import type { LabelledSet } from "../../core/scoring/model/data";
import { CV_FOLDS, featurize, fitLanguage, PairPredictor, PARAMS, planLanguage, type LangParams } from "../../core/scoring/model/pipeline";
import { mulberry32 } from "../../core/scoring/model/logreg";
import { chooseThresholds, HATE_MIN_PRECISION, MIN_RECALL, NEVER } from "../../core/scoring/model/calibrate";
import { crossValidate, SOURCES } from "../../core/scoring/model/lodo";

/** Random pseudo-words (seeded): every item its own words, so nothing generalises between items. */
function uniqueSet(name: string, n: number, salt: string): LabelledSet {
  const rand = mulberry32(name.length * 7919 + n);
  const letters = "بتثجحخدذرزسشصضطظعغفقكلمنهوي";
  const word = () => Array.from({ length: 7 }, () => letters[Math.floor(rand() * letters.length)]).join("");
  const off = Uint8Array.from({ length: n }, () => (rand() < 0.35 ? 1 : 0));
  return {
    name,
    lang: "ar",
    texts: Array.from({ length: n }, () => `${salt}${word()} ${word()} ${word()}`),
    off,
    hs: new Uint8Array(n),
    weight: new Float32Array(n).fill(1),
  };
}

// Every word counts (the real minDf would drop these one-off words before anything is learned).
const p: LangParams = {
  ...PARAMS.ar,
  offensive: { ...PARAMS.ar.offensive, minDf: 0, nb: 1 },
  words: { ...PARAMS.ar.words, minDf: 0 },
  hate: { ...PARAMS.ar.hate, minDf: 0 },
};

function auc(y: Uint8Array, s: Float64Array): number {
  let good = 0;
  let all = 0;
  for (let i = 0; i < y.length; i++) {
    if (y[i] !== 1) continue;
    for (let j = 0; j < y.length; j++) {
      if (y[j] !== 0) continue;
      all++;
      good += s[i] > s[j] ? 1 : s[i] === s[j] ? 0.5 : 0;
    }
  }
  return good / all;
}

describe("thresholds from out-of-fold predictions", () => {
  it("score every validation item with a model that never saw it", { timeout: 60_000 }, () => {
    const sets = { "osact-train": uniqueSet("osact-train", 90, "ا"), "osact-dev": uniqueSet("osact-dev", 30, "و"), "mlma-ar": uniqueSet("mlma-ar", 30, "ي") };
    const plan = planLanguage("ar", sets);
    expect(plan.parts.map((x) => [x.set.name, x.validates])).toEqual([["osact-train", true], ["osact-dev", true], ["mlma-ar", false]]);
    const { model, validation } = fitLanguage(plan, p);
    expect(validation.set.texts).toEqual([...sets["osact-train"].texts, ...sets["osact-dev"].texts]);
    // Out of fold, an item's own words were never seen: its label cannot be read off them.
    expect(auc(validation.set.off, validation.pOff)).toBeLessThan(0.75);
    // The final model trained on every item has memorised them: in-sample it separates them.
    const inSample = new PairPredictor(model).predictAll(validation.set.texts.map(featurize));
    expect(auc(validation.set.off, inSample.pOff)).toBeGreaterThan(0.95);
    expect(model.validatedOn).toBe(`osact-train+osact-dev (${CV_FOLDS}-fold out-of-fold)`);
  });

  it("validates on every remaining training set when the named ones were left out", () => {
    const sets = { "mlma-ar": uniqueSet("mlma-ar", 30, "ي") };
    const plan = planLanguage("ar", sets, { train: [["osact-train", 1], ["mlma-ar", 0.5]], validate: ["osact-train"], prevalence: { offensive: 0.2, hate: 0.05 }, share: 0.3 });
    expect(plan.parts.map((x) => [x.set.name, x.scale, x.validates])).toEqual([["mlma-ar", 0.5, true]]);
    expect(() => planLanguage("ar", {}, { train: [["osact-train", 1]], validate: [], prevalence: { offensive: 0.2, hate: 0.05 } })).toThrow(/no training set for ar: need one of osact-train/);
  });
});

describe("cross-validation over a source", () => {
  it("tests each item exactly once, on a model retrained without its fold", { timeout: 120_000 }, () => {
    const sets = { "osact-train": uniqueSet("osact-train", 40, "ا"), "osact-dev": uniqueSet("osact-dev", 20, "و"), "mlma-ar": uniqueSet("mlma-ar", 20, "ي") };
    const osact = SOURCES.find((s) => s.name === "osact")!;
    const seen: string[] = [];
    for (const h of crossValidate(sets, osact, 3)) {
      expect(h.model.trainedOn).toEqual(["osact-train×1", "osact-dev×1", "mlma-ar×0.5"]);
      seen.push(...h.test.texts);
      expect(h.test.texts.length).toBeGreaterThanOrEqual(19);
    }
    expect(seen.sort()).toEqual([...sets["osact-train"].texts, ...sets["osact-dev"].texts].sort());
  });
});

describe("a precision floor needs some recall", () => {
  it("does not take a point that is precise on a handful of the positives", () => {
    // 100 positives in 1,000; only the top 3 scores are positives (precision 1 at recall 0.03),
    // everything below is at chance.
    const n = 1000;
    const y = new Uint8Array(n);
    const s = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      y[i] = i < 3 || (i >= 10 && i % 10 === 0 && i < 980) ? 1 : 0;
      s[i] = i < 3 ? 0.95 - i * 0.001 : 0.9 - (0.85 * i) / n;
    }
    expect(3 / 100).toBeLessThan(MIN_RECALL);
    expect(chooseThresholds(y, s, null, 0, HATE_MIN_PRECISION)).toEqual({ official: NEVER, executive: NEVER, employee: NEVER });
  });
});
