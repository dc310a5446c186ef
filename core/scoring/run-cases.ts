/** Run the hand-written case suite against scoreItem. */
import { CASES, type Case } from "./cases";
import { scoreItem } from "./score";

export function checkCase(c: Case): string | null {
  const r = scoreItem({ text: c.text, accountClass: c.accountClass ?? "employee", kind: c.kind ?? "post", entityDomains: c.entityDomains });
  const got = new Set(r.flags.map((f) => f.rule));
  for (const rule of c.flags ?? []) if (!got.has(rule)) return `expected ${rule}, got [${[...got].join(", ")}]`;
  for (const rule of c.not ?? []) {
    if (rule === "*" && got.size > 0) return `expected no flag, got [${[...got].join(", ")}]`;
    if (got.has(rule)) return `unexpected ${rule}`;
  }
  if (c.span && c.flags?.length) {
    const f = r.flags.find((x) => x.rule === c.flags![0])!;
    if (!f.spans.some((s) => s.text === c.span && c.text.slice(s.start, s.end) === c.span)) {
      return `expected span "${c.span}" on ${f.rule}, got ${JSON.stringify(f.spans.map((s) => s.text))}`;
    }
  }
  return null;
}

export function runCases(): { passed: number; total: number; failures: string[] } {
  const failures: string[] = [];
  for (const c of CASES) {
    const e = checkCase(c);
    if (e) failures.push(`${c.name}: ${e}`);
  }
  return { passed: CASES.length - failures.length, total: CASES.length, failures };
}
