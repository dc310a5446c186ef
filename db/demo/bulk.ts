/**
 * Bulk data for the benchmarks (scripts/bench/): a dashboard-sized database on top of the demo
 * seed, entities to fill a report batch, and the counts the ingestion bench reads back. Synthetic
 * rows only, written as fast as SQLite allows (prepared statements, big transactions).
 */
import { entities } from "../schema";
import type { Db } from "../client";
import { rng } from "./world";

const DAY = 86_400_000;

const CATS: [rule: string, clause: string, category: string, severity: string][] = [
  ["off.insult", "COC-2", "offensive", "medium"],
  ["off.entity", "COC-3", "offensive", "high"],
  ["obs.vulgar", "COC-5", "obscene", "high"],
  ["hate.offence", "COC-6", "hate", "high"],
  ["hate.incitement", "COC-6", "hate", "critical"],
  ["pd.phone", "COC-4", "personal-data", "medium"],
  ["pd.email", "COC-4", "personal-data", "low"],
  ["conf.marker", "COC-4", "confidential", "high"],
];

/**
 * Tops a seeded database up to 60 entities and 600 accounts (10 per entity, with owners), then
 * adds `posts` posts over the past year and `flags` flags on them (reviewed or open), and ANALYZEs.
 * Deterministic for a given `now`. `allOpen`: every flag open (the review-queue export bench).
 */
export function fillDashboardBench(db: Db, opts: { posts: number; flags: number; now: number; allOpen?: boolean }): void {
  const { now } = opts;
  const q = db.$client;
  q.pragma("synchronous = OFF");
  const r = rng("bench-dashboard");
  q.transaction(() => {
    const have = q.prepare<[], { n: number }>(`SELECT count(*) AS n FROM entities`).get()!.n;
    const insE = q.prepare<[string, string, string]>(`INSERT INTO entities (slug, name_ar, name_en, kind, email_domains) VALUES (?, ?, ?, 'agency', '["bench.gov.bh"]')`);
    for (let i = have; i < 60; i++) insE.run(`bench-${i}`, `جهة اختبار ${i}`, `Bench entity ${i}`);
    const ents = q.prepare<[], { id: number }>(`SELECT id FROM entities ORDER BY id`).all().map((e) => e.id);
    const countA = q.prepare<[number], { n: number }>(`SELECT count(*) AS n FROM accounts WHERE entity_id = ?`);
    const insA = q.prepare<[number, string, string, string]>(
      `INSERT INTO accounts (entity_id, platform, handle, class, bio, status, registry_status, synthetic) VALUES (?, 'x', ?, ?, ?, 'active', 'registered', 1)`,
    );
    const insO = q.prepare<[number, number, number]>(
      `INSERT INTO account_owners (account_id, custodian_name, custodian_email, credential_custody, two_factor, attested_at, valid_from) VALUES (?, 'أمين', 'a@bench.gov.bh', 'password_manager', 'authenticator_app', ?, ?)`,
    );
    for (const e of ents) {
      for (let k = countA.get(e)!.n; k < 10; k++) {
        const id = Number(insA.run(e, `bench_${e}_${k}`, k === 0 ? "official" : k < 3 ? "executive" : "employee", "حساب شخصي").lastInsertRowid);
        insO.run(id, now - 100 * DAY, now - 400 * DAY);
      }
    }
  })();
  const accounts = q.prepare<[], { id: number; e: number }>(`SELECT id, entity_id AS e FROM accounts ORDER BY id`).all();
  const insP = q.prepare<[number, string, string, number, number, number]>(
    `INSERT INTO posts (account_id, platform_post_id, text, lang, published_at, first_seen_at, last_seen_at) VALUES (?, ?, ?, 'ar', ?, ?, ?)`,
  );
  const span = 365 * DAY;
  const flagged: { id: number; a: number; e: number; t: number }[] = [];
  const flagEvery = Math.max(1, Math.floor(opts.posts / opts.flags));
  const BATCH = 50_000;
  for (let i = 0; i < opts.posts; i += BATCH) {
    q.transaction(() => {
      for (let k = i; k < Math.min(opts.posts, i + BATCH); k++) {
        const a = accounts[Math.floor(r() * accounts.length)];
        const t = now - Math.floor(r() * span);
        const id = Number(insP.run(a.id, `bench-${k}`, `منشور تجريبي رقم ${k} عن خدمات الجهة`, t, t, t).lastInsertRowid);
        if (k % flagEvery === 0 && flagged.length < opts.flags) flagged.push({ id, a: a.id, e: a.e, t });
      }
    })();
  }
  const insF = q.prepare<[string, number, number, number, string, string, string, string, string, number, number | null]>(
    `INSERT INTO flags (subject_key, post_id, account_id, entity_id, rule_id, clause_id, category, severity, score, spans, policy_version, status, created_at, reviewed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0.8, '[{"start":0,"end":5,"text":"منشور"}]', 'bench', ?, ?, ?)`,
  );
  const reviewer = q.prepare<[], { id: number }>(`SELECT id FROM users ORDER BY id LIMIT 1`).get()!.id;
  const insR = q.prepare<[number, number, string, number]>(`INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?, ?, ?, NULL, ?)`);
  q.transaction(() => {
    for (const p of flagged) {
      const [rule, clause, cat, sev] = CATS[Math.floor(r() * CATS.length)];
      const created = p.t + 600_000;
      const x = r();
      const status = opts.allOpen || created > now - 3 * DAY || x < 0.3 ? "open" : x < 0.75 ? "confirmed" : "dismissed";
      const reviewedAt = status === "open" ? null : Math.min(now, created + Math.floor(r() * 5 * DAY));
      const fid = Number(insF.run(`post:${p.id}`, p.id, p.a, p.e, rule, clause, cat, sev, status, created, reviewedAt).lastInsertRowid);
      if (reviewedAt) insR.run(fid, reviewer, status === "confirmed" ? "confirm" : "dismiss", reviewedAt);
    }
  })();
  q.pragma("synchronous = NORMAL");
  q.exec("ANALYZE");
}

/** Adds agency entities (no accounts) until there are `total`; returns every entity id, ascending. */
export function topUpEntities(db: Db, total: number): number[] {
  const have = db.select({ id: entities.id }).from(entities).all().length;
  for (let i = have + 1; i <= total; i++)
    db.insert(entities).values({ slug: `bench-entity-${i}`, nameAr: `جهة اختبار ${i}`, nameEn: `Bench entity ${i}`, kind: "agency" }).run();
  return db
    .select({ id: entities.id })
    .from(entities)
    .orderBy(entities.id)
    .all()
    .map((r) => r.id);
}

/** Every account's id and handle (the ingestion bench keeps those the sandbox serves). */
export function accountHandles(db: Db): { id: number; platform: string; handle: string }[] {
  return db.$client.prepare<[], { id: number; platform: string; handle: string }>("SELECT id, platform, handle FROM accounts").all();
}

export function countFlags(db: Db): number {
  return db.$client.prepare<[], { n: number }>("SELECT count(*) AS n FROM flags").get()!.n;
}
