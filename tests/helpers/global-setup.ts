/**
 * Runs once before all test files: folders for per-test SQLite files and artefacts. Nothing is
 * deleted here, so concurrent runs do not pull files from under each other; scripts/test.sh clears
 * .data/test before a full run.
 */
import { mkdirSync } from "node:fs";

export default function setup(): void {
  mkdirSync(".data/test", { recursive: true });
  mkdirSync("tests/artifacts", { recursive: true });
}
