import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededDb } from "../helpers/db";
import type { Db } from "../../db/client";
import { seedHistory } from "../../db/demo/history";
import { computeRollupRows, recomputeEntityDay, recomputeForFlags, recomputeRollups, type RollupRow } from "../../db/rollups";
import { bahrainDay, dayEnd, eachDay, reviewedOnTime } from "../../core/calendar";
import { severityWeight } from "../../core/compliance/formula";
import { evaluateControls } from "../../core/governance";

const NOW = Date.UTC(2026, 10, 24, 9, 0); // Tuesday 12:00 Bahrain
let db: Db;

beforeAll(async () => {
  ({ db } = await seededDb("rollups"));
  await seedHistory(db, { weeks: 3, now: NOW });
});
afterAll(() => db.$client.close());

/** Independent, naive recomputation from raw rows (the oracle). */
function naive(entityId: number, day: string): RollupRow {
  const q = db.$client;
  const start = dayEnd(day) - 86_400_000;
  const end = dayEnd(day);
  const posts = q.prepare(`SELECT p.published_at AS t FROM posts p JOIN accounts a ON a.id = p.account_id WHERE a.entity_id = ?`).all(entityId) as { t: number }[];
  const flags = q.prepare(`SELECT f.*, p.published_at AS pub FROM flags f LEFT JOIN posts p ON p.id = f.post_id WHERE f.entity_id = ?`).all(entityId) as Record<string, any>[];
  const row: RollupRow = { entityId, day, posts: posts.filter((p) => bahrainDay(p.t) === day).length, flags: 0, weightedFlags: 0, openFlags: 0, byCategory: {}, bySeverity: {}, byClause: {}, flagsRaised: 0, reviewedOnTime: 0, reviewed: 0, reviewSeconds: 0, controlsApplicable: 0, controlsMet: 0 };
  for (const f of flags) {
    if (f.status !== "dismissed" && bahrainDay(f.pub ?? f.created_at) === day) {
      row.flags++;
      if (f.post_id !== null) row.weightedFlags += severityWeight(f.severity);
      if (f.status === "open") row.openFlags++;
      row.byCategory[f.category] = (row.byCategory[f.category] ?? 0) + 1;
      row.bySeverity[f.severity] = (row.bySeverity[f.severity] ?? 0) + 1;
      row.byClause[f.clause_id] = (row.byClause[f.clause_id] ?? 0) + 1;
    }
    if (bahrainDay(f.created_at) === day) {
      row.flagsRaised++;
      const revs = (q.prepare(`SELECT at FROM reviews WHERE flag_id = ?`).all(f.id) as { at: number }[]).map((r) => r.at);
      const first = revs.length ? Math.min(...revs) : f.reviewed_at;
      if (first !== null) {
        row.reviewed++;
        row.reviewSeconds += (first - f.created_at) / 1000;
        if (reviewedOnTime(f.created_at, first)) row.reviewedOnTime++;
      }
    }
  }
  const accounts = q.prepare(`SELECT a.*, e.email_domains AS domains FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE a.entity_id = ? AND a.registry_status != 'archived' AND a.status != 'archived'`).all(entityId) as Record<string, any>[];
  for (const a of accounts) {
    const owners = q.prepare(`SELECT * FROM account_owners WHERE account_id = ? ORDER BY valid_from, id`).all(a.id) as Record<string, any>[];
    const asOf = end - 1;
    const o = owners.find((x) => x.valid_from <= asOf && (x.valid_to === null || x.valid_to > asOf)) ?? (owners[0]?.valid_from > asOf ? owners[0] : owners[owners.length - 1]);
    const last = (q.prepare(`SELECT max(published_at) AS t FROM posts WHERE account_id = ? AND published_at < ?`).get(a.id, end) as { t: number | null }).t;
    const res = evaluateControls({
      account: { class: a.class, status: a.status, registryStatus: a.registry_status, verified: a.verified === null ? null : !!a.verified, verificationRequested: !!a.verification_requested, bio: a.bio, linkedOfficialAccountId: a.linked_official_account_id, managedBy: a.managed_by, handoverPlan: a.handover_plan, lastPostAt: last === null ? null : new Date(last) },
      owner: o ? { custodianName: o.custodian_name, custodianEmail: o.custodian_email, backupName: o.backup_name, backupEmail: o.backup_email, credentialCustody: o.credential_custody, twoFactor: o.two_factor, recoveryContact: o.recovery_contact, attestedAt: o.attested_at === null ? null : new Date(o.attested_at) } : null,
      entityDomains: JSON.parse(a.domains),
      now: new Date(asOf),
    });
    row.controlsApplicable += res.length;
    row.controlsMet += res.filter((r) => r.met).length;
  }
  void start;
  return row;
}

