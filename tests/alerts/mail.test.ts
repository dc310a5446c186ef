/**
 * Alert emails end to end: flags written by ingestion's insertFlags (outbox event in the same
 * transaction), the workers' dispatcher and notify queue, nodemailer, and a real SMTP server in
 * this process (scripts/mailbox.ts: smtp-server + mailparser). Checks what a person receives:
 * Arabic RTL or English, the hostile post excerpt escaped, the clause and rationale, the flag
 * link, the signed one-click unsubscribe (the route's action, no session), grouping of a burst,
 * and that nobody hears about an entity they may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ParsedMail } from "mailparser";
import { mkdirSync, writeFileSync } from "node:fs";
import { seededDb } from "../helpers/db";
import { privateRedisForFile } from "../helpers/redis";
import { startMailbox, type Mailbox, type ReceivedMessage } from "../../scripts/mailbox";
import type { Db } from "../../db/client";
import type { RunningWorkers } from "../../workers/main";
import { prefsOf, savePrefs } from "../../db/alerts/prefs";
import { RULE_BY_ID } from "../../core/scoring/policy";
import { defaultPrefs } from "../../core/alerts/prefs";
import type { SessionUser } from "../../core/access";
import { useDb, call } from "../integration/app-helpers";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "../../app/routes/unsubscribe";
import { addPost, entitiesWithAccounts, flagPost, PUBLIC_URL, sleep, startAlertWorkers, userByEmail, type TestEntity } from "./harness";

process.env.SESSION_SECRET ??= "test-unsubscribe-secret-0123456789abcdef";

const redis = privateRedisForFile();

const HOSTILE = `<script>alert("x")</script><img src=x onerror=alert(1)> سجل المواطن 880101234 & "quotes"`;

let db: Db;
let mailbox: Mailbox;
let workers: RunningWorkers;
let A: TestEntity;
let B: TestEntity;

const to = (m: ReceivedMessage) => m.envelopeTo.join(",");
const html = (m: ReceivedMessage) => String((m.parsed as ParsedMail).html || "");
const text = (m: ReceivedMessage) => (m.parsed as ParsedMail).text ?? "";
const header = (m: ReceivedMessage, name: string) => (m.parsed as ParsedMail).headerLines.find((l) => l.key === name)?.line.replace(/^[^:]+:\s*/, "") ?? "";

/** Waits until `n` messages arrived, then a little longer to catch any extra one. */
async function exactly(n: number, settleMs = 1_500): Promise<ReceivedMessage[]> {
  await mailbox.waitFor(n, 20_000);
  await sleep(settleMs);
  return mailbox.messages;
}

beforeAll(async () => {
  ({ db } = await seededDb("alerts-mail"));
  [A, B] = entitiesWithAccounts(db, 2);
  mailbox = await startMailbox();
  // The analyst follows only B, at once; entity B's director reads English.
  const analyst = userByEmail(db, "csb-analyst@demo.local");
  const analystUser: SessionUser = { id: analyst.id, email: analyst.email, name: "analyst", role: "csb_analyst", entityId: null, locale: "ar" };
  savePrefs(db, analystUser, { ...defaultPrefs("csb_analyst"), immediate: true, allEntities: false, entityIds: [B.id] });
  db.$client.prepare(`UPDATE users SET locale = 'en' WHERE email = ?`).run(`director@${B.slug}.demo.local`);
  workers = await startAlertWorkers(db, redis.url, { smtpUrl: mailbox.url, mailFrom: "Amanah <alerts@amanah.test>" });
});

afterAll(async () => {
  await workers?.close();
  await mailbox?.close();
});

