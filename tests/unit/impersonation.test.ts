/** The impersonation watch's pure parts: variants, confusables, the scorer (Arabic and Latin), takeover signals, budgets. */
import { describe, expect, it } from "vitest";
import {
  ALERT_THRESHOLD,
  budgetDay,
  confusableNames,
  cryptoTerms,
  DEFAULT_WATCH_BUDGETS,
  handleSkeleton,
  handleVariants,
  nameSimilarity,
  rotate,
  scoreCandidate,
  searchQueries,
  shortNames,
  takeoverRule,
  takeoverSignals,
  X_QUERY,
  type EntityIdentity,
  type FoundProfile,
  type ScoreTarget,
} from "../../core/impersonation";

const NOW = Date.UTC(2026, 10, 1, 12);
const DAY = 86_400_000;
const HOUR = 3_600_000;

describe("handleVariants", () => {
  const v = handleVariants("x", "moh_bahrain");

  it("swaps look-alike letters and digits both ways", () => {
    expect(v).toContain("m0h_bahrain");
    expect(handleVariants("x", "health_gov")).toContain("hea1th_gov");
    expect(handleVariants("x", "mofa_b0t")).toContain("mofa_bot");
    expect(handleVariants("instagram", "bahrain_info")).toContain("bahraln_info");
  });

  it("adds and drops separators and affixes", () => {
    expect(v).toContain("mohbahrain");
    const short = handleVariants("x", "moh_bh", { limit: 500 });
    for (const a of ["moh_bh_official", "moh_bh_gov", "moh_bh_ksa", "moh_bh_ar", "bh_moh_bh"]) expect(short, a).toContain(a);
    expect(short).toContain("moh");
    expect(short).toContain("moh_gov");
    expect(handleVariants("x", "moh_bh_gov", { limit: 500 })).toEqual(expect.arrayContaining(["mohbhgov", "moh_gov", "moh_bh"]));
  });

  it("doubles and drops letters", () => {
    expect(v).toContain("mohh_bahrain");
    expect(v).toContain("moh_bahrai");
  });

  it("keeps every variant valid on its platform, unique, different from the handle and within the limit", () => {
    for (const [p, h] of [["x", "moh_bahrain"], ["instagram", "moh.bahrain"], ["bluesky", "moh-bh.bsky.social"], ["mastodon", "moh@social.example"], ["youtube", "mohbahrain"]] as const) {
      const out = handleVariants(p, h, { limit: 60 });
      expect(out.length).toBeGreaterThan(20);
      expect(out.length).toBeLessThanOrEqual(60);
      expect(new Set(out).size).toBe(out.length);
      for (const x of out) expect(x).not.toBe(h.split(/[@.]/)[0] === x ? "__never__" : h);
      if (p === "x") for (const x of out) expect(x).toMatch(/^[a-z0-9_]{1,15}$/);
      if (p === "bluesky") for (const x of out) expect(x).toMatch(/^[a-z0-9-]+$/);
      if (p === "instagram") for (const x of out) expect(x).not.toMatch(/\.\.|^\.|\.$/);
    }
    // X handles are at most 15 characters: a long handle gets no affixes past that.
    for (const x of handleVariants("x", "bahrain_health1")) expect(x.length).toBeLessThanOrEqual(15);
  });

  it("interleaves the kinds, so a short head already has swaps, affixes and doubled letters", () => {
    const head = handleVariants("instagram", "moh_bahrain", { limit: 12 });
    expect(head.some((h) => h.includes("0"))).toBe(true);
    expect(head.some((h) => /official|gov|bh_|_bh/.test(h))).toBe(true);
    expect(head.some((h) => /hh|mm|rr|aa/.test(h))).toBe(true);
  });

  it("is deterministic", () => {
    expect(handleVariants("x", "moh_bahrain")).toEqual(v);
  });
});

