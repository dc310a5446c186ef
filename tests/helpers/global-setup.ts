/** Runs once before all test files: a scratch folder for per-worker SQLite files and artefacts. */
import { mkdirSync, rmSync } from "node:fs";

export default function setup(): () => void {
  rmSync(".data/test", { recursive: true, force: true });
  mkdirSync(".data/test", { recursive: true });
  mkdirSync("tests/artifacts", { recursive: true });
  return () => rmSync(".data/test", { recursive: true, force: true });
}
