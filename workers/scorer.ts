/** Adapter from the scoring library (workers/scoring, owned by the scoring engineer). */
import { POLICY_VERSION, scoreItem } from "./scoring/index";
import type { Scorer } from "./flag-rows";

export type { Scorer } from "./flag-rows";

export const libraryScorer: Scorer = {
  policyVersion: POLICY_VERSION,
  score: (input) => scoreItem(input),
};

