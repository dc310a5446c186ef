import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  credentialsKeyFromEnv,
  CredentialsKeyError,
  CredentialsTampered,
  describeCredentials,
  openCredentials,
  sealCredentials,
} from "../../connectors/credentials";
import { redact } from "../../connectors/redact";

const key = randomBytes(32);

describe("credentials at rest", () => {
  it("round-trips with a fresh IV each time, in iv.tag.ciphertext form", () => {
    const creds = { bearerToken: "AAAA-bearer", accessToken: "EAAB-page" };
    const a = sealCredentials(creds, key);
    const b = sealCredentials(creds, key);
    expect(a).not.toBe(b);
    expect(a.split(".")).toHaveLength(3);
    expect(Buffer.from(a.split(".")[0], "base64")).toHaveLength(12);
    expect(a).not.toContain("AAAA-bearer");
    expect(openCredentials(a, key)).toEqual(creds);
  });
  it("detects tampering and the wrong key", () => {
    const s = sealCredentials({ apiKey: "AIza-key" }, key);
    const [iv, tag, ct] = s.split(".");
    const flipped = Buffer.from(ct, "base64");
    flipped[0] ^= 1;
    expect(() => openCredentials(`${iv}.${tag}.${flipped.toString("base64")}`, key)).toThrow(CredentialsTampered);
    expect(() => openCredentials(s, randomBytes(32))).toThrow(CredentialsTampered);
    expect(() => openCredentials("garbage", key)).toThrow(CredentialsTampered);
  });
  it("reads the key from AMANAH_CREDENTIALS_KEY as base64 or hex, with clear errors", () => {
    expect(credentialsKeyFromEnv({ AMANAH_CREDENTIALS_KEY: key.toString("base64") })).toEqual(key);
    expect(credentialsKeyFromEnv({ AMANAH_CREDENTIALS_KEY: key.toString("hex") })).toEqual(key);
    expect(() => credentialsKeyFromEnv({})).toThrow(/AMANAH_CREDENTIALS_KEY is not set/);
    expect(() => credentialsKeyFromEnv({ AMANAH_CREDENTIALS_KEY: randomBytes(16).toString("base64") })).toThrow(CredentialsKeyError);
    expect(() => credentialsKeyFromEnv({ AMANAH_CREDENTIALS_KEY: "not a key!" })).toThrow(/32 bytes/);
  });
  it("never shows secret values in descriptions or redacted text", () => {
    expect(describeCredentials({ bearerToken: "abc-secret", apiKey: "k-secret" })).toBe("bearerToken, apiKey");
    const r = redact("GET https://graph/x?access_token=EAAB123&key=AIza999 Authorization: Bearer abc.def", ["abc-secret"]);
    expect(r).not.toMatch(/EAAB123|AIza999|abc\.def/);
  });
});
