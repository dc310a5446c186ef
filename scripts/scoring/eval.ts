/**
 * `npm run eval:scorer` — how well the scorer's abusive-language flags match labelled data, through
 * `scoreItem` itself (lexicons, masks, classifiers, per-class thresholds), the way the team's
 * judge maps flags: offensive = any flag of category offensive / hate / obscene; hate = a hate flag.
 * 1. Leave-one-dataset-out: for each source, its language's classifiers are retrained without it
 *    and the source is scored (the honest figure for unseen data).
 * 2. The committed model on OSACT dev (where its Arabic thresholds were chosen: optimistic).
 * 3. The precision/recall curves of the committed classifiers on their validation data.
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
import { leaveOut, SOURCES } from "../../core/scoring/model/lodo";
import { DATA, featurize, PairPredictor, planLanguage } from "../../core/scoring/model/pipeline";
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

/** Macro-F1 (offensive, hate) of the whole scorer on a set, for one account class. */
function scoreSet(s: LabelledSet, accountClass: ModelClass): { off: number; hs: number } {
  const po = new Uint8Array(s.texts.length);
  const ph = new Uint8Array(s.texts.length);
  s.texts.forEach((text, i) => {
    for (const f of scoreItem({ text, accountClass, kind: "post" }).flags) {
      if (ABUSE.has(f.category)) po[i] = 1;
      if (f.category === "hate") ph[i] = 1;
    }
  });
  return { off: macroF1(s.off, po), hs: macroF1(s.hs, ph) };
}

/** Macro-F1 of the classifier alone at its thresholds (no lexicon). */
function modelOnly(m: LanguageModel, s: LabelledSet, cls: ModelClass): { off: number; hs: number } {
  const p = new PairPredictor(m).predictAll(s.texts.map(featurize));
  const at = (y: Uint8Array, q: Float64Array, t: number) => macroF1(y, Uint8Array.from(q, (x) => (x >= t ? 1 : 0)));
  return { off: at(s.off, p.pOff, m.thresholds.offensive[cls]), hs: at(s.hs, p.pHs, m.thresholds.hate[cls]) };
}

const out: string[] = [];
const committed = currentModels();
const header = `| held out | items | ${CLASSES.map((c) => `off ${c}`).join(" | ")} | ${CLASSES.map((c) => `hate ${c}`).join(" | ")} | model only off/hate (employee) |`;
const rule = `|${"---|".repeat(2 + 2 * CLASSES.length + 1)}`;

out.push("## Leave-one-dataset-out (whole scorer, macro-F1; the source's language retrained without it)", "", header, rule);
for (const src of SOURCES) {
  const h = leaveOut(sets, src);
  replaceModels({ ...committed, [src.lang]: h.model } as Record<Lang, LanguageModel>);
  const r = CLASSES.map((c) => scoreSet(h.test, c));
  const mo = modelOnly(h.model, h.test, "employee");
  out.push(
    `| ${src.name} | ${h.test.texts.length} | ${r.map((x) => f3(x.off)).join(" | ")} | ${r.map((x) => f3(x.hs)).join(" | ")} | ${f3(mo.off)} / ${f3(mo.hs)} |`,
  );
}
replaceModels(committed as Record<Lang, LanguageModel>);

out.push("", "## Committed model on OSACT dev (Arabic thresholds were chosen here: optimistic)", "", header, rule);
{
  const dev = sets["osact-dev"];
  const r = CLASSES.map((c) => scoreSet(dev, c));
  const mo = modelOnly(committed.ar, dev, "employee");
  out.push(`| osact-dev | ${dev.texts.length} | ${r.map((x) => f3(x.off)).join(" | ")} | ${r.map((x) => f3(x.hs)).join(" | ")} | ${f3(mo.off)} / ${f3(mo.hs)} |`);
}

out.push("", "## Precision / recall of the committed classifiers on their validation data (positive class)", "");
for (const lang of ["ar", "en"] as const) {
  const m = committed[lang];
  const val = planLanguage(lang, sets).validate;
  const p = new PairPredictor(m).predictAll(val.texts.map(featurize));
  for (const task of ["offensive", "hate"] as const) {
    const y = task === "offensive" ? val.off : val.hs;
    const prev = DATA[lang].prevalence?.[task] ?? null;
    const curve = prCurve(y, task === "offensive" ? p.pOff : p.pHs, negativeWeight(y, prev));
    const th = m.thresholds[task];
    const marks = (t: number) => CLASSES.filter((c) => Math.abs(th[c] - t) < 1e-9).join(", ");
    out.push(`${lang} ${task} on ${val.name}${prev === null ? "" : ` (negatives reweighted to a positive share of ${prev})`}: thresholds ${JSON.stringify(th)}`, "", "| threshold | precision | recall | macro-F1 | chosen for |", "|---|---|---|---|---|");
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
