/**
 * Choosing flag thresholds on validation data (training and eval only). One curve per task and
 * language; each account class gets its own operating point on it:
 * - `executive`: the best macro-F1 (smoothed over ±0.02, so one lucky tweet does not pick it);
 * - `employee`: recall-leaning, because a reviewer checks every flag on personal accounts: the
 *   lowest threshold whose smoothed macro-F1 is within `EMPLOYEE_SLACK` of the best (offensive
 *   only; for hate the same as executive, see `chooseThresholds`);
 * - `official`: the lowest threshold at or above the executive one with precision ≥
 *   `OFFICIAL_PRECISION`, as long as its smoothed macro-F1 stays within `OFFICIAL_SLACK` of the
 *   best ("moderately stricter"); if precision never gets there within that slack, the most
 *   precise threshold inside it.
 */
import type { ClassThresholds } from "./pipeline-types";

export const OFFICIAL_PRECISION = 0.85;
export const EMPLOYEE_SLACK = 0.01;
export const OFFICIAL_SLACK = 0.02;
/**
 * Least precision a hate threshold must reach on validation data, for every class. A flag named
 * "hate" that is wrong three times out of four (the English hate model peaks at precision 0.37 on
 * its validation data: it learned group names, "women", "gay", as hate) is noise for reviewers and
 * an accusation against the account; where no threshold reaches it the model raises no hate flag
 * on its own (the group-hate detector and the lexicon still do).
 */
export const HATE_MIN_PRECISION = 0.5;
/**
 * Least recall a point with a precision floor may have: a threshold that catches 1 % of the
 * positives at precision 0.5 (English hate at 0.85) is precise by accident of a few items, not a
 * detector.
 */
export const MIN_RECALL = 0.05;
/** A threshold no probability reaches: the model never flags the task by itself. */
export const NEVER = 1.01;
const LO = 5;
const HI = 95;

export interface CurvePoint {
  threshold: number;
  precision: number;
  recall: number;
  macroF1: number;
}

/**
 * Weight of each negative item so that positives make up `prevalence` of the weighted set (1 when
 * `prevalence` is null). Validation data whose positive share is far from live posts' (English:
 * 85 % offensive) would otherwise put the thresholds where almost everything is flagged.
 */
export function negativeWeight(y: Uint8Array, prevalence: number | null): number {
  if (prevalence === null) return 1;
  let pos = 0;
  for (let i = 0; i < y.length; i++) pos += y[i];
  const neg = y.length - pos;
  if (pos === 0 || neg === 0) return 1;
  return (pos * (1 - prevalence)) / (prevalence * neg);
}

/** Precision, recall (positive class) and macro-F1 at thresholds 0.05, 0.06 … 0.95; negatives count `negWeight` each. */
export function prCurve(y: Uint8Array, p: Float64Array, negWeight = 1): CurvePoint[] {
  const out: CurvePoint[] = [];
  for (let k = LO; k <= HI; k++) {
    const t = k / 100;
    let tp = 0, fp = 0, fn = 0, tn = 0;
    for (let i = 0; i < y.length; i++) {
      if (p[i] >= t) {
        if (y[i] === 1) tp++;
        else fp++;
      } else if (y[i] === 1) fn++;
      else tn++;
    }
    fp *= negWeight;
    tn *= negWeight;
    const f = (a: number, b: number, c: number) => (a === 0 ? 0 : (2 * a) / (2 * a + b + c));
    out.push({
      threshold: t,
      precision: tp + fp === 0 ? 1 : tp / (tp + fp),
      recall: tp + fn === 0 ? 0 : tp / (tp + fn),
      macroF1: (f(tp, fp, fn) + f(tn, fn, fp)) / 2,
    });
  }
  return out;
}

/**
 * `employeeSlack`: how far below the best macro-F1 the employee point may go for recall. Hate uses
 * 0: a hateful post is nearly always offensive too, so a missed hate flag still leaves an
 * offensive one for the reviewer, while an insult wrongly called hate is a worse error.
 */
export function chooseThresholds(
  y: Uint8Array,
  p: Float64Array,
  prevalence: number | null = null,
  employeeSlack = EMPLOYEE_SLACK,
  minPrecision = 0,
): ClassThresholds {
  const c = prCurve(y, p, negativeWeight(y, prevalence));
  const smooth = c.map((_, i) => {
    let s = 0;
    let n = 0;
    for (let j = Math.max(0, i - 2); j <= Math.min(c.length - 1, i + 2); j++) {
      s += c[j].macroF1;
      n++;
    }
    return s / n;
  });
  let best = 0;
  for (let i = 1; i < c.length; i++) if (smooth[i] > smooth[best]) best = i;
  let emp = best;
  for (let i = 0; i < best; i++) {
    if (smooth[i] >= smooth[best] - employeeSlack) {
      emp = i;
      break;
    }
  }
  let off = -1;
  let mostPrecise = best;
  for (let i = best; i < c.length && smooth[i] >= smooth[best] - OFFICIAL_SLACK; i++) {
    if (c[i].precision >= OFFICIAL_PRECISION) {
      off = i;
      break;
    }
    if (c[i].precision > c[mostPrecise].precision) mostPrecise = i;
  }
  if (off < 0) off = mostPrecise;
  // Raise each point to the first threshold at or above it that is precise enough (smoothed
  // over ±2 points that flag something), or to NEVER when none is.
  const precise = (i: number): number => {
    for (let j = i; j < c.length; j++) {
      // (Almost) nothing flagged from here on: its precision means nothing.
      if (c[j].recall === 0 || (minPrecision > 0 && c[j].recall < MIN_RECALL)) break;
      let s = 0;
      let n = 0;
      for (let k = Math.max(0, j - 2); k <= Math.min(c.length - 1, j + 2); k++) {
        if (c[k].recall === 0) continue;
        s += c[k].precision;
        n++;
      }
      if (s / n >= minPrecision) return c[j].threshold;
    }
    return NEVER;
  };
  return { official: precise(off), executive: precise(best), employee: precise(emp) };
}
