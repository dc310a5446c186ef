/** Entity overview: scores from rollups, accounts with failing controls, recent flagged posts. */
import type { Db } from "../../../db/client";
import type { FlagRow, FlaggedPostRow } from "../../../db/flags";
import { entityAccounts, openFlagsByAccount, recentFlaggedPosts } from "../../../db/read/entity";
import { currentOwner, governanceOwner, lastPublishedAt, type AccountRow, type OwnerRow } from "../../../db/read/governance";
import type { EvidenceSpan } from "../../../core/enums";
import { evaluateControls, governanceAccount, type ControlResult } from "../../../core/governance";
import { entityScores, type EntityScores } from "./rollups.server";
import { ruleInfo } from "./rules.server";

export interface AccountRowView {
  id: number;
  platform: string;
  handle: string;
  class: string;
  status: string;
  displayName: string | null;
  followers: number | null;
  verified: boolean | null;
  openFlags: number;
  controls: number;
  failing: { id: string; title: { ar: string; en: string } }[];
}

export interface FlagView {
  id: number;
  ruleId: string;
  clause: string;
  category: string;
  severity: string;
  status: string;
  escalated: boolean;
  score: number;
  spans: EvidenceSpan[];
  createdAt: number;
  title: { ar: string; en: string };
  rationale: { ar: string; en: string };
}

export interface FlaggedPostView {
  postId: number;
  accountId: number;
  platform: string;
  handle: string;
  text: string;
  url: string | null;
  publishedAt: number;
  deletedAt: number | null;
  flags: FlagView[];
}

/** Current controls of one account (its open ownership record unless given). */
export function accountControls(db: Db, a: AccountRow, domains: string[], now: number, owner: OwnerRow | undefined = currentOwner(db, a.id)): ControlResult[] {
  return evaluateControls({
    account: governanceAccount(a, a.lastPostAt ?? lastPublishedAt(db, a.id)),
    owner: governanceOwner(owner),
    entityDomains: domains,
    now: new Date(now),
  });
}

/** Official email domains, from the parsed list or its JSON text; anything else is none. */
export function parseDomains(s: unknown): string[] {
  let v = s;
  if (!Array.isArray(v)) {
    try {
      v = JSON.parse(String(s ?? "[]"));
    } catch {
      return [];
    }
  }
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

export function toFlagView(f: FlagRow): FlagView {
  const info = ruleInfo(f.ruleId, f.clauseId, f.category, f.severity);
  return {
    id: f.id,
    ruleId: f.ruleId,
    clause: f.clauseId,
    category: f.category,
    severity: f.severity,
    status: f.status,
    escalated: !!f.escalated,
    score: f.score,
    spans: safeSpans(f.spans),
    createdAt: f.createdAt,
    title: info.title,
    rationale: info.rationale,
  };
}

const isSpan = (x: unknown): x is { start: number; end: number; text?: unknown } =>
  typeof x === "object" && x !== null && "start" in x && "end" in x && Number.isInteger(x.start) && Number.isInteger(x.end);

/** The stored evidence spans (JSON text); malformed entries are dropped. */
function safeSpans(s: string): EvidenceSpan[] {
  try {
    const v: unknown = JSON.parse(s);
    return Array.isArray(v) ? v.filter(isSpan).map((x) => ({ start: x.start, end: x.end, text: String(x.text ?? "") })) : [];
  } catch {
    return [];
  }
}

/** Groups flag rows (joined with their post) into posts with their flags, newest first. */
export function groupFlaggedPosts(rows: readonly FlaggedPostRow[], limit: number): FlaggedPostView[] {
  const out = new Map<number, FlaggedPostView>();
  for (const r of rows) {
    let p = out.get(r.postId);
    if (!p) {
      if (out.size >= limit) continue;
      p = { postId: r.postId, accountId: r.accountId, platform: r.platform, handle: r.handle, text: r.text, url: r.url, publishedAt: r.publishedAt, deletedAt: r.deletedAt, flags: [] };
      out.set(r.postId, p);
    }
    p.flags.push(toFlagView(r));
  }
  return [...out.values()];
}

export interface EntityOverview {
  scores: EntityScores;
  accounts: AccountRowView[];
  recent: FlaggedPostView[];
  openFlags: number;
}

export function entityOverview(db: Db, entity: { id: number; emailDomains: unknown }, now: number): EntityOverview {
  const scores = entityScores(db, entity.id, now);
  const domains = parseDomains(entity.emailDomains);
  const openByAccount = openFlagsByAccount(db, entity.id);
  const accounts = entityAccounts(db, entity.id).map((a): AccountRowView => {
    const controls = accountControls(db, a, domains, now);
    return {
      id: a.id,
      platform: a.platform,
      handle: a.handle,
      class: a.class,
      status: a.status,
      displayName: a.displayName,
      followers: a.followers,
      verified: a.verified === null ? null : !!a.verified,
      openFlags: openByAccount.get(a.id) ?? 0,
      controls: controls.length,
      failing: controls.filter((c) => !c.met).map((c) => ({ id: c.id, title: c.title })),
    };
  });
  // Most recent open and confirmed post flags, grouped by post.
  const openFlags = [...openByAccount.values()].reduce((s, n) => s + n, 0);
  return { scores, accounts, recent: groupFlaggedPosts(recentFlaggedPosts(db, entity.id), 8), openFlags };
}
