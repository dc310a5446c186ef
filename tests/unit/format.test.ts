import { describe, expect, it } from "vitest";
import { bahrainDay, formatDate, formatNumber, localDigits } from "../../app/lib/format";
import { canonicalHandle } from "../../core/handles";
import { makeT } from "../../app/lib/i18n";

describe("format", () => {
  it("uses Arabic-Indic digits in Arabic and Latin in English", () => {
    expect(formatNumber(1234, "ar")).toMatch(/[١٢٣٤]/);
    expect(formatNumber(1234, "en")).toBe("1,234");
    expect(localDigits("3/7", "ar")).toBe("٣/٧");
  });
  it("dates are Bahrain days (UTC+3)", () => {
    // 22:30 UTC is already the next day in Manama.
    expect(bahrainDay(Date.UTC(2026, 10, 1, 22, 30))).toBe("2026-11-02");
    expect(formatDate(Date.UTC(2026, 10, 1, 22, 30), "en")).toBe("2 Nov 2026");
    expect(formatDate(Date.UTC(2026, 10, 1, 22, 30), "ar")).toMatch(/٢/);
  });
});

describe("handles", () => {
  it("canonicalises per platform", () => {
    expect(canonicalHandle("x", "@Dm_Inter")).toBe("dm_inter");
    expect(canonicalHandle("x", "has space")).toBeNull();
    expect(canonicalHandle("mastodon", "a@social.example.org")).toBe("a@social.example.org");
    expect(canonicalHandle("mastodon", "nohost")).toBeNull();
    expect(canonicalHandle("bluesky", "name.bsky.social")).toBe("name.bsky.social");
    expect(canonicalHandle("rss", "javascript:alert(1)")).toBeNull();
    expect(canonicalHandle("rss", "https://feeds.example.org/rss.xml")).toBe("https://feeds.example.org/rss.xml");
  });
});

describe("i18n", () => {
  it("interpolates without HTML escaping (React escapes)", () => {
    const t = makeT("ar", { common: { hi: "مرحبًا {{name}}" } }, "common");
    expect(t("hi", { name: "<b>" })).toBe("مرحبًا <b>");
  });
});
