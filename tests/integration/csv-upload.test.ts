/**
 * Issue 13 items 5 and 6, through the upload action as a browser sends it:
 * - encodings: UTF-8 with or without a BOM is read; windows-1256 (Excel's "CSV" on Arabic Windows)
 *   is refused naming the problem and its first line, or read when the upload states its charset
 *   (the form's choice or the part's Content-Type); never stored as U+FFFD;
 * - size: the whole request body is capped however it is sent (chunked, many parts), and each
 *   refusal names the limit that tripped: bytes or rows.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { isUtf8 } from "node:buffer";
import { readFileSync } from "node:fs";
import { seededDb } from "../helpers/db";
import { BASE, call, post, signInAs, useDb } from "./app-helpers";
import { action as importAction } from "../../app/routes/import";
import { CSV_COLUMNS, MAX_CSV_BYTES, MAX_CSV_ROWS } from "../../db/import-accounts";
import { decodeCsvBytes, firstInvalidUtf8 } from "../../db/import-decode";
import { accountOwners, accounts } from "../../db/schema";
import type { Db } from "../../db/client";

const HEADER = CSV_COLUMNS.join(",");

/** windows-1256 bytes of a string (every character must exist in the code page). */
function win1256(s: string): Buffer {
  const decoder = new TextDecoder("windows-1256");
  const map = new Map<string, number>();
  for (let b = 0; b < 256; b++) map.set(decoder.decode(Uint8Array.of(b)), b);
  return Buffer.from([...s].map((c) => map.get(c) ?? (() => { throw new Error(`no windows-1256 byte for ${c}`); })()));
}

function upload(cookie: string, bytes: Uint8Array, opts: { type?: string; charset?: string; dryRun?: boolean } = {}): Request {
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], "accounts.csv", { type: opts.type ?? "text/csv" }));
  if (opts.charset) form.set("charset", opts.charset);
  if (opts.dryRun) form.set("dryRun", "on");
  return post("/import", form, cookie);
}

async function answer(res: Response): Promise<{ status: number; result: any }> {
  return { status: res.status, result: ((await res.json()) as { result: unknown }).result };
}

