/**
 * Issue 17 (server-side request forgery), registration side: the account form and the CSV import
 * refuse an RSS feed URL the outbound guard (connectors/rss checkFeedUrl) refuses, naming the
 * reason. Tests and the demo skip the DNS look-up (their sandbox feeds are *.invalid hosts); the
 * static checks (scheme, port, IP literals) always run, and RSS_CHECK_DNS=1 turns resolution on.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { seededDb } from "../helpers/db";
import { call, post, signInAs, useDb } from "./app-helpers";
import { action as newAccountAction } from "../../app/routes/entities.$slug.accounts.new";
import { action as editAction } from "../../app/routes/accounts.$id.edit";
import { CSV_COLUMNS, importAccounts } from "../../db/import-accounts";
import { parseConfig, rssRegistrationDns } from "../../core/config";
import { checkFeedUrl } from "../../connectors/rss";
import { accounts } from "../../db/schema";
import type { Db } from "../../db/client";

const REFUSED: [string, string][] = [
  ["http://127.0.0.1/feed.xml", "loopback"],
  ["http://[::1]/feed.xml", "loopback"],
  ["http://169.254.169.254/latest/meta-data/", "metadata"],
  ["http://10.1.2.3/rss", "private"],
  ["http://192.168.1.10/rss", "private"],
  ["https://news.example.com:8443/rss", "port"],
  ["http://0.0.0.0/rss", "unspecified"],
];
const SANDBOX_FEED = "https://feeds.sandbox.amanah.invalid/hardening-test/rss.xml";

describe("RSS feed URLs at registration", () => {
  let db: Db;
  let director: string;
  beforeAll(async () => {
    ({ db } = await seededDb("feed-registration"));
    useDb(db);
    director = await signInAs("director@interior.demo.local", undefined, "10.13.17.1");
  });

  it.each(REFUSED)("the account form refuses %s (%s), nothing stored", async (url, reason) => {
    const before = await db.$count(accounts);
    const r = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "rss", handle: url, class: "official" }, director), { slug: "interior" });
    expect(r.status).toBe(400);
    expect((await r.json()).errors).toEqual({ handle: `feedReason.${reason}` });
    expect(await db.$count(accounts)).toBe(before);
  });

  it("the sandbox's feed host passes (no DNS look-up in tests), and editing to a private address is refused", async () => {
    const r = await call(newAccountAction, post("/entities/interior/accounts/new", { platform: "rss", handle: SANDBOX_FEED, class: "official" }, director), { slug: "interior" });
    expect(r.status).toBe(302);
    const created = db.select().from(accounts).where(eq(accounts.handle, SANDBOX_FEED)).get()!;
    const e = await call(editAction, post(`/accounts/${created.id}/edit`, { platform: "rss", handle: "http://172.16.0.9/rss", class: "official" }, director), { id: String(created.id) });
    expect(e.status).toBe(400);
    expect((await e.json()).errors).toEqual({ handle: "feedReason.private" });
    expect(db.select().from(accounts).where(eq(accounts.id, created.id)).get()!.handle).toBe(SANDBOX_FEED);
  });

  it("the CSV import refuses each such row with its line and reason, and imports nothing", async () => {
    const header = CSV_COLUMNS.join(",");
    const row = (url: string) => `interior,rss,${url},official,,,,,,,,,,`;
    const file = [header, row("https://feeds.sandbox.amanah.invalid/interior/other.xml"), ...REFUSED.map(([url]) => row(url))].join("\n");
    const before = await db.$count(accounts);
    const r = await importAccounts(db, file, { actor: "system:test" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => `${e.line}:${e.code}:${e.params?.reason}`)).toEqual(REFUSED.map(([, reason], i) => `${i + 3}:feed_refused:${reason}`));
    expect(r.errors[0].message).toMatch(/^the feed URL is refused \(loopback\): 127\.0\.0\.1 is a loopback address/);
    expect(await db.$count(accounts)).toBe(before);
  });

  it("with DNS on, a host name that resolves to a loopback address is refused too", async () => {
    const file = [CSV_COLUMNS.join(","), "interior,rss,http://localhost/feed.xml,official,,,,,,,,,,"].join("\n");
    const r = await importAccounts(db, file, { actor: "system:test", checkFeed: (url) => checkFeedUrl(url, { dns: true }) });
    expect(r.ok ? [] : r.errors.map((e) => `${e.code}:${e.params?.reason}`)).toEqual(["feed_refused:loopback"]);
  });

  it("DNS is checked at registration except in the demo and the tests, unless RSS_CHECK_DNS says", () => {
    const secret = "x".repeat(40);
    expect(rssRegistrationDns(parseConfig({ NODE_ENV: "production", SESSION_SECRET: secret }))).toBe(true);
    expect(rssRegistrationDns(parseConfig({ NODE_ENV: "development" }))).toBe(true);
    expect(rssRegistrationDns(parseConfig({ NODE_ENV: "development", AMANAH_DEMO: "1" }))).toBe(false);
    expect(rssRegistrationDns(parseConfig({ NODE_ENV: "test" }))).toBe(false);
    expect(rssRegistrationDns(parseConfig({ NODE_ENV: "test", RSS_CHECK_DNS: "1" }))).toBe(true);
    expect(rssRegistrationDns(parseConfig({ NODE_ENV: "production", SESSION_SECRET: secret, RSS_CHECK_DNS: "0" }))).toBe(false);
  });
});
