/** K-fold evaluation of the training pipeline (thresholds chosen inside each training fold only). */
import { stratifiedFolds, trainTask, type Corpus, PARAMS, SEED } from "./pipeline";
import { dense } from "./pipeline-types";
import { macroF1, predict, type SparseDoc } from "./logreg";

export interface FoldResult {
  offensive: { macroF1: number; perFold: number[] };
  hate: { macroF1: number; perFold: number[] };
  /** Out-of-fold predictions, for combining with the lexicon. */
  predOff: Uint8Array;
  predHs: Uint8Array;
}

export function kfold(c: Corpus, docs: SparseDoc[], k = 5, params = PARAMS): FoldResult {
  const strata = new Int32Array(c.off.length);
  for (let i = 0; i < strata.length; i++) strata[i] = c.off[i] + c.hs[i];
  const fold = stratifiedFolds(strata, k, SEED);
  const predOff = new Uint8Array(docs.length);
  const predHs = new Uint8Array(docs.length);
  const perOff: number[] = [];
  const perHs: number[] = [];
  for (let f = 0; f < k; f++) {
    const tr: number[] = [];
    const te: number[] = [];
    for (let i = 0; i < docs.length; i++) (fold[i] === f ? te : tr).push(i);
    const trDocs = tr.map((i) => docs[i]);
    for (const [task, y, pred, per] of [
      ["offensive", c.off, predOff, perOff],
      ["hate", c.hs, predHs, perHs],
    ] as const) {
      const tw = trainTask(trDocs, Uint8Array.from(tr, (i) => y[i]), params[task]);
      const m = { w: dense(tw, params[task].dim), bias: tw.bias };
      const yt = Uint8Array.from(te, (i) => y[i]);
      const pt = new Uint8Array(te.length);
      te.forEach((i, j) => {
        pt[j] = predict(m, docs[i]) >= tw.threshold ? 1 : 0;
        pred[i] = pt[j];
      });
      per.push(macroF1(yt, pt));
    }
  }
  return {
    offensive: { macroF1: macroF1(c.off, predOff), perFold: perOff },
    hate: { macroF1: macroF1(c.hs, predHs), perFold: perHs },
    predOff,
    predHs,
  };
}
