import { describe, expect, it } from "vitest";
import { OFFICIAL_POSTS } from "../../core/scoring/suites/official-posts";
import { scoreItem } from "../../core/scoring/index";

describe("official posts stay quiet", () => {
  it("has at least 300 distinct posts in Arabic and English", () => {
    expect(new Set(OFFICIAL_POSTS).size).toBe(OFFICIAL_POSTS.length);
    expect(OFFICIAL_POSTS.length).toBeGreaterThanOrEqual(300);
    const arabic = OFFICIAL_POSTS.filter((t) => /[\u0600-\u06ff]/.test(t)).length;
    expect(arabic).toBeGreaterThanOrEqual(150);
    expect(OFFICIAL_POSTS.length - arabic).toBeGreaterThanOrEqual(100);
  });

  it("raises no flag on any of them", () => {
    const flagged = OFFICIAL_POSTS.map((text) => ({ text, flags: scoreItem({ text, accountClass: "official", kind: "post" }).flags }))
      .filter((r) => r.flags.length > 0)
      .map((r) => `${r.flags.map((f) => `${f.rule}[${f.spans.map((s) => s.text).join("|")}]`).join(", ")} <= ${r.text}`);
    expect(flagged).toEqual([]);
  });
});
