import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import weights from "../../core/scoring/model/weights.json";
import { classify } from "../../core/scoring/model/classifier";
import { DIM, extractFeatures } from "../../core/scoring/model/features";
import { dense, type ModelWeights } from "../../core/scoring/model/pipeline-types";
import { cleanOsact } from "../../core/scoring/model/pipeline";
import { defaultTrainPath, loadCorpus } from "../../scripts/scoring/corpus";
import { normalize } from "../../core/scoring/normalize";
import { tokenize } from "../../core/scoring/tokens";
import { matchLexicon } from "../../core/scoring/detectors/lexicon";

const W = weights as unknown as ModelWeights;
const off = dense(W.tasks.offensive, DIM);
const hs = dense(W.tasks.hate, DIM);
const sig = (z: number) => 1 / (1 + Math.exp(-z));

/** Reference: the training-time features (extractFeatures) dotted with the dense weights. */
function reference(text: string, mask?: Uint8Array): { pOff: number; pHs: number } {
  const fb = extractFeatures(text, tokenize(text));
  let n = 0;
  let zo = 0;
  let zh = 0;
  for (let j = 0; j < fb.count; j++) {
    if (mask && mask[fb.owner[j]] === 1) continue;
    n++;
    zo += off[fb.idx[j]];
    zh += hs[fb.idx[j]];
  }
  const s = n > 0 ? 1 / Math.sqrt(n) : 0;
  const pOff = sig(W.tasks.offensive.bias + zo * s);
  return { pOff, pHs: pOff * sig(W.tasks.hate.bias + zh * s) };
}

describe("classifier inference (word cache, compact weights)", () => {
  it("equals the training-time features dotted with the committed weights", () => {
    const path = defaultTrainPath(resolve(__dirname, "../.."));
    expect(existsSync(path), `training file missing: ${path}`).toBe(true);
    const texts = loadCorpus(path).texts.slice(0, 1500).map(cleanOsact);
    texts.push("لا تترك كلبك في السيارة", "يا كلب يا حمار", "١٢٣ 456 كلمة", "");
    let checked = 0;
    for (const t of [...texts, ...texts]) {
      const text = normalize(t).text;
      const tk = tokenize(text);
      const mask = new Uint8Array(tk.count + 1);
      matchLexicon(normalize(t), tk, [], mask);
      const got = classify(text, tokenize(text), mask);
      const want = reference(text, mask);
      expect(Math.abs(got.pOff - want.pOff)).toBeLessThan(1e-9);
      expect(Math.abs(got.pHs - want.pHs)).toBeLessThan(1e-9);
      checked++;
    }
    expect(checked).toBeGreaterThan(3000);
  });
});