describe("confusables", () => {
  it("reads digits, Cyrillic and rn as the letters they pass for", () => {
    expect(handleSkeleton("m0h_bahra1n")).toBe(handleSkeleton("moh_bahrain"));
    expect(handleSkeleton("mоh_bahrain")).toBe(handleSkeleton("moh_bahrain")); // Cyrillic о
    expect(handleSkeleton("rnoh.bahrain")).toBe(handleSkeleton("moh_bahrain"));
    expect(handleSkeleton("mof_bahrain")).not.toBe(handleSkeleton("moh_bahrain"));
  });

  it("generates display names with look-alike letters from other scripts (Latin and Arabic)", () => {
    const latin = confusableNames("Ministry of Health");
    expect(latin.length).toBeGreaterThan(0);
    for (const n of latin) expect(n).not.toBe("Ministry of Health");
    expect(latin.some((n) => /[\u0400-\u04ff]/.test(n))).toBe(true);
    const arabic = confusableNames("وزارة الصحة");
    expect(arabic.some((n) => /[یکۃە]/.test(n))).toBe(true);
    // They still read as the name.
    for (const n of arabic) expect(nameSimilarity(n, "وزارة الصحة")).toBeGreaterThanOrEqual(0.9);
  });
});

describe("nameSimilarity (normalised Arabic)", () => {
  it("meets spelling variants and an added country name", () => {
    expect(nameSimilarity("وزارة الصحه البحرينية", "وزارة الصحة")).toBeGreaterThanOrEqual(0.7);
    expect(nameSimilarity("وزاره الصحة", "وزارة الصحة")).toBeGreaterThanOrEqual(0.95);
    expect(nameSimilarity("وزارة الـصـحـة", "وزارة الصحة")).toBeGreaterThanOrEqual(0.95); // tatweel
    expect(nameSimilarity("Ministry of Health Bahrain", "Ministry of Health")).toBeGreaterThanOrEqual(0.7);
  });

  it("keeps different ministries apart", () => {
    expect(nameSimilarity("وزارة المالية", "وزارة الصحة")).toBeLessThan(0.6);
    expect(nameSimilarity("Ministry of Finance", "Ministry of Health")).toBeLessThan(0.6);
    expect(nameSimilarity(null, "وزارة الصحة")).toBe(0);
  });
});

describe("scoreCandidate", () => {
  const entity: EntityIdentity = { nameAr: "وزارة الصحة", nameEn: "Ministry of Health", shortNames: ["moh"], domains: ["moh.gov.bh"] };
  const targets: ScoreTarget[] = [
    { accountId: 1, platform: "x", handle: "moh_bahrain", displayName: "وزارة الصحة" },
    { accountId: 2, platform: "instagram", handle: "moh_bahrain", displayName: "Ministry of Health" },
  ];
  const base: FoundProfile = { platform: "x", handle: "", displayName: null, bio: null, links: [], createdAt: null };
  const score = (p: Partial<FoundProfile>) => scoreCandidate({ ...base, ...p }, targets, entity, NOW);

  it("scores an Arabic copy with a look-alike handle, an official claim and a young account above the threshold, with its reasons", () => {
    const s = score({ handle: "m0h_bahrain", displayName: "وزارة الصحه البحرينية", bio: "الحساب الرسمي لوزارة الصحة", createdAt: NOW - 20 * DAY });
    expect(s.score).toBeGreaterThanOrEqual(ALERT_THRESHOLD);
    expect(s.target?.accountId).toBe(1);
    const codes = s.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["handle-lookalike", "name-copy", "bio-official", "new-account"]));
    expect(s.reasons.find((r) => r.code === "handle-lookalike")?.detail).toBe("moh_bahrain");
  });

  it("scores a Latin copy with an affix and a gov.bh link that is not the entity's", () => {
    const s = score({ handle: "moh_bahrain_official", displayName: "Ministry of Health", bio: "Official account. Appointments: health-gov-bh.com", createdAt: NOW - 200 * DAY });
    expect(s.score).toBeGreaterThanOrEqual(ALERT_THRESHOLD);
    const codes = s.reasons.map((r) => r.code);
    expect(codes).toEqual(expect.arrayContaining(["handle-affix", "gov-link", "young-account"]));
    expect(s.reasons.find((r) => r.code === "gov-link")?.detail).toBe("health-gov-bh.com");
  });

  it("does not count the entity's own domain as a foreign gov.bh link", () => {
    const s = score({ handle: "moh_bahrain_news", displayName: "Ministry of Health", bio: "moh.gov.bh" });
    expect(s.reasons.map((r) => r.code)).not.toContain("gov-link");
  });

  it("keeps a declared parody below half the threshold however close the copy (Arabic and English markers)", () => {
    for (const bio of ["حساب ساخر، لا يمثل وزارة الصحة", "Parody account. Not affiliated with the Ministry of Health"]) {
      const s = score({ handle: "moh_bahrian", displayName: "وزارة الصحة", bio, createdAt: NOW - 5 * DAY });
      expect(s.score).toBeLessThanOrEqual(ALERT_THRESHOLD / 2);
      expect(s.reasons.map((r) => r.code)).toContain("parody");
    }
    expect(score({ handle: "moh_bahrian", displayName: "وزارة الصحة", parody: true }).score).toBeLessThan(ALERT_THRESHOLD);
  });

  it("lowers an account with a government badge, and an old one", () => {
    const plain = score({ handle: "moh_bahrain_gov", displayName: "وزارة الصحة" });
    expect(score({ handle: "moh_bahrain_gov", displayName: "وزارة الصحة", verifiedType: "government" }).score).toBeLessThan(plain.score);
    expect(score({ handle: "moh_bahrain_gov", displayName: "وزارة الصحة", createdAt: NOW - 8 * 365 * DAY }).score).toBeLessThan(plain.score);
  });

  it("gives an unrelated account a low score whatever its bio says", () => {
    const s = score({ handle: "bahrain_foodie", displayName: "مطاعم البحرين", bio: "الحساب الرسمي", createdAt: NOW - 3 * DAY });
    expect(s.score).toBeLessThan(0.35);
    const other = score({ handle: "finance_bahrain", displayName: "وزارة المالية", bio: "official account" });
    expect(other.score).toBeLessThan(ALERT_THRESHOLD);
  });

  it("rises with the resemblance: a closer handle never scores lower", () => {
    const far = score({ handle: "bahrain_health", displayName: null });
    const near = score({ handle: "moh_bahrainn", displayName: null });
    expect(near.score).toBeGreaterThan(far.score);
    for (const r of near.reasons) expect(Math.abs(r.weight)).toBeLessThanOrEqual(1);
    expect(near.score).toBeGreaterThanOrEqual(0);
    expect(near.score).toBeLessThanOrEqual(1);
  });
});

