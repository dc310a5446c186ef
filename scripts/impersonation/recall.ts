/**
 * Measures a watch against the sandbox's truth: its impostors.jsonl (and fakes.jsonl for the
 * parodies and unrelated look-alikes) over HTTP, against the candidates stored above the alert
 * threshold. Shared by scripts/impersonation-recall.ts and the recall test.
 */
import type { Db } from "../../db/client";
import { ALERT_THRESHOLD } from "../../core/impersonation/score";
import { budgetTotals, currentCandidates, registeredCandidateCount, takeoverOf } from "../../db/read/impersonation";
import { accountByHandle } from "../../db/accounts";

interface Fake {
  kind: "impostor" | "parody" | "unrelated";
  platform: string;
  handle: string;
  imitates: string | null;
  entity: string;
}

export interface RecallReport {
  impostors: number;
  impostorsAbove: number;
  recall: number;
  byPlatform: Record<string, { total: number; above: number }>;
  missed: string[];
  parodies: number;
  parodiesAbove: number;
  unrelated: number;
  unrelatedAbove: number;
  /** Candidates above the threshold that are none of the sandbox's fakes. */
  otherAbove: number;
  others: string[];
  /** Candidates (any score) that are registered accounts: must be 0. */
  ownListed: number;
  takeover: { handle: string | null; flags: string[]; events: number };
  spent: Record<string, number>;
}

async function lines<T>(url: string): Promise<T[]> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
  return (await res.text())
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

export async function recallReport(db: Db, sandboxUrl: string): Promise<RecallReport> {
  const fakes = await lines<Fake>(`${sandboxUrl}/_sandbox/fakes.jsonl`);
  const impostors = await lines<{ platform: string; handle: string; imitates: string }>(`${sandboxUrl}/_sandbox/impostors.jsonl`);
  const all = currentCandidates(db);
  const above = new Set(all.filter((c) => c.score >= ALERT_THRESHOLD).map((c) => `${c.platform}:${c.handle}`));
  const key = (f: { platform: string; handle: string }) => `${f.platform}:${f.handle.toLowerCase()}`;
  const byPlatform: Record<string, { total: number; above: number }> = {};
  const missed: string[] = [];
  for (const i of impostors) {
    const b = (byPlatform[i.platform] ??= { total: 0, above: 0 });
    b.total++;
    if (above.has(key(i))) b.above++;
    else missed.push(key(i));
  }
  const impostorsAbove = impostors.length - missed.length;
  const fakeKeys = new Set(fakes.map(key));
  const parodies = fakes.filter((f) => f.kind === "parody");
  const unrelated = fakes.filter((f) => f.kind === "unrelated");
  const ownListed = registeredCandidateCount(db);
  const takeover = (await (await fetch(`${sandboxUrl}/_sandbox/takeover`)).json()) as { oldHandle: string } | null;
  const account = takeover ? accountByHandle(db, "x", takeover.oldHandle) : undefined;
  const t = account ? takeoverOf(db, account.id) : { rules: [], events: 0 };
  const spent = budgetTotals(db);
  return {
    impostors: impostors.length,
    impostorsAbove,
    recall: impostors.length ? impostorsAbove / impostors.length : 1,
    byPlatform,
    missed,
    parodies: parodies.length,
    parodiesAbove: parodies.filter((p) => above.has(key(p))).length,
    unrelated: unrelated.length,
    unrelatedAbove: unrelated.filter((u) => above.has(key(u))).length,
    otherAbove: [...above].filter((k) => !fakeKeys.has(k)).length,
    others: [...above].filter((k) => !fakeKeys.has(k)),
    ownListed,
    takeover: { handle: takeover?.oldHandle ?? null, flags: t.rules.map((r) => r.replace("gov.official.takeover.", "")), events: t.events },
    spent,
  };
}
