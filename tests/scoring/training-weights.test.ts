import { describe, expect, it } from "vitest";
import { rebalance, type LabelledSet } from "../../core/scoring/model/data";
import { dropRareFeatures, featurize, PARAMS } from "../../core/scoring/model/pipeline";
import { chooseThresholds, HATE_MIN_PRECISION, NEVER } from "../../core/scoring/model/calibrate";

const set = (off: number[]): LabelledSet => ({
  name: "t",
  lang: "ar",
  texts: off.map((_, i) => `t${i}`),
  off: Uint8Array.from(off),
  hs: new Uint8Array(off.length),
  weight: new Float32Array(off.length).fill(1),
});

describe("word features", () => {
  it("are the unigram and bigram features of the full set, with their own scale", () => {
    const d = featurize("الله يعطيكم العافية 2026 يا شباب");
    // Five words (the number breaks the bigram chain): 5 unigrams + 3 bigrams.
    expect(d.words.idx.length).toBe(8);
    expect(d.words.scale).toBeCloseTo(1 / Math.sqrt(8), 12);
    const all = new Set(d.idx);
    for (const i of d.words.idx) expect(all.has(i)).toBe(true);
    expect(d.idx.length).toBeGreaterThan(d.words.idx.length * 5); // char n-grams are most features
    expect(featurize("").words).toEqual({ idx: new Int32Array(0), scale: 0 });
  });
});

describe("training data weights", () => {
  it("rebalances a set to the given offensive share and keeps its total weight", () => {
    const s = rebalance(set([1, 1, 1, 0]), 0.3); // 75 % offensive, like MLMA
    const pos = s.weight.filter((_, i) => s.off[i] === 1).reduce((a, b) => a + b, 0);
    const all = s.weight.reduce((a, b) => a + b, 0);
    expect(all).toBeCloseTo(4, 5);
    expect(pos / all).toBeCloseTo(0.3, 5);
    expect(rebalance(set([0, 0]), 0.3).weight).toEqual(new Float32Array([1, 1])); // nothing to balance
  });

  it("drops features seen in fewer than minDf (weighted) documents, keeping each document's scale", () => {
    const docs = [featurize("الدولة اليوم"), featurize("الدولة غدا"), featurize("xqzv")];
    const kept = dropRareFeatures(docs, new Float32Array([1, 1, 1]), PARAMS.ar.offensive.dim, 2);
    expect(kept[2].idx.length).toBe(0); // a word seen once (no n-gram shared) gets no weight at all
    expect(kept[0].idx.length).toBeGreaterThan(0); // الدولة's features occur twice
    expect(kept[0].idx.length).toBeLessThan(docs[0].idx.length);
    expect(kept.map((d) => d.scale)).toEqual(docs.map((d) => d.scale));
    expect(PARAMS.ar.offensive.minDf).toBeGreaterThanOrEqual(2);
  });

});

describe("hate thresholds need a least precision", () => {
  it("never lets the model flag hate alone when no threshold reaches the precision", () => {
    // 1 positive in 10 and a model that ranks it in the middle: precision never reaches 0.5.
    const y = Uint8Array.from([0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    const p = Float64Array.from([0.9, 0.85, 0.8, 0.7, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05]);
    const t = chooseThresholds(y, p, null, 0, HATE_MIN_PRECISION);
    expect(t).toEqual({ official: NEVER, executive: NEVER, employee: NEVER });
    expect(NEVER).toBeGreaterThan(1);
  });
  it("keeps a precise enough point as it is", () => {
    const y = Uint8Array.from([1, 1, 1, 0, 1, 0, 0, 0, 0, 0]);
    const p = Float64Array.from([0.9, 0.85, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1, 0.05]);
    const free = chooseThresholds(y, p, null, 0);
    expect(chooseThresholds(y, p, null, 0, HATE_MIN_PRECISION)).toEqual(free);
    expect(free.executive).toBeLessThan(1);
  });
});
