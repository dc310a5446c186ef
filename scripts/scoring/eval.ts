/**
 * `npm run eval:scorer [path]` — k-fold (5, fixed seed) macro-F1 of the classifiers on OSACT 2020
 * (thresholds chosen inside each training fold only), the same with the lexicons added, and the
 * pass count of the hand-written case suite.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { featurizeCorpus, cleanOsact } from "../../core/scoring/model/pipeline";
import { defaultTrainPath, loadCorpus } from "./corpus";
import { kfold } from "../../core/scoring/model/kfold";
import { macroF1 } from "../../core/scoring/model/logreg";
import { runCases } from "../../core/scoring/run-cases";
import { normalize } from "../../core/scoring/normalize";
import { tokenize } from "../../core/scoring/tokens";
import { matchLexicon, type LexHit } from "../../core/scoring/detectors/lexicon";

const here = dirname(fileURLToPath(import.meta.url));
const path = process.argv[2] ?? defaultTrainPath(resolve(here, "../.."));
const t0 = Date.now();
const corpus = loadCorpus(path);
const docs = featurizeCorpus(corpus);
const r = kfold(corpus, docs, 5);

// Lexicons are hand-curated (not fitted to this file), so adding them to out-of-fold predictions is fair.
const lexOff = new Uint8Array(corpus.texts.length);
const lexHs = new Uint8Array(corpus.texts.length);
corpus.texts.forEach((t, i) => {
  const norm = normalize(cleanOsact(t));
  const hits: LexHit[] = [];
  matchLexicon(norm, tokenize(norm.text), hits);
  lexOff[i] = hits.length > 0 ? 1 : 0;
  lexHs[i] = hits.some((h) => h.category === "hate" || h.category === "incitement") ? 1 : 0;
});
const or = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => (x | b[i]) as number);
const combOff = macroF1(corpus.off, or(r.predOff, lexOff));
const combHs = macroF1(corpus.hs, or(r.predHs, lexHs));
const lexOnlyOff = macroF1(corpus.off, lexOff);
const lexOnlyHs = macroF1(corpus.hs, lexHs);
const cases = runCases();

const f = (x: number) => x.toFixed(4);
const lines = [
  `OSACT 2020 train (${corpus.texts.length} tweets), 5-fold stratified, seed fixed; thresholds chosen inside each training fold`,
  `offensive macro-F1  classifier ${f(r.offensive.macroF1)}  (folds ${r.offensive.perFold.map(f).join(" ")})`,
  `hate      macro-F1  classifier ${f(r.hate.macroF1)}  (folds ${r.hate.perFold.map(f).join(" ")})`,
  `offensive macro-F1  classifier+lexicon ${f(combOff)}   lexicon only ${f(lexOnlyOff)}`,
  `hate      macro-F1  classifier+lexicon ${f(combHs)}   lexicon only ${f(lexOnlyHs)}`,
  `case suite: ${cases.passed}/${cases.total} passed`,
  ...cases.failures.map((x) => `  FAIL ${x}`),
  `(${((Date.now() - t0) / 1000).toFixed(1)}s)`,
];
process.stdout.write(lines.join("\n") + "\n");
