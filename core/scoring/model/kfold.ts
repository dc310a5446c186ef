/** K-fold evaluation of the training pipeline (thresholds chosen inside each training fold only). */
import { predictHate, stratifiedFolds, trainHate, trainTask, type Corpus, PARAMS, SEED } from "./pipeline";
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
    const trOff = Uint8Array.from(tr, (i) => c.off[i]);
    const trHs = Uint8Array.from(tr, (i) => c.hs[i]);
    const ow = trainTask(trDocs, trOff, params.offensive);
    const hw = trainHate(trDocs, trOff, trHs, params.offensive, params.hate);
    const om = { w: dense(ow, params.offensive.dim), bias: ow.bias };
    const hm = { w: dense(hw, params.hate.dim), bias: hw.bias };
    const po = new Uint8Array(te.length);
    const ph = new Uint8Array(te.length);
    te.forEach((i, j) => {
      po[j] = predict(om, docs[i]) >= ow.threshold ? 1 : 0;
      ph[j] = predictHate(om, hm, docs[i]) >= hw.threshold ? 1 : 0;
      predOff[i] = po[j];
      predHs[i] = ph[j];
    });
    perOff.push(macroF1(Uint8Array.from(te, (i) => c.off[i]), po));
    perHs.push(macroF1(Uint8Array.from(te, (i) => c.hs[i]), ph));
  }
  return {
    offensive: { macroF1: macroF1(c.off, predOff), perFold: perOff },
    hate: { macroF1: macroF1(c.hs, predHs), perFold: perHs },
    predOff,
    predHs,
  };
}
