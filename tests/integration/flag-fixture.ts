/**
 * Posts (with edited versions, one deleted), flags and reviews for the exports and API tests: a
 * few per account of the given entities, some texts Arabic, some starting with a formula trigger.
 */
import type { Db } from "../../db/client";

export interface FixtureCounts {
  posts: number;
  flags: number;
}

const TEXTS = [
  "تصريح رسمي حول الخدمات الإلكترونية الجديدة",
  "=HYPERLINK(\"http://evil.example\",\"اضغط هنا\")",
  "+973 3333 4444 اتصلوا بي",
  "-رأيي الشخصي: القرار خاطئ",
  "@صديقي رقم هويتي 850101234",
  "\tنص يبدأ بمسافة جدولة",
];

export function addFlagFixture(db: Db, slugs: readonly string[], perAccount = 3, baseTime = Date.parse("2026-11-02T06:00:00Z")): FixtureCounts {
  const sqlite = db.$client;
  const reviewer = sqlite.prepare("SELECT id FROM users WHERE role = 'csb_admin' LIMIT 1").get() as { id: number };
  const insPost = sqlite.prepare(
    "INSERT INTO posts (account_id, platform_post_id, url, text, lang, published_at, first_seen_at, last_seen_at, edited_at, deleted_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
  );
  const insVersion = sqlite.prepare("INSERT INTO post_versions (post_id, version, text, seen_at) VALUES (?,?,?,?)");
  const insFlag = sqlite.prepare(
    "INSERT INTO flags (subject_key, post_id, account_id, entity_id, rule_id, clause_id, category, severity, score, spans, policy_version, status, escalated, created_at, reviewed_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
  );
  const insReview = sqlite.prepare("INSERT INTO reviews (flag_id, user_id, decision, note, at) VALUES (?,?,?,?,?)");
  let posts = 0;
  let flags = 0;
  sqlite.transaction(() => {
    for (const slug of slugs) {
      const accts = sqlite.prepare("SELECT a.id, a.entity_id AS entityId FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE e.slug = ? ORDER BY a.id").all(slug) as { id: number; entityId: number }[];
      for (const a of accts) {
        for (let i = 0; i < perAccount; i++) {
          const t = baseTime + (posts % 50) * 3_600_000;
          const text = TEXTS[posts % TEXTS.length];
          const edited = i === 1;
          const deleted = i === 2 ? t + 7_200_000 : null;
          const postId = Number(
            insPost.run(a.id, `p-${a.id}-${i}`, `https://x.example/p/${a.id}/${i}`, text, "ar", t, t + 60_000, t + 3_600_000, edited ? t + 1_800_000 : null, deleted, edited ? 2 : 1).lastInsertRowid,
          );
          insVersion.run(postId, 1, edited ? `${text} (قبل التعديل)` : text, t + 60_000);
          if (edited) insVersion.run(postId, 2, text, t + 1_800_000);
          posts++;
          const status = i === 2 ? "confirmed" : "open";
          const flagId = Number(
            insFlag.run(`post:${postId}`, postId, a.id, a.entityId, "pd.cpr", "COC-4", "personal-data", "high", 0.9, JSON.stringify([{ start: 0, end: 4, text: text.slice(0, 4) }]), "test-1", status, 0, t + 120_000, status === "open" ? null : t + 600_000).lastInsertRowid,
          );
          flags++;
          if (status !== "open") insReview.run(flagId, reviewer.id, "confirm", "=ملاحظة المراجع", t + 600_000);
        }
      }
    }
  })();
  return { posts, flags };
}
