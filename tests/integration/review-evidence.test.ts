/**
 * The review queue shows what a takeover flag rests on (before/after, the new domain, the added
 * terms and the bio), parsed defensively and rendered as escaped, direction-isolated text.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { and, eq } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { call, get, signInAs, useDb } from "./app-helpers";
import { loader as reviewLoader } from "../../app/routes/review";
import { evidenceFacts } from "../../app/lib/dashboard/review.server";
import { EvidenceFacts } from "../../app/components/dashboard/EvidenceFacts";
import { makeT } from "../../app/lib/i18n";
import { loadResources } from "../../app/lib/i18n.server";
import { saveTakeoverFlags } from "../../db/impersonation";
import { TAKEOVER_RULE_PREFIX, takeoverRule } from "../../core/impersonation/takeover";
import { accounts, entities } from "../../db/schema";
import type { Db } from "../../db/client";

const HOSTILE_BIO = `<img src=x onerror="alert(1)"> Claim your USDT airdrop at moi-gov-bh.support`;

describe("takeover evidence in the review queue", () => {
  let db: Db;
  let accountId: number;

  beforeAll(async () => {
    ({ db } = await seededDb("review-evidence"));
    useDb(db);
    const interior = db.select().from(entities).where(eq(entities.slug, "interior")).get()!;
    const a = db.select().from(accounts).where(and(eq(accounts.entityId, interior.id), eq(accounts.class, "official"))).get()!;
    accountId = a.id;
    const at = Date.parse("2026-12-05T21:40:00Z");
    const flag = (ruleId: string, severity: "high" | "critical") => ({
      subjectKey: `takeover:${a.id}:test`,
      postId: null,
      accountId: a.id,
      entityId: interior.id,
      ruleId,
      clauseId: "GUIDE-OFFICIAL",
      category: "governance" as const,
      severity,
      score: 1,
      spans: [],
      policyVersion: "test",
    });
    saveTakeoverFlags(
      db,
      [
        { flag: flag(takeoverRule("handle-change"), "high"), evidence: { signal: "handle-change", at, before: "moi_bh", after: "moi_bh_support" } },
        { flag: flag(takeoverRule("bio-crypto"), "critical"), evidence: { signal: "bio-crypto", at, terms: "USDT, airdrop", bio: HOSTILE_BIO } },
      ],
      null,
      at,
    );
  });

  it("the loader gives each takeover flag its facts, without the signal id", async () => {
    const reviewer = await signInAs("reviewer@interior.demo.local", undefined, "10.3.0.1");
    const r = await call(reviewLoader, get("/review?category=governance", reviewer));
    expect(r.status).toBe(200);
    const d = (await r.json()) as { items: { account: { id: number }; flag: { ruleId: string; title: { en: string }; rationale: { en: string } }; facts: { key: string; value: unknown }[] }[] };
    const ours = d.items.filter((i) => i.account.id === accountId && i.flag.ruleId.startsWith(TAKEOVER_RULE_PREFIX));
    const byRule = Object.fromEntries(ours.map((i) => [i.flag.ruleId, i.facts]));
    expect(byRule[takeoverRule("handle-change")]).toEqual([
      { key: "at", value: Date.parse("2026-12-05T21:40:00Z") },
      { key: "before", value: "moi_bh" },
      { key: "after", value: "moi_bh_support" },
    ]);
    expect(byRule[takeoverRule("bio-crypto")]).toContainEqual({ key: "bio", value: HOSTILE_BIO });
    // Titled and explained like every other flag (they showed their rule id and no rationale).
    const handle = ours.find((i) => i.flag.ruleId === takeoverRule("handle-change"))!;
    expect(handle.flag.title.en).toBe("Official account's handle changed");
    expect(handle.flag.rationale.en).toMatch(/custodian/);
  });

  it("renders the values as escaped text, each isolated, numbers and times in the locale's digits", async () => {
    const resources = loadResources("ar");
    const t = makeT("ar", resources, "review");
    const html = renderToStaticMarkup(
      createElement(EvidenceFacts, {
        facts: [
          { key: "at", value: Date.parse("2026-12-05T21:40:00Z") },
          { key: "bio", value: HOSTILE_BIO },
          { key: "factor", value: 12.5 },
        ],
        t,
        locale: "ar",
      }),
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("النبذة الآن");
    expect(html).toContain("أضعاف المعدل المعتاد");
    expect(html).toMatch(/<bdi dir="auto">١٢٫٥<\/bdi>/);
    expect(html.match(/<bdi dir="auto">/g)).toHaveLength(3);
    expect(renderToStaticMarkup(createElement(EvidenceFacts, { facts: [], t, locale: "ar" }))).toBe("");
  });

  it("stored evidence that is not a JSON object of strings and numbers gives no facts", () => {
    expect(evidenceFacts(null)).toEqual([]);
    expect(evidenceFacts("not json")).toEqual([]);
    expect(evidenceFacts("[1,2]")).toEqual([]);
    expect(evidenceFacts("null")).toEqual([]);
    expect(evidenceFacts(JSON.stringify({ signal: "burst", posts: 40, nested: { a: 1 }, list: [1], empty: "", inf: null }))).toEqual([{ key: "posts", value: 40 }]);
    const long = evidenceFacts(JSON.stringify({ bio: "ب".repeat(700) }));
    expect(long[0].value).toBe(`${"ب".repeat(600)}…`);
  });
});
