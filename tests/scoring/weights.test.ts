import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { trainModel } from "../../core/scoring/model/pipeline";
import { defaultTrainPath, loadCorpus } from "../../scripts/scoring/corpus";

const root = resolve(__dirname, "../..");
const committedPath = resolve(root, "core/scoring/model/weights.json");
const trainPath = defaultTrainPath(root);

describe("committed classifier weights", () => {
  it("are small", () => {
    expect(readFileSync(committedPath).length).toBeLessThan(3 * 1024 * 1024);
  });

  it("are exactly what the training script produces (deterministic training)", () => {
    // The training file ships with the shared workspace; without it this test cannot run, so fail loudly.
    expect(existsSync(trainPath), `training file missing: ${trainPath}`).toBe(true);
    const committed = readFileSync(committedPath, "utf8");
    const produced = JSON.stringify(trainModel(loadCorpus(trainPath))) + "\n";
    expect(produced.length).toBe(committed.length);
    expect(produced === committed).toBe(true);
  });
});