describe("alert emails", () => {
  let flagA: number;
  let flagB: number;

  it("sends each person only their entity's alerts: Arabic RTL, the excerpt escaped, the clause, rationale and link", async () => {
    const t0 = Date.now();
    flagA = flagPost(db, A, addPost(db, A.accountId, HOSTILE), "hate.incitement", t0);
    flagB = flagPost(db, B, addPost(db, B.accountId, "a post on entity B with a CPR 990202345"), "pd.cpr", t0);
    const msgs = await exactly(5);
    expect(msgs.map(to).sort()).toEqual(
      [`director@${A.slug}.demo.local`, `reviewer@${A.slug}.demo.local`, `director@${B.slug}.demo.local`, `reviewer@${B.slug}.demo.local`, "csb-analyst@demo.local"].sort(),
    );

    const dirA = msgs.find((m) => to(m) === `director@${A.slug}.demo.local`)!;
    const h = html(dirA);
    mkdirSync("tests/artifacts", { recursive: true });
    writeFileSync("tests/artifacts/alerts-email-ar.html", h); // to look at (a screenshot of it)
    expect(h).toMatch(/<html lang="ar" dir="rtl">/);
    // The untrusted excerpt: never live markup, shown as text (escaped in HTML, verbatim in plain text).
    expect(h).not.toContain("<script>");
    expect(h).not.toMatch(/<img[^>]*onerror/i);
    expect(h).toContain("&lt;script&gt;");
    expect(text(dirA)).toContain(`<script>alert("x")</script>`);
    expect(text(dirA)).toContain("880101234");
    // The clause and the rule's Arabic rationale are quoted; the link opens that flag.
    const rule = RULE_BY_ID.get("hate.incitement")!;
    expect(h).toContain(rule.clause);
    expect(text(dirA)).toContain(rule.rationale.ar);
    expect(h).toContain(`${PUBLIC_URL}/review?flag=${flagA}`);
    expect(text(dirA)).toContain(`${PUBLIC_URL}/review?flag=${flagA}`);
    // Cross-entity isolation: nothing of B in A's email.
    expect(h).not.toContain("990202345");
    expect(h).not.toContain(`flag=${flagB}`);
    expect(h).not.toContain(B.nameAr);

    // English for the one who chose it; still nothing of the other entity.
    const dirB = msgs.find((m) => to(m) === `director@${B.slug}.demo.local`)!;
    expect(html(dirB)).toMatch(/<html lang="en" dir="ltr">/);
    expect(text(dirB)).toContain(RULE_BY_ID.get("pd.cpr")!.rationale.en);
    expect(html(dirB)).not.toContain("880101234");
    expect(html(dirB)).not.toContain(`flag=${flagA}`);
    // The analyst follows only B.
    const analyst = msgs.find((m) => to(m) === "csb-analyst@demo.local")!;
    expect(html(analyst)).toContain(`flag=${flagB}`);
    expect(html(analyst)).not.toContain(`flag=${flagA}`);

    // RFC 8058 headers and a Message-ID from the mails row.
    expect(header(dirA, "list-unsubscribe")).toMatch(new RegExp(`^<${PUBLIC_URL}/unsubscribe\\?u=\\d+&k=immediate&s=[A-Za-z0-9_-]{43}>$`));
    expect(header(dirA, "list-unsubscribe-post")).toBe("List-Unsubscribe=One-Click");
    expect(dirA.messageId).toMatch(/^<amanah\.mail\.\d+\.\d+@amanah\.test>$/);
    expect(new Set(msgs.map((m) => m.messageId)).size).toBe(5);
  });

  it("unsubscribes with the signed link, without signing in; a forged link changes nothing", async () => {
    useDb(db);
    const dirA = mailbox.messages.find((m) => to(m) === `director@${A.slug}.demo.local`)!;
    const link = header(dirA, "list-unsubscribe").slice(1, -1);
    const user = userByEmail(db, `director@${A.slug}.demo.local`);
    expect(link).toContain(`u=${user.id}&`);
    // The link in the body is the same one.
    expect(html(dirA)).toContain(link.replace(/&/g, "&amp;"));

    // GET only shows a confirmation (mail scanners follow links).
    const shown = await call(unsubscribeLoader, new Request(link));
    expect(shown.status).toBe(200);
    expect(prefsOf(db, { id: user.id, role: "entity_director" }).immediate).toBe(true);

    // Someone else's id under this signature: refused.
    const forged = link.replace(`u=${user.id}&`, `u=${user.id + 1}&`);
    const refused = await call(unsubscribeAction, new Request(forged, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }));
    expect(refused.status).toBe(400);

    // The one-click POST a mail client sends (no cookie).
    const res = await call(unsubscribeAction, new Request(link, { method: "POST", body: new URLSearchParams({ "List-Unsubscribe": "One-Click" }) }));
    expect(res.status).toBe(200);
    expect(prefsOf(db, { id: user.id, role: "entity_director" }).immediate).toBe(false);
    const audit = db.$client.prepare<[number], { action: string }>(`SELECT action FROM audit_log WHERE user_id = ? ORDER BY id DESC LIMIT 1`).get(user.id);
    expect(audit?.action).toBe("notifications.unsubscribe");

    // The next alert of A reaches the reviewer only.
    const before = mailbox.messages.length;
    await sleep(4_200); // past the grouping window of the first alert
    flagPost(db, A, addPost(db, A.accountId, "another post"), "pd.cpr");
    const msgs = await exactly(before + 1);
    expect(msgs.slice(before).map(to)).toEqual([`reviewer@${A.slug}.demo.local`]);
  });

  it("groups a burst of 200 flags on one entity into one email per recipient (first alert after the gather delay, the rest in one trailing email)", async () => {
    await sleep(4_200); // a quiet spell: the window of earlier emails is over
    const before = mailbox.messages.length;
    const first = flagPost(db, B, addPost(db, B.accountId, "burst 0"), "pd.cpr");
    const firstMsgs = await exactly(before + 3, 500); // director, reviewer, analyst of B
    const firstBatch = firstMsgs.slice(before);
    expect(firstBatch.map(to).sort()).toEqual([`director@${B.slug}.demo.local`, `reviewer@${B.slug}.demo.local`, "csb-analyst@demo.local"].sort());
    expect(html(firstBatch[0])).toContain(`flag=${first}`);

    // 199 more inside the window: held, then one email each at the window's end.
    const ids: number[] = [];
    for (let i = 1; i < 200; i++) ids.push(flagPost(db, B, addPost(db, B.accountId, `burst ${i}`), "pd.cpr"));
    await sleep(1_000);
    expect(mailbox.messages.length).toBe(before + 3);
    const all = await exactly(before + 6, 2_500);
    const trailing = all.slice(before + 3);
    expect(trailing.map(to).sort()).toEqual([`director@${B.slug}.demo.local`, `reviewer@${B.slug}.demo.local`, "csb-analyst@demo.local"].sort());
    for (const m of trailing) {
      const body = html(m);
      const listed = ids.filter((id) => body.includes(`flag=${id}"`)).length;
      expect(listed).toBe(199);
    }
    // Nothing went to A's people, and every flag has exactly one delivery per recipient.
    expect(all.slice(before).some((m) => to(m).includes(A.slug))).toBe(false);
    const dup = db.$client.prepare(`SELECT count(*) AS n FROM (SELECT event_id, target FROM deliveries GROUP BY event_id, channel, target HAVING count(*) > 1)`).get() as { n: number };
    expect(dup.n).toBe(0);
  });
});
