/**
 * Demo history: deterministic past posts (ids prefixed `hist-`, so they never collide with ingested
 * ones), flags of every category and severity with evidence spans, reviews with varied delays,
 * edits, deletions and fetch runs — so the dashboard shows twelve weeks of trends before any
 * ingestion has run. Then rebuilds the rollups. Run after the seed (needs entities, accounts, users).
 */
import { fileURLToPath } from "node:url";
import type { Db } from "../client";
import { openDb, databasePath } from "../client";
import { migrateDb } from "../migrate";
import { recomputeRollups } from "../rollups";
import { rng } from "./world";
import { addDays, bahrainDay, dayStart, lastWeeks } from "../../core/calendar";

export const HISTORY_PREFIX = "hist-";
export const HISTORY_POLICY_VERSION = "2026.11-1";
export const XSS_TEXTS = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>"] as const;

const HOUR = 3_600_000;
const CLASS_FLAG_FACTOR: Record<string, number> = { official: 0.4, executive: 1, employee: 2.5 };
const DAY = 86_400_000;

interface Template {
  rule: string;
  clause: string;
  category: string;
  severity: string;
  /** Text with the evidence between ⟦ and ⟧ (removed before storing; offsets are computed). */
  text: string;
  classes?: string[];
}

// Evidence texts are mild stand-ins for the real thing: realistic in shape, not in venom.
const FLAGGED: Template[] = [
  { rule: "off.insult", clause: "COC-2", category: "offensive", severity: "medium", text: "ردًا على التعليقات: من ينتقد هذا القرار ⟦غبي⟧ لا يفهم شيئًا." },
  { rule: "off.insult", clause: "COC-2", category: "offensive", severity: "medium", text: "Anyone who complains about the new service is an ⟦idiot⟧." },
  { rule: "off.model", clause: "COC-2", category: "offensive", severity: "low", text: "بصراحة بعض المراجعين ⟦مزعجين جدًا⟧ ولا يعرفون ما يريدون." },
  { rule: "off.model", clause: "COC-2", category: "offensive", severity: "low", text: "Some of these questions are frankly ⟦pathetic⟧." },
  { rule: "off.entity", clause: "COC-3", category: "offensive", severity: "high", text: "الوزارة الأخرى ⟦فاشلة⟧ وموظفوها ⟦حمقى⟧، ولهذا تأخر المشروع." },
  { rule: "obs.vulgar", clause: "COC-5", category: "obscene", severity: "high", text: "نكتة اليوم: ⟦كلام بذيء خادش للحياء⟧ 😂" },
  { rule: "obs.vulgar", clause: "COC-5", category: "obscene", severity: "high", text: "Friday mood: ⟦a vulgar joke not fit for print⟧." },
  { rule: "hate.offence", clause: "COC-6", category: "hate", severity: "high", text: "⟦أتباع ذلك المذهب⟧ لا يستحقون أي احترام في هذا البلد." },
  { rule: "hate.incitement", clause: "COC-6", category: "hate", severity: "critical", text: "⟦يجب طردهم جميعًا⟧ من البلد قبل أن يفسدوه." },
  { rule: "hate.incitement", clause: "COC-6", category: "hate", severity: "critical", text: "⟦They should all be driven out⟧ of the country." },
  { rule: "pd.cpr", clause: "COC-4", category: "personal-data", severity: "high", text: "بخصوص معاملة المواطن، الرقم الشخصي: ⟦850312345⟧ يرجى المتابعة." },
  { rule: "pd.phone", clause: "COC-4", category: "personal-data", severity: "medium", text: "للاستفسار اتصلوا بالموظف المسؤول على ⟦36123456⟧ مباشرة." },
  { rule: "pd.iban", clause: "COC-4", category: "personal-data", severity: "high", text: "Refund sent to the applicant's account ⟦BH67BMAG00001299123456⟧." },
  { rule: "pd.email", clause: "COC-4", category: "personal-data", severity: "low", text: "Contact the applicant directly at ⟦layla.hasan@gmail.com⟧." },
  { rule: "pd.passport", clause: "COC-4", category: "personal-data", severity: "high", text: "تم استلام جواز السفر رقم ⟦B1234567⟧ من المراجع." },
  { rule: "conf.marker", clause: "COC-4", category: "confidential", severity: "high", text: "مرفق صورة من التعميم ⟦سري⟧ — ⟦للاستخدام الداخلي⟧ فقط." },
  { rule: "conf.marker", clause: "COC-4", category: "confidential", severity: "high", text: "Sneak peek at the ⟦CONFIDENTIAL⟧ draft budget, ⟦internal only⟧!" },
  { rule: "conf.position", clause: "COC-9", category: "confidential", severity: "critical", classes: ["executive", "employee"], text: "⟦بحكم منصبي⟧ أطلعكم على قرار لم يُعلن بعد عن الترقيات." },
];

