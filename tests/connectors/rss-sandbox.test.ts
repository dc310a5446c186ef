/**
 * The sandbox serves the hard feeds real government sites serve (windows-1256, RSS 1.0/RDF, Atom
 * with XHTML and relative links, items without guid or date as text/html, odd dates), and the
 * connector reads every one over real HTTP: ids, texts, dates (or marked first-seen fallbacks),
 * edits, the profile, and convergence on /_sandbox/truth.jsonl through injected faults.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedVariant, oddDate, undated, type FeedVariant } from "../../connectors/sandbox/platforms/rss";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import type { SandboxAccount } from "../../connectors/sandbox/world";
import type { NormalizedPost } from "../../connectors/types";
import { connectorFor, ref, syncAccount, truthFor } from "./helpers";

const HARD: FeedVariant[] = ["windows-1256", "rdf", "atom-xhtml", "no-guid-dates", "bad-dates"];

let sb: Sandbox;
let faulty: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 10, seed: "rss-hard" });
  faulty = await startSandbox({ port: 0, historyDays: 4, seed: "rss-hard-faults", faults: { rateLimit: 0.06, serverError: 0.08, cutBody: 0.08, malformedJson: 0.1 } });
});
afterAll(async () => {
  await sb.close();
  await faulty.close();
});

function accountsOf(s: Sandbox, v: FeedVariant): SandboxAccount[] {
  return s.world.accounts.filter((a) => a.platform === "rss" && a.state === "active" && feedVariant(a) === v && s.world.live(a, s.clock.now()).length > 0);
}

const marker = (p: NormalizedPost) => (p.raw as Record<string, { reason: string } | undefined>)["amanah:publishedAt"];

describe.each(HARD)("the %s feed", (variant) => {
  it("is served as that variant", async () => {
    const a = accountsOf(sb, variant)[0];
    expect(a, `an active ${variant} account`).toBeDefined();
    const res = await fetch(`${sb.baseUrls.rss}/${a.entitySlug}/rss.xml`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const type = res.headers.get("content-type");
    const text = new TextDecoder(variant === "windows-1256" ? "windows-1256" : "utf-8").decode(bytes);
    switch (variant) {
      case "windows-1256":
        expect(type).toBe("text/xml; charset=windows-1256");
        expect(text).toContain('encoding="windows-1256"');
        expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
        break;
      case "rdf":
        expect(text).toMatch(/<rdf:RDF[\s\S]*<\/channel>\s*<item rdf:about=/);
        break;
      case "atom-xhtml":
        expect(text).toContain('<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">');
        expect(text).toMatch(/<entry xml:base="https:\/\/[^"]+\/">/);
        break;
      case "no-guid-dates":
        expect(type).toMatch(/^text\/html/);
        expect(text).not.toContain("<guid");
        expect(text.trimStart().startsWith("<!--")).toBe(true);
        break;
      case "bad-dates":
        expect(text).toMatch(/<pubDate>\d\d\/\d\d\/\d{4} \d\d:\d\d<\/pubDate>/);
        break;
    }
  });

  it("is read correctly: ids, texts, dates or marked fallbacks, edits, profile", async () => {
    const now = sb.clock.now();
    const accounts = accountsOf(sb, variant);
    let fallbacks = 0;
    for (const a of accounts) {
      const c = connectorFor(sb, "rss");
      const r = await c.fetchPostsSince(ref(a), null);
      const live = sb.world.live(a, now).slice(0, 50);
      expect(r.posts.map((p) => p.platformPostId).sort()).toEqual(live.map((v) => v.id).sort());
      const byId = new Map(r.posts.map((p) => [p.platformPostId, p]));
      for (const v of live) {
        const p = byId.get(v.id)!;
        expect(p.text).toBe(v.text);
        expect(p.url).toBe(v.post.id);
        const t = v.post.publishedAt;
        const exact = variant === "rdf" || variant === "atom-xhtml";
        if (variant === "no-guid-dates" && undated(v.post.seq)) {
          expect(p.publishedAt.getTime()).toBe(now);
          expect(marker(p)?.reason).toBe("missing");
          fallbacks++;
        } else if (variant === "bad-dates" && !oddDate(v.post.seq, t).parseable) {
          expect(p.publishedAt.getTime()).toBe(now);
          expect(marker(p)?.reason).toBe("unparseable");
          fallbacks++;
        } else {
          const precision = variant === "bad-dates" ? oddDate(v.post.seq, t).precisionMs : exact ? 1 : 1000;
          expect(t - p.publishedAt.getTime(), `${v.id} published`).toBeGreaterThanOrEqual(0);
          expect(t - p.publishedAt.getTime()).toBeLessThan(precision);
          expect(marker(p)).toBeUndefined();
        }
        if (exact && v.edited) expect(p.editedAt?.getTime()).toBe(v.post.editedAt);
      }
      const prof = await c.lookupProfile(ref(a));
      expect(prof.displayName).toBe(a.displayName);
      expect(prof.bio).toBe(a.bio);
      // Incremental: nothing new at the same clock, from the cursor just written.
      expect((await c.fetchPostsSince(ref(a), r.cursor)).posts).toEqual([]);
    }
    if (variant === "no-guid-dates" || variant === "bad-dates") expect(fallbacks).toBeGreaterThan(0);
  });

  it("converges on truth.jsonl through injected faults", async () => {
    const accounts = accountsOf(faulty, variant).slice(0, 2);
    expect(accounts.length).toBeGreaterThan(0);
    for (const a of accounts) {
      const { current, gone } = await syncAccount(faulty, connectorFor(faulty, "rss"), a);
      const truth = await truthFor(faulty, a);
      const live = new Map(truth.filter((t) => t.status !== "deleted").map((t) => [t.id, t.text]));
      expect(new Map([...current].sort())).toEqual(new Map([...live].slice(-50).sort()));
      for (const id of gone) expect(live.has(id)).toBe(false);
    }
  });
});

it("faults were injected on the hard feeds", () => {
  const kinds = new Set(faulty.requests.filter((r) => r.platform === "rss").map((r) => r.fault));
  for (const k of ["rateLimit", "serverError", "cutBody", "malformedJson"]) expect(kinds.has(k as never)).toBe(true);
});
