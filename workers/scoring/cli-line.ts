/** One JSON Lines record in, one out (the CLI's per-line contract, kept pure for tests and bench). */
import { scoreItem } from "./score";

const CLASSES = ["official", "executive", "employee"];
const KINDS = ["post", "bio"];

export function processLine(line: string): string {
  let v: unknown;
  try {
    v = JSON.parse(line);
  } catch (e) {
    return JSON.stringify({ id: null, error: `invalid JSON: ${(e as Error).message}` });
  }
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    return JSON.stringify({ id: null, error: "expected a JSON object with id, text, accountClass and kind" });
  }
  const o = v as Record<string, unknown>;
  const id = typeof o.id === "string" || typeof o.id === "number" ? o.id : null;
  const err = (msg: string) => JSON.stringify({ id, error: msg });
  if (typeof o.id !== "string") return err(o.id === undefined ? "id: missing (expected a string)" : "id: expected a string");
  if (typeof o.text !== "string") return err(o.text === undefined ? "text: missing (expected a string)" : "text: expected a string");
  if (typeof o.accountClass !== "string" || !CLASSES.includes(o.accountClass)) {
    return err(`accountClass: expected one of ${CLASSES.join("|")}, got ${JSON.stringify(o.accountClass) ?? "nothing"}`);
  }
  if (typeof o.kind !== "string" || !KINDS.includes(o.kind)) {
    return err(`kind: expected one of ${KINDS.join("|")}, got ${JSON.stringify(o.kind) ?? "nothing"}`);
  }
  let domains: string[] | undefined;
  if (o.entityDomains !== undefined) {
    if (!Array.isArray(o.entityDomains) || !o.entityDomains.every((d) => typeof d === "string")) {
      return err("entityDomains: expected an array of strings");
    }
    domains = o.entityDomains as string[];
  }
  try {
    const r = scoreItem({ text: o.text, accountClass: o.accountClass as "official", kind: o.kind as "post", entityDomains: domains });
    return JSON.stringify({ id: o.id, risk: r.risk, flags: r.flags });
  } catch (e) {
    return err(`scoring failed: ${(e as Error).message}`);
  }
}
