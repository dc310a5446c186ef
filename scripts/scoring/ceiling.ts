/**
 * How far a held-out source can be reached at all: `npx tsx scripts/scoring/ceiling.ts [source]`
 * (osact-dev, mlma-ar, …; default mlma-ar). Trains the source's language without it (as the LODO
 * rows of `npm run eval:scorer` do) and, next to it, a plain logistic regression over word
 * unigrams and bigrams (the usual TF-IDF + LR baseline, binary and length-normalised) on the same
 * other sets; prints each one's AUC and its macro-F1 at the best threshold chosen on the held-out
 * set itself (an upper bound, not an estimate). Reads the data folder (env SCORER_DATA).
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSets } from "./corpus";
import { bestThreshold, macroF1, trainLogReg } from "../../core/scoring/model/logreg";
import { leaveOut, SOURCES } from "../../core/scoring/model/lodo";
import { featurize, PairPredictor, type Doc } from "../../core/scoring/model/pipeline";
import { DIM } from "../../core/scoring/model/features";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const name = process.argv[2] ?? "mlma-ar";
const src = SOURCES.find((s) => s.name === name);
if (src === undefined) throw new Error(`unknown source "${name}": one of ${SOURCES.map((s) => s.name).join(", ")}`);
const sets = loadSets(root);

/** Area under the ROC curve (ties broken by order; fine for continuous scores). */
function auc(y: Uint8Array, p: Float64Array): number {
  const order = Array.from(p.keys()).sort((a, b) => p[a] - p[b]);
  let rank = 0;
  let sumPos = 0;
  let nPos = 0;
  for (const i of order) {
    rank++;
    if (y[i] === 1) {
      sumPos += rank;
      nPos++;
    }
  }
  return (sumPos - (nPos * (nPos + 1)) / 2) / (nPos * (y.length - nPos));
}

function bestF1(y: Uint8Array, p: Float64Array): { f1: number; at: number } {
  const at = bestThreshold(y, p);
  return { f1: macroF1(y, Uint8Array.from(p, (x) => (x >= at ? 1 : 0))), at };
}

const held = leaveOut(sets, src);
const test: Doc[] = held.test.texts.map(featurize);
const ours = new PairPredictor(held.model).predictAll(test).pOff;

const trainNames = Object.keys(sets).filter((n) => sets[n].lang === src.lang && !src.sets.includes(n));
const docs: Doc[] = [];
const labels: number[] = [];
for (const n of trainNames) sets[n].texts.forEach((t, i) => (docs.push(featurize(t)), labels.push(sets[n].off[i])));
const base = trainLogReg(docs.map((d) => d.words), Uint8Array.from(labels), { dim: DIM, epochs: 10, lr: 0.3, l2: 1e-6, seed: 1, posWeight: 1 });
const plain = Float64Array.from(test, (d) => {
  let z = base.bias;
  for (const i of d.words.idx) z += base.w[i] * d.words.scale;
  return 1 / (1 + Math.exp(-z));
});

const y = held.test.off;
console.log(`${name} (${y.length} items, ${((100 * y.reduce((a, b) => a + b, 0)) / y.length).toFixed(0)} % offensive), model only:`);
for (const [label, p] of [["ours (LODO model)", ours], [`plain word LR on ${trainNames.join(" + ")}`, plain]] as const) {
  const b = bestF1(y, p);
  console.log(`  ${label}: AUC ${auc(y, p).toFixed(3)}, best macro-F1 ${b.f1.toFixed(3)} at ${b.at.toFixed(2)}`);
}