const NORMAL_AR = [
  "تعلن {e} عن إطلاق خدمة إلكترونية جديدة لتسهيل إجراءات المواطنين والمقيمين.",
  "استقبل المسؤولون في {e} وفدًا لبحث سبل التعاون المشترك.",
  "تذكّر {e} الجمهور بمواعيد العمل خلال الأسبوع القادم.",
  "ورشة عمل في {e} حول التحول الرقمي وتطوير الخدمات الحكومية.",
  "نهنئ الفائزين في مسابقة {e} للابتكار لهذا العام.",
  "إطلاق حملة توعوية من {e} بالتعاون مع الجهات الشريكة.",
];
const NORMAL_EN = [
  "The {e} launches a new online service for citizens and residents.",
  "Officials at the {e} met a delegation to discuss cooperation.",
  "A reminder of the {e} opening hours next week.",
  "Workshop at the {e} on digital transformation of public services.",
];

function strip(text: string): { text: string; spans: { start: number; end: number; text: string }[] } {
  const spans: { start: number; end: number; text: string }[] = [];
  let out = "";
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf("⟦", i);
    if (open < 0) {
      out += text.slice(i);
      break;
    }
    out += text.slice(i, open);
    const close = text.indexOf("⟧", open);
    const inner = text.slice(open + 1, close);
    spans.push({ start: out.length, end: out.length + inner.length, text: inner });
    out += inner;
    i = close + 1;
  }
  return { text: out, spans };
}

interface AccountInfo {
  id: number;
  entityId: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  class: string;
  platform: string;
  handle: string;
  bio: string | null;
}

export interface HistoryOptions {
  weeks?: number;
  now?: number;
  /** Mean posts per account per day (default 1.2). */
  postsPerDay?: number;
}

export interface HistoryResult {
  skipped: boolean;
  posts: number;
  flags: number;
  reviews: number;
  rollupRows: number;
}

