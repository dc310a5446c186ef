/* eslint-disable @typescript-eslint/no-explicit-any -- untyped rows from raw SQL (better-sqlite3) */
/** Entity overview: scores from rollups, accounts with failing controls, recent flagged posts. */
import { stmt } from "./stmt.server";
import type { Db } from "../../../db/client";
import type { EvidenceSpan } from "../../../core/enums";
import { evaluateControls, type ControlResult, type GovernanceOwner } from "../../../core/governance";
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

interface OwnerRaw {
  custodian_name: string | null;
  custodian_email: string | null;
  backup_name: string | null;
  backup_email: string | null;
  credential_custody: GovernanceOwner["credentialCustody"];
  two_factor: GovernanceOwner["twoFactor"];
  recovery_contact: string | null;
  attested_at: number | null;
}

export function ownerFromRaw(o: OwnerRaw | undefined): GovernanceOwner | null {
  if (!o) return null;
  return {
    custodianName: o.custodian_name,
    custodianEmail: o.custodian_email,
    backupName: o.backup_name,
    backupEmail: o.backup_email,
    credentialCustody: o.credential_custody,
    twoFactor: o.two_factor,
    recoveryContact: o.recovery_contact,
    attestedAt: o.attested_at === null ? null : new Date(o.attested_at),
  };
}

/** Current controls of one account row (SQL row of accounts + entities.email_domains). */
export function controlsForAccountRow(db: Db, a: Record<string, any>, domains: string[], now: number): ControlResult[] {
  const owner = stmt(db, `SELECT * FROM account_owners WHERE account_id = ? AND valid_to IS NULL ORDER BY valid_from DESC, id DESC LIMIT 1`)
    .get(a.id) as OwnerRaw | undefined;
  const last =
    a.last_post_at ??
    (stmt(db, `SELECT max(published_at) AS t FROM posts WHERE account_id = ?`).get(a.id) as { t: number | null }).t;
  return evaluateControls({
    account: {
      class: a.class,
      status: a.status,
      registryStatus: a.registry_status,
      verified: a.verified === null ? null : !!a.verified,
      verificationRequested: !!a.verification_requested,
      bio: a.bio,
      linkedOfficialAccountId: a.linked_official_account_id,
      managedBy: a.managed_by,
      handoverPlan: a.handover_plan,
      lastPostAt: last === null || last === undefined ? null : new Date(last),
    },
    owner: ownerFromRaw(owner),
    entityDomains: domains,
    now: new Date(now),
  });
}

export function parseDomains(s: unknown): string[] {
  if (Array.isArray(s)) return s.filter((x): x is string => typeof x === "string");
  try {
    const v = JSON.parse(String(s ?? "[]"));
    return Array.isArray(v) ? v : [];
  } catch {
    return [];
  }
}

export function toFlagView(f: Record<string, any>): FlagView {
  const info = ruleInfo(f.rule_id, f.clause_id, f.category, f.severity);
  return {
    id: f.id,
    ruleId: f.rule_id,
    clause: f.clause_id,
    category: f.category,
    severity: f.severity,
    status: f.status,
    escalated: !!f.escalated,
    score: f.score,
    spans: safeSpans(f.spans),
    createdAt: f.created_at,
    title: info.title,
    rationale: info.rationale,
  };
}

function safeSpans(s: unknown): EvidenceSpan[] {
  try {
    const v = typeof s === "string" ? JSON.parse(s) : s;
    return Array.isArray(v)
      ? v.filter((x) => x && Number.isInteger(x.start) && Number.isInteger(x.end)).map((x) => ({ start: x.start, end: x.end, text: String(x.text ?? "") }))
      : [];
  } catch {
    return [];
  }
}

/** Groups flag rows (joined with their post) into posts with their flags, newest first. */
export function groupFlaggedPosts(rows: Record<string, any>[], limit: number): FlaggedPostView[] {
  const out = new Map<number, FlaggedPostView>();
  for (const r of rows) {
    if (r.post_id === null) continue;
    let p = out.get(r.post_id);
    if (!p) {
      if (out.size >= limit) continue;
      p = { postId: r.post_id, accountId: r.account_id, platform: r.platform, handle: r.handle, text: r.text, url: r.url, publishedAt: r.published_at, deletedAt: r.deleted_at, flags: [] };
      out.set(r.post_id, p);
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
  const openByAccount = new Map(
    (stmt(db, `SELECT account_id AS a, count(*) AS n FROM flags WHERE entity_id = ? AND status = 'open' GROUP BY account_id`).all(entity.id) as { a: number; n: number }[]).map((r) => [r.a, r.n]),
  );
  const accounts = (stmt(db, `SELECT * FROM accounts WHERE entity_id = ? ORDER BY CASE class WHEN 'official' THEN 0 WHEN 'executive' THEN 1 ELSE 2 END, platform, handle`).all(entity.id) as Record<string, any>[]).map(
    (a): AccountRowView => {
      const controls = controlsForAccountRow(db, a, domains, now);
      return {
        id: a.id,
        platform: a.platform,
        handle: a.handle,
        class: a.class,
        status: a.status,
        displayName: a.display_name,
        followers: a.followers,
        verified: a.verified === null ? null : !!a.verified,
        openFlags: openByAccount.get(a.id) ?? 0,
        controls: controls.length,
        failing: controls.filter((c) => !c.met).map((c) => ({ id: c.id, title: c.title })),
      };
    },
  );
  // Most recent non-dismissed post flags (index: entity_id, status, created_at), grouped by post.
  const rows = stmt(db, 
      `SELECT f.*, p.text, p.url, p.published_at, p.deleted_at, a.platform, a.handle
         FROM flags f JOIN posts p ON p.id = f.post_id JOIN accounts a ON a.id = f.account_id
        WHERE f.id IN (SELECT id FROM (SELECT id FROM flags WHERE entity_id = ? AND status = 'open' AND post_id IS NOT NULL ORDER BY created_at DESC LIMIT 30)
                       UNION SELECT id FROM (SELECT id FROM flags WHERE entity_id = ? AND status = 'confirmed' AND post_id IS NOT NULL ORDER BY created_at DESC LIMIT 30))
        ORDER BY f.created_at DESC`,
    )
    .all(entity.id, entity.id) as Record<string, any>[];
  const openFlags = [...openByAccount.values()].reduce((s, n) => s + n, 0);
  return { scores, accounts, recent: groupFlaggedPosts(rows, 8), openFlags };
}
