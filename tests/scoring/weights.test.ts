import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { trainModel } from "../../core/scoring/model/pipeline";
import { loadSets } from "../../scripts/scoring/corpus";

const root = resolve(__dirname, "../..");
const committedPath = resolve(root, "core/scoring/model/weights.json");

describe("committed classifier weights", () => {
  it("are small", () => {
    expect(readFileSync(committedPath).length).toBeLessThan(5 * 1024 * 1024);
  });

  it("are exactly what the training script produces (deterministic training)", { timeout: 180_000 }, () => {
    // The data ships with the shared workspace; without it loadSets fails loudly, naming the file.
    const committed = readFileSync(committedPath, "utf8");
    const produced = JSON.stringify(trainModel(loadSets(root))) + "\n";
    expect(produced.length).toBe(committed.length);
    expect(produced === committed).toBe(true);
  });
});