export async function seedHistory(db: Db, opts: HistoryOptions = {}): Promise<HistoryResult> {
  const weeks = opts.weeks ?? 12;
  const now = opts.now ?? Date.now();
  const perDay = opts.postsPerDay ?? 1.2;
  const sqlite = db.$client;
  const existing = sqlite.prepare(`SELECT 1 FROM posts WHERE platform_post_id LIKE 'hist-%' LIMIT 1`).get();
  if (existing) return { skipped: true, posts: 0, flags: 0, reviews: 0, rollupRows: 0 };

  const accounts = sqlite
    .prepare(
      `SELECT a.id, a.entity_id AS entityId, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn, a.class, a.platform, a.handle, a.bio
         FROM accounts a JOIN entities e ON e.id = a.entity_id ORDER BY a.id`,
    )
    .all() as AccountInfo[];
  const reviewers = new Map<number, number>();
  for (const u of sqlite.prepare(`SELECT id, entity_id AS e, role FROM users WHERE entity_id IS NOT NULL ORDER BY role DESC, id`).all() as { id: number; e: number; role: string }[])
    if (!reviewers.has(u.e) || u.role === "entity_reviewer") reviewers.set(u.e, u.id);
  const csbUser = (sqlite.prepare(`SELECT id FROM users WHERE role = 'csb_analyst' ORDER BY id LIMIT 1`).get() as { id: number } | undefined)?.id;

  const firstDay = lastWeeks(now, weeks)[0];
  const today = bahrainDay(now);
  const insPost = sqlite.prepare(
    `INSERT OR IGNORE INTO posts (account_id, platform_post_id, url, text, lang, published_at, first_seen_at, last_seen_at, edited_at, deleted_at, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insVersion = sqlite.prepare(`INSERT OR IGNORE INTO post_versions (post_id, version, text, seen_at) VALUES (?, ?, ?, ?)`);
  const insFlag = sqlite.prepare(
    `INSERT OR IGNORE INTO flags (subject_key, post_id, account_id, entity_id, rule_id, clause_id, category, severity, score, spans, policy_version, status, escalated, created_at, reviewed_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
  );
  const insReview = sqlite.prepare(`INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?, ?, ?, ?, ?)`);
  const insRun = sqlite.prepare(
    `INSERT INTO fetch_runs (account_id, kind, job_id, started_at, finished_at, outcome, posts_new, posts_changed, posts_deleted, error)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );

  let nPosts = 0;
  let nFlags = 0;
  let nReviews = 0;
  const xssPlaced = new Set<number>();

  const flagPost = (
    r: () => number,
    a: AccountInfo,
    postId: number,
    t: Template,
    spans: { start: number; end: number; text: string }[],
    createdAt: number,
    forceOpen: boolean,
  ) => {
    const ageDays = (now - createdAt) / DAY;
    const reviewedChance = ageDays > 4 ? 0.75 : ageDays > 1.5 ? 0.4 : 0.1;
    let status = "open";
    let reviewedAt: number | null = null;
    let decision: "confirm" | "dismiss" | null = null;
    let escalated = 0;
    if (!forceOpen && r() < reviewedChance) {
      // Varied delays: most within two working days, some late.
      const delayH = r() < 0.7 ? 1 + r() * 40 : 48 + r() * 200;
      reviewedAt = Math.min(now - 60_000, createdAt + delayH * HOUR);
      decision = r() < 0.68 ? "confirm" : "dismiss";
      status = decision === "confirm" ? "confirmed" : "dismissed";
    } else if (!forceOpen && t.severity === "critical" && r() < 0.3) escalated = 1;
    const row = insFlag.get(
      `post:${postId}`,
      postId,
      a.id,
      a.entityId,
      t.rule,
      t.clause,
      t.category,
      t.severity,
      Math.round((0.55 + r() * 0.44) * 100) / 100,
      JSON.stringify(spans),
      HISTORY_POLICY_VERSION,
      status,
      escalated,
      createdAt,
      reviewedAt,
    ) as { id: number } | undefined;
    if (!row) return;
    nFlags++;
    const reviewer = reviewers.get(a.entityId) ?? csbUser;
    if (escalated && reviewer) {
      insReview.run(row.id, reviewer, "escalate", "يحتاج إلى رأي الديوان / Needs the CSB's view", createdAt + 5 * HOUR);
      nReviews++;
    }
    if (decision && reviewer) {
      const note =
        decision === "confirm"
          ? pickStr(r, ["تم التواصل مع صاحب الحساب وحذف المنشور", "Confirmed; the post was taken down", "مخالفة واضحة للمدونة"])
          : pickStr(r, ["سياق ساخر وليس إساءة / Satire, not an insult", "رقم عام لمركز الاتصال", "False positive: quoted from a news story"]);
      insReview.run(row.id, reviewer, decision, note, reviewedAt);
      nReviews++;
    }
  };

  sqlite.transaction(() => {
    for (const a of accounts) {
      const r = rng(`history:${a.slug}:${a.platform}:${a.handle}`);
      // Official accounts are rarely flagged, employees' personal accounts most; a few entities are
      // clearly noisier than the rest (most near the floor), so the league table has a spread.
      const er = rng(`history-entity:${a.slug}`);
      const flagRate = (0.003 + 0.04 * er() ** 3) * CLASS_FLAG_FACTOR[a.class];
      const rate = a.class === "official" ? perDay * (0.6 + r()) : perDay * 0.4 * (0.5 + r());
      let seq = 0;
      for (let d = firstDay; d <= today; d = addDays(d, 1)) {
        const n = Math.floor(rate + r());
        for (let k = 0; k < n; k++) {
          const publishedAt = dayStart(d) + Math.floor((7 + r() * 15) * HOUR);
          if (publishedAt > now - HOUR) continue;
          seq++;
          const flagged = r() < flagRate;
          let template: Template | null = null;
          let text: string;
          let spans: { start: number; end: number; text: string }[] = [];
          if (flagged) {
            const eligible = FLAGGED.filter((t) => !t.classes || t.classes.includes(a.class));
            template = eligible[Math.floor(r() * eligible.length)];
            ({ text, spans } = strip(template.text));
          } else {
            const en = r() < 0.3;
            const list = en ? NORMAL_EN : NORMAL_AR;
            text = list[Math.floor(r() * list.length)].replace("{e}", en ? a.nameEn : a.nameAr);
          }
          const edited = !flagged && r() < 0.03;
          const deleted = flagged && r() < 0.15 ? publishedAt + Math.floor((2 + r() * 30) * HOUR) : null;
          const pid = `${HISTORY_PREFIX}${a.id}-${seq}`;
          const finalText = edited ? `${text} (تحديث: تم تعديل الموعد)` : text;
          const post = insPost.get(
            a.id,
            pid,
            `https://example.invalid/${a.platform}/${encodeURIComponent(a.handle)}/${pid}`,
            finalText,
            /[\u0600-\u06FF]/.test(finalText) ? "ar" : "en",
            publishedAt,
            publishedAt + 10 * 60_000,
            deleted ?? now - HOUR,
            edited ? publishedAt + 3 * HOUR : null,
            deleted !== null && deleted < now ? deleted : null,
            edited ? 2 : 1,
          ) as { id: number } | undefined;
          if (!post) continue;
          nPosts++;
          insVersion.run(post.id, 1, text, publishedAt + 10 * 60_000);
          if (edited) insVersion.run(post.id, 2, finalText, publishedAt + 3 * HOUR);
          if (template) flagPost(r, a, post.id, template, spans, publishedAt + 15 * 60_000, false);
        }
      }
      // The XSS probes: one official account per first entity, flagged and left open.
      if (a.class === "official" && !xssPlaced.has(a.entityId) && xssPlaced.size === 0) {
        xssPlaced.add(a.entityId);
        XSS_TEXTS.forEach((text, i) => {
          const publishedAt = now - (3 + i) * HOUR;
          const post = insPost.get(a.id, `${HISTORY_PREFIX}${a.id}-xss${i}`, null, text, "en", publishedAt, publishedAt, now - HOUR, null, null, 1) as { id: number } | undefined;
          if (!post) return;
          nPosts++;
          insVersion.run(post.id, 1, text, publishedAt);
          const start = text.indexOf(i === 0 ? "onerror" : "alert");
          const spanText = i === 0 ? "onerror" : "alert";
          flagPost(r, a, post.id, { rule: "off.model", clause: "COC-2", category: "offensive", severity: "medium", text }, [{ start, end: start + spanText.length, text: spanText }], publishedAt + 60_000, true);
        });
      }
      // Profile flags (disclaimer, work email) on personal accounts, and a governance flag on officials.
      const profileFlags: Template[] = [];
      const bio = a.bio ?? "";
      if (a.class !== "official" && !/حساب شخصي|تمثلني|رأيي|my own|Personal account/i.test(bio))
        profileFlags.push({ rule: "disc.missing", clause: "COC-7", category: "disclaimer", severity: "medium", text: bio });
      if (a.class !== "official" && /@[a-z0-9.-]+\.(gov\.bh|bh)\b/i.test(bio))
        profileFlags.push({ rule: "email.work", clause: "COC-8", category: "work-email", severity: "medium", text: bio });
      if (a.class === "official" && r() < 0.2)
        profileFlags.push({ rule: "gov.controls", clause: "GUIDE-OFFICIAL", category: "governance", severity: "low", text: bio });
      for (const t of profileFlags) {
        const createdAt = dayStart(firstDay) + Math.floor(r() * weeks * 7 * DAY);
        if (createdAt > now - HOUR) continue;
        const m = t.rule === "email.work" ? /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+/.exec(bio) : null;
        const spans = m ? [{ start: m.index, end: m.index + m[0].length, text: m[0] }] : [];
        const reviewed = r() < 0.5;
        const reviewedAt = reviewed ? createdAt + Math.floor((2 + r() * 80) * HOUR) : null;
        const row = insFlag.get(`profile:${a.id}`, null, a.id, a.entityId, t.rule, t.clause, t.category, t.severity, 0.9, JSON.stringify(spans), HISTORY_POLICY_VERSION, reviewed ? "confirmed" : "open", 0, createdAt, reviewedAt && reviewedAt < now ? reviewedAt : null) as { id: number } | undefined;
        if (!row) continue;
        nFlags++;
        const reviewer = reviewers.get(a.entityId);
        if (reviewed && reviewer && reviewedAt && reviewedAt < now) {
          insReview.run(row.id, reviewer, "confirm", "تمت مخاطبة صاحب الحساب / Holder contacted", reviewedAt);
          nReviews++;
        }
      }
      // Fetch health: a handful of recent runs, mostly fine, sometimes not.
      for (let k = 6; k >= 1; k--) {
        const startedAt = now - k * 4 * HOUR - Math.floor(r() * HOUR);
        const x = r();
        const outcome = x < 0.8 ? "ok" : x < 0.88 ? "rate_limited" : x < 0.95 ? "transient" : "bad_response";
        insRun.run(a.id, "posts", "hist", startedAt, startedAt + Math.floor(500 + r() * 4000), outcome, outcome === "ok" ? Math.floor(r() * 4) : 0, outcome === "ok" && r() < 0.2 ? 1 : 0, 0, outcome === "ok" ? null : outcome === "rate_limited" ? "429 Too Many Requests" : outcome === "transient" ? "503 Service Unavailable" : "unexpected JSON shape");
      }
    }
    sqlite
      .prepare(`INSERT INTO audit_log (at, user_id, actor, action, target_type, target_id, entity_id, before, after) VALUES (?, NULL, 'system:demo-history', 'demo.history.seeded', 'database', NULL, NULL, NULL, ?)`)
      .run(now, JSON.stringify({ weeks, posts: nPosts, flags: nFlags, reviews: nReviews }));
  })();

  const { rows } = recomputeRollups(db, { fromDay: firstDay, toDay: today, now });
  return { skipped: false, posts: nPosts, flags: nFlags, reviews: nReviews, rollupRows: rows };
}

function pickStr(r: () => number, xs: string[]): string {
  return xs[Math.floor(r() * xs.length)];
}

/** CLI: `tsx db/demo/history.ts [weeks]` against DATABASE_URL (after migrate + seed). */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const weeks = Number(argv[0] ?? 12);
  const db = openDb(databasePath());
  migrateDb(db);
  const res = await seedHistory(db, { weeks: Number.isInteger(weeks) && weeks > 0 ? weeks : 12 });
  db.$client.close();
  console.log(res.skipped ? "history already present: nothing to do" : `history: ${res.posts} posts, ${res.flags} flags, ${res.reviews} reviews, ${res.rollupRows} rollup rows`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