describe("search queries", () => {
  const e = { slug: "moh", nameAr: "وزارة الصحة", nameEn: "Ministry of Health (MOH)", website: "https://www.moh.gov.bh", emailDomains: ["moh.gov.bh"] };
  it("finds short names from the domain and the acronym", () => {
    expect(shortNames({ ...e, nameEn: "Labour Market Regulatory Authority", website: null, emailDomains: [] })).toEqual(["lmra"]);
    expect(shortNames(e)).toContain("moh");
  });
  it("gives X only Latin queries it accepts, and Bluesky the Arabic name", () => {
    const x = searchQueries("x", e, [{ platform: "x", handle: "moh_bahrain" }]);
    expect(x.length).toBeGreaterThan(0);
    for (const q of x) expect(q).toMatch(X_QUERY);
    const bsky = searchQueries("bluesky", e, [{ platform: "bluesky", handle: "moh.bsky.social" }]);
    expect(bsky).toContain("وزارة الصحة");
  });
  it("rotates the rest of the queries through later runs", () => {
    const qs = ["a", "b", "c", "d", "e"];
    expect(rotate(qs, 2, 0)).toEqual(["a", "b"]);
    expect(rotate(qs, 2, 1)).toEqual(["c", "d"]);
    expect(rotate(qs, 2, 2)).toEqual(["e", "a"]);
    expect(rotate(qs, 9, 3)).toEqual(qs);
  });
});

describe("budgets", () => {
  it("counts YouTube's quota by the Pacific day, the others by UTC", () => {
    const t = Date.UTC(2026, 10, 2, 5); // 05:00 UTC = 21:00 the day before in California
    expect(budgetDay("youtube", t)).toBe("2026-11-01");
    expect(budgetDay("x", t)).toBe("2026-11-02");
  });
  it("keeps YouTube's default within its 10,000-unit quota, a search at 100 units + the channels.list", () => {
    const yt = DEFAULT_WATCH_BUDGETS.youtube!;
    expect(yt.perDay).toBeLessThan(10_000);
    expect(yt.cost.search).toBeGreaterThanOrEqual(101);
  });
});

