import { describe, expect, it } from "vitest";
import { parseProfileQuery } from "../../core/profile-url";

describe("parseProfileQuery", () => {
  const ok: [string, string, string][] = [
    ["https://x.com/Dm_Inter", "x", "dm_inter"],
    ["https://twitter.com/dm_inter?lang=ar", "x", "dm_inter"],
    ["http://mobile.twitter.com/dm_inter/status/123", "x", "dm_inter"],
    ["x.com/dm_inter", "x", "dm_inter"],
    ["https://www.instagram.com/dm.inter_/", "instagram", "dm.inter_"],
    ["https://www.facebook.com/dm_inter", "facebook", "dm_inter"],
    ["https://m.facebook.com/dm.inter", "facebook", "dm.inter"],
    ["https://www.youtube.com/@DmInter", "youtube", "dminter"],
    ["https://bsky.app/profile/dm-inter.bsky.sandbox.amanah.invalid", "bluesky", "dm-inter.bsky.sandbox.amanah.invalid"],
    ["https://social.sandbox.amanah.invalid/@dm_inter", "mastodon", "dm_inter@social.sandbox.amanah.invalid"],
    ["@dm_inter@social.sandbox.amanah.invalid", "mastodon", "dm_inter@social.sandbox.amanah.invalid"],
  ];
  for (const [input, platform, handle] of ok) {
    it(`reads ${input}`, () => {
      expect(parseProfileQuery(input)).toEqual({ ok: true, platform, handle });
    });
  }

  it("reads a bare @handle as any platform where it is valid", () => {
    const r = parseProfileQuery("@Dm_Inter");
    expect(r).toMatchObject({ ok: true, platform: null, handle: "dm_inter" });
    if (r.ok && r.platform === null) expect(r.platforms).toContain("x");
  });

  const bad: [unknown, string][] = [
    ["", "empty"],
    ["   ", "empty"],
    [undefined, "empty"],
    ["a".repeat(10_000), "too_long"],
    ["javascript:alert(1)", "scheme"],
    ["data:text/html,hi", "scheme"],
    ["ftp://x.com/dm", "scheme"],
    ["https://example.com/about", "unsupported_host"],
    ["https://x.com/", "not_profile"],
    ["https://x.com/i/flow/login", "not_profile"],
    ["https://www.instagram.com/p/abc/", "not_profile"],
    ["https://www.youtube.com/watch?v=1", "not_profile"],
    ["https://www.facebook.com/profile.php?id=1", "not_profile"],
    ["https://x.com/this_handle_is_far_too_long_for_x", "bad_handle"],
    ["https://x.com/%E0%A4%A", "bad_handle"],
    ["@@@", "bad_handle"],
    ["https://user:pw@x.com/dm", "not_profile"],
    ["http://[::1", "not_profile"],
  ];
  for (const [input, reason] of bad) {
    it(`refuses ${String(input).slice(0, 40)} (${reason})`, () => {
      expect(parseProfileQuery(input)).toEqual({ ok: false, reason });
    });
  }
});
