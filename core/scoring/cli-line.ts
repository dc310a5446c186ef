/** One JSON Lines record in, one out (the CLI's per-line contract, kept pure for tests and bench). */
import * as score from "./score";
import * as policy from "./policy";
import type { ScoredFlag } from "./types";

// Local bindings, read once: under a CommonJS transform (tsx, the workers) every use of an imported
// name is a getter call, and these are used for every line and every flag.
const { scoreItem } = score;
const { RULE_BY_ID } = policy;

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
  if (typeof o.id !== "string") return errLine(id, o.id === undefined ? "id: missing (expected a string)" : "id: expected a string");
  if (typeof o.text !== "string") return errLine(id, o.text === undefined ? "text: missing (expected a string)" : "text: expected a string");
  if (typeof o.accountClass !== "string" || !CLASSES.includes(o.accountClass)) {
    return errLine(id, `accountClass: expected one of ${CLASSES.join("|")}, got ${JSON.stringify(o.accountClass) ?? "nothing"}`);
  }
  if (typeof o.kind !== "string" || !KINDS.includes(o.kind)) {
    return errLine(id, `kind: expected one of ${KINDS.join("|")}, got ${JSON.stringify(o.kind) ?? "nothing"}`);
  }
  let domains: string[] | undefined;
  if (o.entityDomains !== undefined) {
    if (!Array.isArray(o.entityDomains) || !o.entityDomains.every((d) => typeof d === "string")) {
      return errLine(id, "entityDomains: expected an array of strings");
    }
    domains = o.entityDomains as string[];
  }
  try {
    const r = scoreItem({ text: o.text, accountClass: o.accountClass as "official", kind: o.kind as "post", entityDomains: domains });
    return resultLine(o.id, r.risk, r.flags);
  } catch (e) {
    return errLine(id, `scoring failed: ${(e as Error).message}`);
  }
}

/** An error record (a plain function: a closure per line would be allocated for every post). */
function errLine(id: string | number | null, msg: string): string {
  return JSON.stringify({ id, error: msg });
}

/** Per rule, the constant head of its serialised flag (rule, clause, category, severity). */
const FLAG_HEAD = new Map<string, string>();
for (const [id, r] of RULE_BY_ID) {
  FLAG_HEAD.set(id, `{"rule":${JSON.stringify(id)},"clause":${JSON.stringify(r.clause)},"category":${JSON.stringify(r.category)},"severity":${JSON.stringify(r.severity)},"score":`);
}

/**
 * `JSON.stringify({ id, risk, flags })`, byte for byte, without walking the constant parts of each
 * flag (tests/scoring/cli.test.ts checks the equality). A null id is for callers without one (the
 * check API when the request names no id).
 */
export function resultLine(id: string | null, risk: number, flags: readonly ScoredFlag[]): string {
  const idJson = id === null ? `{"id":null,"risk":` : plain(id) ? `{"id":"${id}","risk":` : `{"id":${JSON.stringify(id)},"risk":`;
  if (flags.length === 0) return `${idJson}${jsonNumber(risk)},"flags":[]}`; // most posts
  let out = `${idJson}${jsonNumber(risk)},"flags":[`;
  for (let i = 0; i < flags.length; i++) {
    const f = flags[i];
    const head = FLAG_HEAD.get(f.rule);
    const def = RULE_BY_ID.get(f.rule);
    if (head === undefined || !def || def.clause !== f.clause || def.category !== f.category || def.severity !== f.severity) {
      out += (i > 0 ? "," : "") + JSON.stringify(f);
      continue;
    }
    out += `${i > 0 ? "," : ""}${head}${jsonNumber(f.score)},"spans":[`;
    for (let k = 0; k < f.spans.length; k++) {
      const sp = f.spans[k];
      const text = plain(sp.text) ? `"${sp.text}"` : JSON.stringify(sp.text);
      out += `${k > 0 ? "," : ""}{"start":${sp.start},"end":${sp.end},"text":${text}}`;
    }
    out += "]}";
  }
  return out + "]}";
}

/**
 * Can `s` be written as JSON between quotes as it is? (No quote, backslash, control character or
 * surrogate: the usual case, and a short scan is cheaper than JSON.stringify.)
 */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c & 0xf800) === 0xd800) return false;
  }
  return true;
}

/** Scores and risks are rounded to thousandths: their texts, made once (`${k / 1000}` is what JSON writes). */
const THOUSANDTHS = Array.from({ length: 1001 }, (_, k) => `${k / 1000}`);

/** `JSON.stringify(x)` for a number (non-finite numbers are written as null). */
function jsonNumber(x: number): string {
  const k = Math.round(x * 1000);
  if (k >= 0 && k <= 1000 && k / 1000 === x) return THOUSANDTHS[k];
  return Number.isFinite(x) ? `${x}` : "null";
}