describe("takeoverSignals", () => {
  const windowStart = NOW - DAY;
  // 90 days of two posts a day at 09:00 and 13:00 Bahrain time, in Arabic.
  const baseline = Array.from({ length: 90 }, (_, d) => [6, 10].map((h) => ({ publishedAt: windowStart - (d + 1) * DAY + h * HOUR, lang: "ar", deletedAt: null }))).flat();

  it("finds a rename, a crypto bio and a burst, each with evidence", () => {
    const burst = Array.from({ length: 30 }, (_, i) => ({ publishedAt: windowStart + 2 * HOUR + i * 60_000, lang: "ar", deletedAt: null }));
    const s = takeoverSignals({
      now: NOW,
      windowStart,
      ownDomains: ["moh.gov.bh"],
      changes: [
        { at: windowStart + HOUR, field: "handle", before: "moh_bahrain", after: "moh_bahrain_giveaway" },
        { at: windowStart + HOUR, field: "bio", before: "الحساب الرسمي لوزارة الصحة", after: "Bitcoin giveaway! DM to claim your reward: claim-btc.io" },
      ],
      posts: [...baseline, ...burst],
    });
    const kinds = s.map((x) => x.signal);
    expect(kinds).toEqual(expect.arrayContaining(["handle-change", "bio-crypto", "bio-new-domain", "burst"]));
    expect(s.find((x) => x.signal === "handle-change")?.evidence).toMatchObject({ before: "moh_bahrain", after: "moh_bahrain_giveaway" });
    expect(s.find((x) => x.signal === "bio-new-domain")?.evidence.domain).toBe("claim-btc.io");
    const crypto = s.find((x) => x.signal === "bio-crypto")!;
    expect(crypto.severity).toBe("critical");
    for (const sp of crypto.spans ?? []) expect("Bitcoin giveaway! DM to claim your reward: claim-btc.io".slice(sp.start, sp.end)).toBe(sp.text);
    expect(takeoverRule("burst")).toBe("gov.official.takeover.burst");
  });

  it("says nothing of an ordinary day, nor of a link to the entity's own domain", () => {
    const s = takeoverSignals({
      now: NOW,
      windowStart,
      ownDomains: ["moh.gov.bh"],
      changes: [{ at: windowStart + HOUR, field: "bio", before: "الحساب الرسمي", after: "الحساب الرسمي — www.moh.gov.bh/ar" }],
      posts: [...baseline, { publishedAt: windowStart + 6 * HOUR, lang: "ar", deletedAt: null }, { publishedAt: windowStart + 10 * HOUR, lang: "ar", deletedAt: null }],
    });
    expect(s).toEqual([]);
  });

  it("does not take a link list repeating the bio's own link for a new domain", () => {
    const s = takeoverSignals({
      now: NOW,
      windowStart,
      ownDomains: [],
      bio: "الحساب الرسمي | www.health.example.bh",
      changes: [{ at: windowStart + HOUR, field: "links", before: "[]", after: '["https://www.health.example.bh"]' }],
      posts: baseline,
    });
    expect(s).toEqual([]);
  });

  it("finds posting at hours never used and a language never used", () => {
    const night = [0, 1, 2, 3].map((i) => ({ publishedAt: windowStart + (23 - 3 + i) * HOUR + 30 * 60_000, lang: "ru", deletedAt: null }));
    const s = takeoverSignals({ now: NOW + 6 * HOUR, windowStart, ownDomains: [], changes: [], posts: [...baseline, ...night] });
    const kinds = s.map((x) => x.signal);
    expect(kinds).toContain("new-language");
    expect(kinds).toContain("new-hours");
  });

  it("finds mass deletion", () => {
    const recent = Array.from({ length: 40 }, (_, i) => ({ publishedAt: windowStart - (i + 1) * 12 * HOUR, lang: "ar", deletedAt: i < 30 ? windowStart + HOUR : null }));
    const s = takeoverSignals({ now: NOW, windowStart, ownDomains: [], changes: [], posts: recent });
    expect(s.map((x) => x.signal)).toContain("mass-deletion");
  });

  it("reads crypto wording in Arabic", () => {
    expect(cryptoTerms("شارك في توزيع مجاني للعملات الرقمية، راسلنا على الخاص")).toEqual(expect.arrayContaining(["توزيع مجاني", "راسلنا على الخاص"]));
    expect(cryptoTerms("الحساب الرسمي لوزارة الصحة")).toEqual([]);
  });
});
