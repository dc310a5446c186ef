/**
 * `npm run eval:scorer` — how well the scorer's abusive-language flags match labelled data, through
 * `scoreItem` itself (lexicons, masks, classifiers, per-class thresholds), the way the team's
 * judge maps flags: offensive = any flag of category offensive / hate / obscene; hate = a hate flag.
 * 1. Leave-one-dataset-out: for each source, its language's classifiers are retrained without it
 *    and the source is scored (the honest figure for unseen data).
 * 2. 5-fold cross-validation over OSACT train + dev (each fold scored by the language retrained
 *    without it, thresholds included): the estimate for new tweets drawn like OSACT's, which is
 *    how the OffensEval-2020 test split was drawn.
 * 3. The precision/recall curves on the out-of-fold predictions the committed thresholds were
 *    chosen on.
 * 4. The hand-written case suite.
 * 5. Our functional hate suite per function (`functionalReport()`, with the natural-sentence
 *    blind sets) and how many of the official posts that must stay quiet raise a flag.
 * Reads the data folder (env SCORER_DATA); writes nothing.
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadSets } from "./corpus";
import { scoreItem } from "../../core/scoring/score";
import { currentModels, replaceModels } from "../../core/scoring/model/classifier";
import { macroF1 } from "../../core/scoring/model/logreg";
import { crossValidate, leaveOut, SOURCES, type HeldOut } from "../../core/scoring/model/lodo";
import { concatSets } from "../../core/scoring/model/data";
import { DATA, featurize, fitLanguage, PairPredictor, planLanguage } from "../../core/scoring/model/pipeline";
import { negativeWeight, prCurve } from "../../core/scoring/model/calibrate";
import { runCases } from "../../core/scoring/run-cases";
import { functionalReport } from "../../core/scoring/suites/functional-report";
import { OFFICIAL_POSTS } from "../../core/scoring/suites/official-posts";
import type { LabelledSet, Lang } from "../../core/scoring/model/data";
import type { LanguageModel, ModelClass } from "../../core/scoring/model/pipeline-types";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const t0 = Date.now();
const sets = loadSets(root);
const CLASSES: ModelClass[] = ["official", "executive", "employee"];
const ABUSE = new Set(["offensive", "hate", "obscene"]);
const f3 = (x: number) => x.toFixed(3);

interface Flagged {
  off: Uint8Array;
  hs: Uint8Array;
}

/** What the whole scorer flags (offensive, hate) on each item of a set, for one account class. */
function flagSet(s: LabelledSet, accountClass: ModelClass): Flagged {
  const off = new Uint8Array(s.texts.length);
  const hs = new Uint8Array(s.texts.length);
  s.texts.forEach((text, i) => {
    for (const f of scoreItem({ text, accountClass, kind: "post" }).flags) {
      if (ABUSE.has(f.category)) off[i] = 1;
      if (f.category === "hate") hs[i] = 1;
    }
  });
  return { off, hs };
}

/** What the classifier alone flags at its thresholds (no lexicon). */
function flagModelOnly(m: LanguageModel, s: LabelledSet, cls: ModelClass): Flagged {
  const p = new PairPredictor(m).predictAll(s.texts.map(featurize));
  const at = (q: Float64Array, t: number) => Uint8Array.from(q, (x) => (x >= t ? 1 : 0));
  return { off: at(p.pOff, m.thresholds.offensive[cls]), hs: at(p.pHs, m.thresholds.hate[cls]) };
}

/** Every class's whole-scorer flags and the employee-class model-only flags on held-out items. */
function flagHeldOut(h: HeldOut): Flagged[] {
  replaceModels({ ...committed, [h.lang]: h.model } as Record<Lang, LanguageModel>);
  return [...CLASSES.map((c) => flagSet(h.test, c)), flagModelOnly(h.model, h.test, "employee")];
}

