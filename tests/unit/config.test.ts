import { describe, expect, it } from "vitest";
import { ConfigError, DEMO_PASSWORD, parseConfig } from "../../core/config";

const SECRET = "s".repeat(40);
const env = (e: Record<string, string>) => e as NodeJS.ProcessEnv;

describe("config validation", () => {
  it("accepts a development environment with defaults", () => {
    const cfg = parseConfig(env({}));
    expect(cfg.PORT).toBe(3000);
    expect(cfg.NODE_ENV).toBe("development");
  });
  it("production refuses a missing SESSION_SECRET", () => {
    expect(() => parseConfig(env({ NODE_ENV: "production" }))).toThrow(/SESSION_SECRET: required in production/);
  });
  it("production refuses the demo password and demo mode", () => {
    expect(() => parseConfig(env({ NODE_ENV: "production", SESSION_SECRET: `${DEMO_PASSWORD}-${SECRET}` }))).toThrow(/demo password/);
    expect(() => parseConfig(env({ NODE_ENV: "production", SESSION_SECRET: SECRET, AMANAH_DEMO: "1" }))).toThrow(ConfigError);
  });
  it("the demo runs in production only on a loopback HOST (issue 13 item 9)", () => {
    for (const host of ["0.0.0.0", "10.0.0.5", "::", "example.org", "127.evil.example"]) {
      expect(() => parseConfig(env({ NODE_ENV: "production", SESSION_SECRET: SECRET, AMANAH_DEMO: "1", HOST: host })), host).toThrow(/AMANAH_DEMO: .*loopback HOST/);
    }
    for (const host of ["127.0.0.1", "::1", "[::1]", "localhost", "127.0.0.2"]) {
      expect(parseConfig(env({ NODE_ENV: "production", SESSION_SECRET: SECRET, AMANAH_DEMO: "1", HOST: host })).AMANAH_DEMO, host).toBe("1");
    }
    expect(parseConfig(env({})).HOST).toBe("0.0.0.0");
  });
  it("production starts with a proper secret", () => {
    expect(parseConfig(env({ NODE_ENV: "production", SESSION_SECRET: SECRET })).NODE_ENV).toBe("production");
  });
  it("reports bad values by variable name", () => {
    try {
      parseConfig(env({ PORT: "99999", SESSION_SECRET: "short" }));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const problems = (e as ConfigError).problems.join("\n");
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/SESSION_SECRET/);
    }
  });
});
