/** Platform credentials are sealed in SQLite, opened only with the key, and never printed or audited in clear. */
import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
import { CredentialsTampered } from "../../connectors/credentials";
import { loadCredentials, storeCredentials } from "../../db/credentials";
import { configuredConnectors } from "../../workers/connectors";
import { freshDb } from "../helpers/db";

const SECRET = "AAAA-very-secret-bearer-token-1234";

describe("stored credentials", () => {
  it("seal at rest, open with the key, audit without values, refuse a wrong key", () => {
    const { db } = freshDb("creds");
    const key = randomBytes(32);
    expect(storeCredentials(db, { platform: "x", credentials: { bearerToken: SECRET }, key, actor: "system:test" })).toMatchObject({ created: true });
    expect(storeCredentials(db, { platform: "x", credentials: { bearerToken: `${SECRET}-2` }, key, actor: "system:test" })).toMatchObject({ created: false });
    const dump = JSON.stringify(db.$client.prepare("SELECT * FROM platform_credentials").all()) + JSON.stringify(db.$client.prepare("SELECT * FROM audit_log").all());
    expect(dump).not.toContain(SECRET);
    expect(dump).toContain("bearerToken"); // the audit names the field
    expect(loadCredentials(db, key)).toEqual({ x: { bearerToken: `${SECRET}-2` } });
    expect(() => loadCredentials(db, randomBytes(32))).toThrow(CredentialsTampered);
    expect(() => storeCredentials(db, { platform: "instagram", credentials: { igUserId: "abc" } as never, key, actor: "t" })).toThrow(/numeric Instagram user id/);
    expect(() => storeCredentials(db, { platform: "x", credentials: { password: "x" } as never, key, actor: "t" })).toThrow(/password/);
  });

  it("workers merge stored credentials into the configured base URLs", () => {
    const { db } = freshDb("creds-merge");
    const key = randomBytes(32);
    storeCredentials(db, { platform: "youtube", credentials: { apiKey: "k-1" }, key, actor: "t" });
    const env = { AMANAH_CONNECTORS: JSON.stringify({ youtube: { baseUrl: "http://127.0.0.1:9/yt" } }), AMANAH_CREDENTIALS_KEY: key.toString("base64") };
    expect(configuredConnectors(db, env).youtube).toEqual({ baseUrl: "http://127.0.0.1:9/yt", credentials: { apiKey: "k-1" } });
    expect(configuredConnectors(db, { AMANAH_CONNECTORS: env.AMANAH_CONNECTORS }).youtube).toEqual({ baseUrl: "http://127.0.0.1:9/yt" });
  });

  it("the CLI reads secrets from stdin and never prints them", () => {
    const { db, path } = freshDb("creds-cli");
    db.$client.close();
    const env = { ...process.env, AMANAH_CREDENTIALS_KEY: randomBytes(32).toString("hex"), DATABASE_URL: path };
    const cli = (args: string[], input = "") => spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", ...args], { input, env, encoding: "utf8" });
    const set = cli(["credentials", "set", "--platform", "x"], JSON.stringify({ bearerToken: SECRET }));
    expect(set.status, set.stderr).toBe(0);
    expect(JSON.parse(set.stdout)).toMatchObject({ platform: "x", created: true });
    const list = cli(["credentials", "list"]);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('"fields":"bearerToken"');
    expect(set.stdout + set.stderr + list.stdout + list.stderr).not.toContain(SECRET);
    const bad = cli(["credentials", "set", "--platform", "x"], "not json");
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/not a JSON object/);
    const noKey = spawnSync(process.execPath, ["--import", "tsx", "scripts/cli.ts", "credentials", "list"], { env: { ...env, AMANAH_CREDENTIALS_KEY: "" }, encoding: "utf8" });
    expect(noKey.status).toBe(1);
    expect(noKey.stderr).toMatch(/AMANAH_CREDENTIALS_KEY is not set/);
  });
});