function stored(entityId: number, day: string): RollupRow | undefined {
  const r = db.$client.prepare(`SELECT * FROM entity_day_rollups WHERE entity_id = ? AND day = ?`).get(entityId, day) as Record<string, any> | undefined;
  if (!r) return undefined;
  return { entityId: r.entity_id, day: r.day, posts: r.posts, flags: r.flags, weightedFlags: r.weighted_flags, openFlags: r.open_flags, byCategory: JSON.parse(r.by_category), bySeverity: JSON.parse(r.by_severity), byClause: JSON.parse(r.by_clause), flagsRaised: r.flags_raised, reviewedOnTime: r.reviewed_on_time, reviewed: r.reviewed, reviewSeconds: r.review_seconds, controlsApplicable: r.controls_applicable, controlsMet: r.controls_met };
}

const round = (r: RollupRow) => ({ ...r, reviewSeconds: Math.round(r.reviewSeconds) });

describe("entity_day_rollups", () => {
  it("the demo history has flags of every category and severity, reviewed and not", () => {
    const q = db.$client;
    const cats = (q.prepare(`SELECT DISTINCT category FROM flags`).all() as { category: string }[]).map((r) => r.category).sort();
    expect(cats).toEqual(["confidential", "disclaimer", "governance", "hate", "obscene", "offensive", "personal-data", "work-email"]);
    const sev = (q.prepare(`SELECT DISTINCT severity FROM flags`).all() as { severity: string }[]).map((r) => r.severity).sort();
    expect(sev).toEqual(["critical", "high", "low", "medium"]);
    const st = (q.prepare(`SELECT DISTINCT status FROM flags`).all() as { status: string }[]).map((r) => r.status).sort();
    expect(st).toEqual(["confirmed", "dismissed", "open"]);
    expect((q.prepare(`SELECT count(*) AS n FROM posts WHERE text IN ('<img src=x onerror=alert(1)>', '<script>alert(1)</script>')`).get() as { n: number }).n).toBe(2);
  });

  it("stored rows equal a naive recomputation from raw rows", () => {
    const entityIds = (db.$client.prepare(`SELECT id FROM entities ORDER BY id LIMIT 6`).all() as { id: number }[]).map((r) => r.id);
    const days = eachDay("2026-11-08", "2026-11-24");
    let withPosts = 0;
    for (const e of entityIds)
      for (const d of days) {
        const s = stored(e, d);
        expect(s, `${e} ${d}`).toBeDefined();
        expect(round(s!)).toEqual(round(naive(e, d)));
        if (s!.posts > 0) withPosts++;
      }
    expect(withPosts).toBeGreaterThan(20);
  });

  it("recomputing one day after a change matches a full rebuild", () => {
    const q = db.$client;
    const f = q.prepare(`SELECT f.id, f.entity_id AS e, p.published_at AS pub FROM flags f JOIN posts p ON p.id = f.post_id WHERE f.status = 'open' ORDER BY f.id LIMIT 1`).get() as { id: number; e: number; pub: number };
    const before = stored(f.e, bahrainDay(f.pub))!;
    q.prepare(`UPDATE flags SET status = 'dismissed', reviewed_at = ? WHERE id = ?`).run(NOW, f.id);
    const touched = recomputeForFlags(db, [f.id], NOW);
    expect(touched).toBeGreaterThanOrEqual(1);
    const after = stored(f.e, bahrainDay(f.pub))!;
    expect(after.flags).toBe(before.flags - 1);
    expect(after.openFlags).toBe(before.openFlags - 1);
    expect(round(after)).toEqual(round(naive(f.e, bahrainDay(f.pub))));
    // A full rebuild gives the same rows.
    const single = recomputeEntityDay(db, f.e, bahrainDay(f.pub), NOW);
    recomputeRollups(db, { entityIds: [f.e], fromDay: "2026-11-08", toDay: "2026-11-24", now: NOW });
    expect(round(stored(f.e, bahrainDay(f.pub))!)).toEqual(round(single));
  });

  it("is idempotent and computes without writing", () => {
    const count = () => (db.$client.prepare(`SELECT count(*) AS n FROM entity_day_rollups`).get() as { n: number }).n;
    const n = count();
    recomputeRollups(db, { fromDay: "2026-11-08", toDay: "2026-11-24", now: NOW });
    expect(count()).toBe(n);
    const rows = computeRollupRows(db, [1], "2026-11-20", "2026-11-21");
    expect(rows).toHaveLength(2);
    expect(count()).toBe(n);
  });
});