describe("CSV upload: encodings and size limits", () => {
  let db: Db;
  let admin: string;
  const arabicFile = [HEADER, "interior,x,enc_1256_a,executive,خالد الدوسري,وزير,مريم السيد,,,,,,,", "interior,x,enc_1256_b,official,,,أحمد المناعي,,,,,,,"].join("\r\n");
  beforeAll(async () => {
    ({ db } = await seededDb("csv-upload"));
    useDb(db);
    admin = await signInAs("csb-admin@demo.local", undefined, "10.13.5.1");
  });

  const stored = (handle: string) => db.select().from(accounts).where(eq(accounts.handle, handle)).get();

  it("a windows-1256 file is refused naming the encoding and its first bad line; nothing stored", async () => {
    const { status, result } = await answer(await call(importAction, upload(admin, win1256(arabicFile))));
    expect(status).toBe(400);
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ code: "encoding", line: 2 });
    expect(result.errors[0].message).toMatch(/not UTF-8/);
    expect(result.errors[0].message).toMatch(/line 2/);
    expect(result.errors[0].message).toMatch(/windows-1256/);
    expect(stored("enc_1256_a")).toBeUndefined();
  });

  it("… and read correctly when the form says windows-1256", async () => {
    const { status, result } = await answer(await call(importAction, upload(admin, win1256(arabicFile), { charset: "windows-1256" })));
    expect(status).toBe(200);
    expect(result).toMatchObject({ ok: true, created: 2 });
    expect(stored("enc_1256_a")!.holderName).toBe("خالد الدوسري");
    const owner = db.select().from(accountOwners).where(eq(accountOwners.accountId, stored("enc_1256_b")!.id)).get()!;
    expect(owner.custodianName).toBe("أحمد المناعي");
  });

  it("… or when the file part's Content-Type states its charset", async () => {
    const file = arabicFile.replaceAll("enc_1256_", "enc_part_");
    const { result } = await answer(await call(importAction, upload(admin, win1256(file), { type: "text/csv; charset=windows-1256" })));
    expect(result).toMatchObject({ ok: true, created: 2 });
    expect(stored("enc_part_a")!.holderName).toBe("خالد الدوسري");
  });

  it("UTF-8 with and without a byte-order mark is read as is", async () => {
    for (const [bom, tag] of [["\uFEFF", "bom"], ["", "nobom"]]) {
      const file = bom + arabicFile.replaceAll("enc_1256_", `enc_${tag}_`);
      const { result } = await answer(await call(importAction, upload(admin, Buffer.from(file, "utf8"))));
      expect(result, tag).toMatchObject({ ok: true, created: 2 });
      expect(stored(`enc_${tag}_a`)!.holderName).toBe("خالد الدوسري");
    }
  });

  it("UTF-16 and unknown charsets are refused by name", async () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(arabicFile, "utf16le")]);
    const a = await answer(await call(importAction, upload(admin, utf16)));
    expect(a.result.errors[0]).toMatchObject({ code: "encoding", line: 1 });
    expect(a.result.errors[0].message).toMatch(/UTF-16LE/);
    const b = await answer(await call(importAction, upload(admin, Buffer.from(arabicFile), { charset: "klingon-8" })));
    expect(b.result.errors[0]).toMatchObject({ code: "charset", params: { charset: "klingon-8" } });
  });

  it("the first invalid UTF-8 byte is found exactly (agrees with Node's own check)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (b) => {
        expect(firstInvalidUtf8(b) === -1).toBe(isUtf8(b));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        expect(decodeCsvBytes(Buffer.from(s))).toMatchObject({ ok: true, text: s });
      }),
      { numRuns: 2000 },
    );
    // A bad byte on line 3 (after two lines of valid Arabic).
    const bytes = Buffer.concat([Buffer.from("أ,ب\nج,د\nx,"), Buffer.from([0xc7, 0x41]), Buffer.from("\n")]);
    expect(decodeCsvBytes(bytes)).toMatchObject({ ok: false, code: "encoding", params: { line: 3, found: "C7 41 0A" } });
  });

  it("Arabic and English explain each new refusal", () => {
    for (const lang of ["ar", "en"]) {
      const strings = JSON.parse(readFileSync(`app/locales/${lang}/registry.json`, "utf8"));
      for (const code of ["encoding", "charset", "too_large", "too_many_rows", "bidi", "feed_refused"]) expect(strings.csv[code], `${lang} csv.${code}`).toBeTruthy();
      expect(strings.csv.encoding).toContain("{{line}}");
      expect(strings.csv.too_many_rows).toContain("{{maxRows}}");
    }
    expect(JSON.parse(readFileSync("app/locales/ar/registry.json", "utf8")).csv.encoding).toMatch(/ترميز/);
  });

  it("a chunked multipart body of many text parts is cut off at the byte limit (413, names the size limit)", async () => {
    const boundary = "----amanah-test-boundary";
    const parts = ["a", "b", "c"].map((name) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${"a".repeat(4_900_000)}\r\n`);
    const whole = new TextEncoder().encode(parts.join("") + `--${boundary}--\r\n`);
    // Sent in 64 KiB chunks, as a chunked upload arrives.
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (sent >= whole.length) return ctl.close();
        const chunk = whole.subarray(sent, sent + 65_536);
        sent += chunk.length;
        ctl.enqueue(chunk);
      },
    });
    const request = new Request(`${BASE}/import`, {
      method: "POST",
      body,
      headers: { Cookie: admin, "Content-Type": `multipart/form-data; boundary=${boundary}` },
      duplex: "half",
    } as RequestInit & { duplex: "half" });
    expect(request.headers.get("Content-Length")).toBeNull();
    const { status, result } = await answer(await call(importAction, request));
    expect(status).toBe(413);
    expect(result.errors[0]).toMatchObject({ code: "too_large", params: { maxMb: MAX_CSV_BYTES / 1024 / 1024 } });
    expect(result.errors[0].message).toMatch(/larger than 5 MB \(the size limit\)/);
    // Reading stopped at the limit: most of the body was never pulled.
    expect(whole.length).toBeGreaterThan(14_000_000);
    expect(sent).toBeLessThan(MAX_CSV_BYTES + 1024 * 1024);
  });

  it("a 50,000-row file under 5 MB is refused by the row limit, and says so", async () => {
    const rows = Array.from({ length: 50_000 }, (_, i) => `interior,x,r${i},official,,,,,,,,,,`);
    const file = Buffer.from([HEADER, ...rows].join("\n"));
    expect(file.length).toBeLessThan(MAX_CSV_BYTES);
    const { status, result } = await answer(await call(importAction, upload(admin, file, { dryRun: true })));
    expect(status).toBe(400);
    expect(result.errors).toEqual([expect.objectContaining({ code: "too_many_rows", params: { rows: 50_000, maxRows: MAX_CSV_ROWS } })]);
    expect(result.errors[0].message).toMatch(/50000 data rows; at most 20000 .*row limit/);
    expect(result.errors[0].message).not.toMatch(/MB/);
  });

  it("a file over 5 MB is refused by the size limit, and says so", async () => {
    const big = Buffer.alloc(MAX_CSV_BYTES + 1, "a");
    const { status, result } = await answer(await call(importAction, upload(admin, big)));
    expect(status).toBe(413);
    expect(result.errors[0]).toMatchObject({ code: "too_large" });
    expect(result.errors[0].message).toMatch(/5 MB \(the size limit\)/);
  });
});
