/**
 * Mastodon as current servers answer: status HTML (lists, paragraphs, breaks, links) read as text,
 * ULID ids (GoToSocial) in the incremental cursor, a suspended account's `200 []`, a move within
 * the same instance, and the documented nullability of Account and Status (from the API docs).
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mastodonHtmlToText } from "../../connectors/mastodon/html";
import * as S from "../../connectors/mastodon/schemas";
import { startSandbox, type Sandbox } from "../../connectors/sandbox/server";
import { DAY } from "../../connectors/sandbox/world";
import { BadResponse, NotFound } from "../../connectors/types";
import { connectorFor, ref, truthFor } from "./helpers";

const DOCS = "/work/shared/reference/mastodon-docs";

/** `### \`name\`` attributes of an entity page section: nullable / optional as documented. */
function documented(file: string, section: string): Map<string, { nullable: boolean; optional: boolean }> {
  const text = readFileSync(`${DOCS}/${file}`, "utf8");
  const start = text.indexOf(`\n## ${section}`);
  const end = text.indexOf("\n## ", start + 1);
  const out = new Map<string, { nullable: boolean; optional: boolean }>();
  for (const part of text.slice(start, end < 0 ? undefined : end).split("\n### ").slice(1)) {
    const name = /^`([^`]+)`/.exec(part)?.[1];
    const type = /\*\*Type:\*\*(.*)/.exec(part)?.[1] ?? "";
    if (name) out.set(name, { nullable: type.includes("{{<nullable>}}"), optional: /^`[^`]+` \{\{%optional%\}\}/.test(part) });
  }
  return out;
}

const ACCOUNT = documented("entities-Account.md", "Attributes");
const STATUS = documented("entities-Status.md", "Attributes");

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ port: 0, historyDays: 10, seed: "mastodon-hard" });
});
afterAll(() => sb.close());

const masto = (pred: (a: Sandbox["world"]["accounts"][number]) => boolean) => sb.world.accounts.find((a) => a.platform === "mastodon" && pred(a))!;
const getJson = async (path: string) => (await fetch(`${sb.baseUrls.mastodon}${path}`)).json() as Promise<unknown>;

describe("status HTML is read as text", () => {
  it("paragraphs, breaks, lists (nested), quotes, code and entities", () => {
    expect(mastodonHtmlToText("<p>سطر أول<br>سطر ثان</p><p>فقرة &amp; أخرى &#39;x&#39; &quot;y&quot;</p>")).toBe("سطر أول\nسطر ثان\n\nفقرة & أخرى 'x' \"y\"");
    expect(mastodonHtmlToText("<p>المتطلبات:</p><ul><li>البطاقة الذكية</li><li>صورة شخصية</li></ul><p>شكراً</p>")).toBe("المتطلبات:\n\n• البطاقة الذكية\n• صورة شخصية\n\nشكراً");
    expect(mastodonHtmlToText("<ol>\n<li><p>one</p></li>\n<li>two<ul><li>two-a</li></ul></li>\n</ol>")).toBe("1. one\n2. two\n  • two-a");
    expect(mastodonHtmlToText("<blockquote><p>quoted</p><p>more</p></blockquote><p>reply</p>")).toBe("> quoted\n>\n> more\n\nreply");
    expect(mastodonHtmlToText("<pre><code>a  b\n  c</code></pre>")).toBe("a  b\n  c");
    expect(mastodonHtmlToText("<h2>Title</h2><p>text</p>")).toBe("Title\n\ntext");
    expect(mastodonHtmlToText("plain text, no tags")).toBe("plain text, no tags");
    expect(mastodonHtmlToText("<p>unclosed <b>bold<p>next")).toBe("unclosed bold\n\nnext");
  });

  it("links show their full URL; mentions and hashtags their text", () => {
    const html =
      '<p>التفاصيل: <a href="https://www.bahrain.bh/wps/portal/ar/BNP/HomeNationalPortal" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">https://www.</span><span class="ellipsis">bahrain.bh/wps/portal/ar/BNP/H</span><span class="invisible">omeNationalPortal</span></a> ' +
      '<span class="h-card" translate="no"><a href="https://social.example.gov/@partner" class="u-url mention">@<span>partner</span></a></span> ' +
      '<a href="https://social.example.gov/tags/%D8%A7%D9%84%D8%A8%D8%AD%D8%B1%D9%8A%D9%86" class="mention hashtag" rel="tag">#<span>البحرين</span></a></p>';
    expect(mastodonHtmlToText(html)).toBe("التفاصيل: https://www.bahrain.bh/wps/portal/ar/BNP/HomeNationalPortal @partner #البحرين");
  });

  it("the connector stores exactly the truth for accounts whose statuses use lists, links and tags", async () => {
    const rich = sb.world.accounts.filter((a) => a.platform === "mastodon" && a.quirks.richHtml);
    expect(rich.length).toBe(2);
    let withList = 0;
    for (const a of rich) {
      const r = await connectorFor(sb, "mastodon", { pageSize: 7 }).fetchPostsSince(ref(a), null);
      const truth = (await truthFor(sb, a)).filter((t) => t.status !== "deleted");
      expect(new Map(r.posts.map((p) => [p.platformPostId, p.text]))).toEqual(new Map(truth.map((t) => [t.id, t.text])));
      withList += r.posts.filter((p) => p.text.includes("\n• ") || p.text.includes("\n1. ")).length;
    }
    expect(withList).toBeGreaterThan(0);
  });
});