/** One table row: macro-F1 of each flag list against the set's labels. */
function row(name: string, s: LabelledSet, r: Flagged[]): string {
  const whole = r.slice(0, CLASSES.length);
  const mo = r[CLASSES.length];
  const f = (y: Uint8Array, q: Uint8Array) => f3(macroF1(y, q));
  return `| ${name} | ${s.texts.length} | ${whole.map((x) => f(s.off, x.off)).join(" | ")} | ${whole.map((x) => f(s.hs, x.hs)).join(" | ")} | ${f(s.off, mo.off)} / ${f(s.hs, mo.hs)} |`;
}

const out: string[] = [];
const committed = currentModels();
const header = `| held out | items | ${CLASSES.map((c) => `off ${c}`).join(" | ")} | ${CLASSES.map((c) => `hate ${c}`).join(" | ")} | model only off/hate (employee) |`;
const rule = `|${"---|".repeat(2 + 2 * CLASSES.length + 1)}`;

out.push("## Leave-one-dataset-out (whole scorer, macro-F1; the source's language retrained without it)", "", header, rule);
for (const src of SOURCES) {
  const h = leaveOut(sets, src);
  out.push(row(src.name, h.test, flagHeldOut(h)));
}

const FOLDS = 5;
out.push("", `## ${FOLDS}-fold cross-validation over OSACT train + dev (whole scorer; each fold scored by Arabic retrained without it, thresholds included)`, "", header, rule);
{
  const osact = SOURCES.find((x) => x.name === "osact")!;
  const tests: LabelledSet[] = [];
  const flags: Flagged[][] = [];
  for (const h of crossValidate(sets, osact, FOLDS)) {
    tests.push(h.test);
    flags.push(flagHeldOut(h));
  }
  const join = (k: number): Flagged => ({ off: Uint8Array.from(flags.flatMap((r) => Array.from(r[k].off))), hs: Uint8Array.from(flags.flatMap((r) => Array.from(r[k].hs))) });
  out.push(row(`osact (${FOLDS} folds pooled)`, concatSets("osact", tests), flags[0].map((_, k) => join(k))));
}
replaceModels(committed as Record<Lang, LanguageModel>);

out.push("", "## Precision / recall on the out-of-fold predictions the committed thresholds were chosen on (positive class)", "");
for (const lang of ["ar", "en"] as const) {
  const { model: m, validation: v } = fitLanguage(planLanguage(lang, sets));
  const val = v.set;
  for (const task of ["offensive", "hate"] as const) {
    const y = task === "offensive" ? val.off : val.hs;
    const prev = DATA[lang].prevalence[task];
    const curve = prCurve(y, task === "offensive" ? v.pOff : v.pHs, negativeWeight(y, prev));
    const th = m.thresholds[task];
    const marks = (t: number) => CLASSES.filter((c) => Math.abs(th[c] - t) < 1e-9).join(", ");
    out.push(`${lang} ${task} on ${m.validatedOn} (negatives reweighted to a positive share of ${prev}): thresholds ${JSON.stringify(th)}`, "", "| threshold | precision | recall | macro-F1 | chosen for |", "|---|---|---|---|---|");
    for (const pt of curve) {
      const k = Math.round(pt.threshold * 100);
      const chosen = marks(pt.threshold);
      if (k % 10 !== 0 && chosen === "") continue;
      out.push(`| ${pt.threshold.toFixed(2)} | ${f3(pt.precision)} | ${f3(pt.recall)} | ${f3(pt.macroF1)} | ${chosen} |`);
    }
    out.push("");
  }
}

const cases = runCases();
out.push(`case suite: ${cases.passed}/${cases.total} passed`, ...cases.failures.map((x) => `  FAIL ${x}`));
out.push("", functionalReport().table, "");
const loud = OFFICIAL_POSTS.filter((text) => scoreItem({ text, accountClass: "official", kind: "post" }).flags.length > 0);
out.push(`official posts with any flag (official class): ${loud.length}/${OFFICIAL_POSTS.length}`, ...loud.map((x) => `  FLAGGED ${x}`));
out.push(`(${((Date.now() - t0) / 1000).toFixed(1)}s)`);
process.stdout.write(out.join("\n") + "\n");
