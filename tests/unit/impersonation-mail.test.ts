/** The alert emails of the impersonation watch's two events: the look-alike's handle and score, the takeover's signals, escaped, Arabic first. */
import { describe, expect, it } from "vitest";
import type { EventDetail } from "../../db/alerts/read";
import { mailItem } from "../../workers/notify/mail/items";
import { renderAlertMail } from "../../workers/notify/mail/render";

const base: EventDetail = {
  id: 1, uid: "u1", type: "impersonation.suspected", entityId: 3, severity: "high", data: "{}", occurredAt: Date.UTC(2026, 10, 1),
  entitySlug: "health", entityNameAr: "وزارة الصحة", entityNameEn: "Ministry of Health",
  flagId: null, ruleId: null, clauseId: null, category: null, flagSeverity: null, score: null, flagStatus: null, spans: null, flagCreatedAt: null,
  postId: null, postText: null, postUrl: null, publishedAt: null,
  accountId: 7, platform: "x", handle: "moh_bahrain", accountClass: "official", accountStatus: "active",
  reportId: null, reportScope: null, weekStart: null, reportLocale: null,
};
const frame = (locale: "ar" | "en") => ({ locale, recipientName: "مدير", publicUrl: "https://amanah.example", unsubscribeUrl: "https://amanah.example/unsubscribe?t=x" });

describe("impersonation alert emails", () => {
  it("names the look-alike and its score, links to the entity's look-alike page, escapes the handle", () => {
    const e = { ...base, data: JSON.stringify({ platform: "x", handle: "m0h_<b>ahrain", score: 0.91, imitates: "moh_bahrain" }) };
    const item = mailItem("https://amanah.example", e);
    expect(item.link).toBe("https://amanah.example/entities/health/impersonation");
    const ar = renderAlertMail(frame("ar"), [item]);
    expect(ar.text).toContain("@m0h_<b>ahrain");
    expect(ar.text).toContain("(الدرجة ٠٫٩١)");
    expect(ar.html).not.toContain("<b>ahrain");
    expect(ar.html).toContain("&lt;b&gt;ahrain");
    expect(ar.subject).toContain("انتحاله");
    const en = renderAlertMail(frame("en"), [item]);
    expect(en.text).toContain("resembling this official account (score 0.91)");
  });

  it("lists the takeover's signals and links to the account", () => {
    const e = { ...base, type: "account.takeover_suspected" as const, severity: "critical" as const, data: JSON.stringify({ platform: "x", handle: "moh_bahrain", signals: ["handle-change", "bio-crypto", "burst"] }) };
    const item = mailItem("https://amanah.example", e);
    expect(item.link).toBe("https://amanah.example/accounts/7");
    const en = renderAlertMail(frame("en"), [item]);
    expect(en.text).toContain("Takeover signals on this official account: handle-change, bio-crypto, burst");
  });
});