describe("ids are strings, not numbers", () => {
  it("the incremental cursor works on ULIDs: only new statuses, then none", async () => {
    const a = masto((x) => !!x.quirks.opaqueIds);
    expect(a.apiId).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    const c = connectorFor(sb, "mastodon", { pageSize: 4 });
    const first = await c.fetchPostsSince(ref(a), null);
    expect(first.posts.length).toBeGreaterThan(4);
    expect(first.cursor).toBe(sb.world.live(a, sb.clock.now())[0].id);
    const t0 = sb.clock.now();
    try {
      sb.clock.advance(4 * DAY);
      const mark = sb.requests.length;
      const second = await c.fetchPostsSince(ref(a), first.cursor);
      const expected = sb.world.live(a, sb.clock.now()).filter((v) => v.post.publishedAt > t0);
      expect(expected.length).toBeGreaterThan(4); // more than a page: paging up through rel=prev
      expect(second.posts.map((p) => p.platformPostId).sort()).toEqual(expected.map((v) => v.id).sort());
      expect(second.cursor).toBe(expected[0].id);
      expect(sb.requests[mark].path).toContain(`min_id=${first.cursor}`);
      const third = await c.fetchPostsSince(ref(a), second.cursor);
      expect(third.posts).toEqual([]);
      expect(third.cursor).toBe(second.cursor);
    } finally {
      sb.clock.set(t0);
    }
  });
});

describe("accounts as current servers report them", () => {
  it("a suspended account's statuses are 200 []: the account lookup tells the suspension", async () => {
    const a = masto((x) => x.state === "suspended");
    const raw = await fetch(`${sb.baseUrls.mastodon}/api/v1/accounts/${a.apiId}/statuses`);
    expect([raw.status, await raw.json()]).toEqual([200, []]);
    const c = connectorFor(sb, "mastodon");
    for (const cursor of [null, "109332811524367891"]) {
      const e = await c.fetchPostsSince(ref(a), cursor).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(NotFound);
      expect((e as NotFound).reason).toBe("suspended");
    }
    // A quiet account costs one more request and no error.
    const quiet = masto((x) => x.state === "active");
    const r = await c.fetchPostsSince(ref(quiet), sb.world.live(quiet, sb.clock.now())[0].id);
    expect(r.posts).toEqual([]);
  });

  it("a move within the same instance records a usable handle (user@host)", async () => {
    const a = masto((x) => x.state === "renamed");
    const moved = (await getJson(`/api/v1/accounts/lookup?acct=${a.handle.split("@")[0]}`)) as { moved: { acct: string } };
    expect(moved.moved.acct).not.toContain("@");
    const e = (await connectorFor(sb, "mastodon").lookupProfile(ref(a)).catch((x: unknown) => x)) as NotFound;
    expect(e).toBeInstanceOf(NotFound);
    expect([e.reason, e.currentHandle]).toEqual(["renamed", a.currentHandle]);
    expect(e.currentHandle).toMatch(/^[^@]+@[^@]+$/);
  });

  it("documented-nullable fields are nullable in the connector's schemas", () => {
    for (const [schema, docs, name] of [
      [S.account, ACCOUNT, "Account"],
      [S.status, STATUS, "Status"],
    ] as const) {
      for (const key of Object.keys(schema.shape)) {
        const doc = docs.get(key);
        expect(doc, `${name}.${key} is not a documented attribute`).toBeDefined();
        if (doc!.nullable) expect(schema.shape[key as keyof typeof schema.shape].safeParse(null).success, `${name}.${key} is documented nullable`).toBe(true);
      }
    }
    expect(ACCOUNT.get("url")).toEqual({ nullable: true, optional: false });
  });

  it("an account without a profile page (url null, GoToSocial) is looked up, not a bad response", async () => {
    const a = masto((x) => !!x.quirks.opaqueIds);
    const body = (await getJson(`/api/v1/accounts/lookup?acct=${a.handle.split("@")[0]}`)) as Record<string, unknown>;
    expect(body.url).toBeNull();
    const p = await connectorFor(sb, "mastodon").lookupProfile(ref(a)).catch((e: unknown) => e);
    expect(p).not.toBeInstanceOf(BadResponse);
    expect(p).toMatchObject({ platformId: a.apiId, profileUrl: null, handle: a.handle });
  });

  it("sandbox answers send null only where the docs allow it, and only documented attributes", async () => {
    const check = (obj: Record<string, unknown>, docs: Map<string, { nullable: boolean }>, what: string) => {
      for (const [k, v] of Object.entries(obj)) {
        const doc = docs.get(k);
        expect(doc, `${what}.${k} is not documented`).toBeDefined();
        if (v === null) expect(doc!.nullable, `${what}.${k} is null but not documented nullable`).toBe(true);
      }
      for (const [k, d] of docs) if (!d.nullable && k in obj) expect(obj[k], `${what}.${k}`).not.toBeNull();
    };
    for (const a of sb.world.accounts.filter((x) => x.platform === "mastodon")) {
      const acct = (await getJson(`/api/v1/accounts/lookup?acct=${a.handle.split("@")[0]}`)) as Record<string, unknown>;
      check(acct, ACCOUNT, `Account(${a.handle})`);
      for (const f of acct.fields as Record<string, unknown>[]) check(f, documented("entities-Account.md", "Field entity attributes"), "Field");
      if (a.state !== "active") continue;
      const sts = (await getJson(`/api/v1/accounts/${a.apiId}/statuses?limit=40`)) as Record<string, unknown>[];
      for (const s of sts) check(s, STATUS, `Status(${a.handle})`);
    }
  });
});
