/** Adapter from the scoring library (core/scoring). */
import { POLICY_VERSION, scoreItem } from "../core/scoring/index";
import type { Scorer } from "./flag-rows";

export type { Scorer } from "./flag-rows";

export const libraryScorer: Scorer = {
  policyVersion: POLICY_VERSION,
  score: (input) => scoreItem(input),
};

