import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

const CLI = resolve(__dirname, "../../scripts/scoring/cli.ts");

/** Run the real CLI process (node + tsx loader), feeding stdin; resolve stdout, stderr and code. */
function run(input: string | Buffer): Promise<{ out: string; err: string; code: number | null }> {
  return new Promise((done, fail) => {
    const p = spawn(process.execPath, ["--import", "tsx", CLI], { cwd: resolve(__dirname, "../..") });
    let out = "";
    let err = "";
    p.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    p.stderr.setEncoding("utf8").on("data", (d: string) => (err += d));
    p.on("error", fail);
    p.on("close", (code) => done({ out, err, code }));
    p.stdin.end(input);
  });
}

const line = (o: unknown) => JSON.stringify(o);
const lines = (out: string) => out.split("\n").filter((l, i, a) => !(i === a.length - 1 && l === "")).map((l) => JSON.parse(l));

describe("score CLI (spawned)", () => {
  it("writes one line per input, in order, and reports bad lines without stopping", async () => {
    const input = [
      line({ id: "1", text: "يا كلب", accountClass: "employee", kind: "post" }),
      "this is not json",
      line({ id: "3", text: "تعلن الوزارة عن بدء التسجيل", accountClass: "official", kind: "post" }),
      line({ id: "4", text: 42, accountClass: "official", kind: "post" }),
      line({ id: "5", text: "x", accountClass: "boss", kind: "post" }),
      line({ id: "6", text: "x", accountClass: "official", kind: "tweet" }),
      line({ text: "no id", accountClass: "official", kind: "post" }),
      "",
      line(["an", "array"]),
      line({ id: "10", text: "ahmed@moh.gov.bh", accountClass: "employee", kind: "bio", entityDomains: ["moh.gov.bh"] }),
      line({ id: "11", text: "x", accountClass: "employee", kind: "bio", entityDomains: "moh.gov.bh" }),
      line({ id: "12", text: "سري للغاية", accountClass: "executive", kind: "post" }),
    ].join("\n");
    const { out, code } = await run(input + "\n");
    expect(code).toBe(0);
    const rows = lines(out);
    expect(rows).toHaveLength(12);
    expect(rows[0].id).toBe("1");
    expect(rows[0].flags[0]).toMatchObject({ rule: "off.insult", clause: "COC-2", category: "offensive", severity: "medium" });
    expect(rows[0].flags[0].spans[0]).toEqual({ start: 3, end: 6, text: "كلب" });
    expect(rows[1]).toEqual({ id: null, error: expect.stringMatching(/JSON/) });
    expect(rows[2]).toEqual({ id: "3", risk: 0, flags: [] });
    expect(rows[3]).toEqual({ id: "4", error: expect.stringMatching(/^text/) });
    expect(rows[4]).toEqual({ id: "5", error: expect.stringMatching(/^accountClass/) });
    expect(rows[5]).toEqual({ id: "6", error: expect.stringMatching(/^kind/) });
    expect(rows[6]).toEqual({ id: null, error: expect.stringMatching(/^id/) });
    expect(rows[7]).toEqual({ id: null, error: expect.stringMatching(/empty/) });
    expect(rows[8]).toEqual({ id: null, error: expect.stringMatching(/object/) });
    expect(rows[9].flags.map((f: { rule: string }) => f.rule)).toContain("email.work");
    expect(rows[10]).toEqual({ id: "11", error: expect.stringMatching(/^entityDomains/) });
    expect(rows[11].flags.map((f: { clause: string }) => f.clause)).toEqual(["COC-4", "COC-9"]);
    for (const r of rows) expect(Object.keys(r).sort()).toEqual("error" in r ? ["error", "id"] : ["flags", "id", "risk"]);
  });

  it("writes nothing for empty input", async () => {
    const { out, code } = await run("");
    expect(code).toBe(0);
    expect(out).toBe("");
  });

  it("handles a last line without a newline and CRLF line ends", async () => {
    const a = line({ id: "a", text: "hi", accountClass: "official", kind: "post" });
    const { out } = await run(`${a}\r\n${a.replace('"a"', '"b"')}`);
    expect(lines(out).map((r) => r.id)).toEqual(["a", "b"]);
  });

  it("handles 100,000-character text, lone surrogates, control and bidi characters", async () => {
    const long = ("تعلن الوزارة عن بدء التسجيل. " + "يا كلب ").repeat(3000).slice(0, 100_000);
    const weird = "\ud800 يا \u202eكلب\u202c \u0000\u0007\u001b[31m \udfff \u2066سري للغاية\u2069 \ufeff";
    const input = [
      line({ id: "long", text: long, accountClass: "employee", kind: "post" }),
      line({ id: "weird", text: weird, accountClass: "employee", kind: "post" }),
      line({ id: "after", text: "ok", accountClass: "official", kind: "post" }),
    ].join("\n");
    const { out, code } = await run(input + "\n");
    expect(code).toBe(0);
    const rows = lines(out);
    expect(rows.map((r) => r.id)).toEqual(["long", "weird", "after"]);
    expect(rows[0].flags.length).toBeGreaterThan(0);
    for (const f of rows[0].flags) for (const s of f.spans) expect(long.slice(s.start, s.end)).toBe(s.text);
    const rules = rows[1].flags.map((f: { rule: string }) => f.rule);
    expect(rules).toContain("off.insult");
    expect(rules).toContain("conf.marker");
    for (const f of rows[1].flags) for (const s of f.spans) expect(weird.slice(s.start, s.end)).toBe(s.text);
    // Lone surrogates survive as escapes: every output line is valid JSON, one per input.
    expect(out.split("\n").filter(Boolean)).toHaveLength(3);
  });

  it("survives invalid UTF-8 bytes", async () => {
    const good = Buffer.from(line({ id: "u", text: "hi", accountClass: "official", kind: "post" }) + "\n");
    const { out } = await run(Buffer.concat([Buffer.from([0xff, 0xfe, 0x0a]), good]));
    const rows = lines(out);
    expect(rows).toHaveLength(2);
    expect(rows[0].id).toBeNull();
    expect(rows[1].id).toBe("u");
  });
});

describe("result serialisation", () => {
  it("resultLine is byte-identical to JSON.stringify of the result", async () => {
    const { resultLine } = await import("../../core/scoring/cli-line");
    const { scoreItem } = await import("../../core/scoring/index");
    const { CASES } = await import("../../core/scoring/cases");
    let flagged = 0;
    for (const c of CASES) {
      for (const accountClass of ["official", "executive", "employee"] as const) {
        for (const kind of ["post", "bio"] as const) {
          const r = scoreItem({ text: c.text, accountClass, kind, entityDomains: c.entityDomains });
          if (r.flags.length > 0) flagged++;
          expect(resultLine("x\"1", r.risk, r.flags)).toBe(JSON.stringify({ id: "x\"1", risk: r.risk, flags: r.flags }));
          expect(resultLine(null, r.risk, r.flags)).toBe(JSON.stringify({ id: null, risk: r.risk, flags: r.flags }));
        }
      }
    }
    expect(flagged).toBeGreaterThan(50);
  });
});
