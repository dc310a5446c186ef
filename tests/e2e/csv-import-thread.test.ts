/**
 * Issue 13 item 4: a large CSV import does not freeze the app. While a 19,999-row dry run is being
 * validated and counted (in a worker thread, db/import-thread.ts), /healthz keeps answering: health
 * checks sent one after another during the import complete before the import does. Still all or
 * nothing: the dry run stores nothing, a real run stores every row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { get } from "node:http";
import { sessionCookie, startApp, type AppHarness } from "./harness";
import { CSV_COLUMNS } from "../../db/import-accounts";

const ROWS = 19_999;

/** GET /healthz on a connection of its own (not one the import's keep-alive pool holds). */
function healthOnce(base: string): Promise<number> {
  return new Promise((ok, fail) => {
    const req = get(`${base}/healthz`, { agent: false }, (res) => {
      res.resume();
      res.on("end", () => ok(res.statusCode ?? 0));
    });
    req.on("error", fail);
  });
}

function bigCsv(prefix: string, rows = ROWS): Buffer {
  const lines = [CSV_COLUMNS.join(",")];
  const entities = ["interior", "health", "labour", "works", "tourism"];
  for (let i = 0; i < rows; i++) {
    lines.push(`${entities[i % entities.length]},x,${prefix}${i},official,,,"مسؤول الحساب ${i}",owner${i}@example.gov.bh,,,password_manager,authenticator_app,,2026-10-01`);
  }
  return Buffer.from(lines.join("\n"));
}

describe("CSV import off the event loop", () => {
  let app: AppHarness;
  let cookie: string;
  beforeAll(async () => {
    app = await startApp();
    cookie = await sessionCookie(app.url, "csb-admin@demo.local");
  });
  afterAll(async () => {
    await app?.close();
  });

  const upload = (file: Buffer, dryRun: boolean) => {
    const form = new FormData();
    form.set("file", new File([new Uint8Array(file)], "big.csv", { type: "text/csv" }));
    if (dryRun) form.set("dryRun", "on");
    return fetch(`${app.url}/import?_data=routes%2Fimport`, { method: "POST", body: form, headers: { Cookie: cookie, Origin: app.url } });
  };
  const accountsLike = (prefix: string) => {
    const sql = new Database(app.dbPath, { readonly: true });
    try {
      return sql.prepare(`SELECT count(*) FROM accounts WHERE handle LIKE ?`).pluck().get(`${prefix}%`) as number;
    } finally {
      sql.close();
    }
  };

  it(`/healthz answers while a ${ROWS}-row dry run runs`, async () => {
    // The upload as a browser sends it, in chunks, so the test knows when its last byte went out.
    const boundary = "----amanah-import-test";
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="dryRun"\r\n\r\non\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\nContent-Type: text/csv\r\n\r\n`;
    const whole = Buffer.concat([Buffer.from(head), bigCsv("dry_"), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    let offset = 0;
    let allSent!: () => void;
    const sent = new Promise<void>((ok) => (allSent = ok));
    const body = new ReadableStream<Uint8Array>({
      pull(ctl) {
        if (offset >= whole.length) {
          ctl.close();
          allSent();
          return;
        }
        ctl.enqueue(new Uint8Array(whole.subarray(offset, offset + 65_536)));
        offset += 65_536;
      },
    });
    let importDone = false;
    const importing = fetch(`${app.url}/import?_data=routes%2Fimport`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { Cookie: cookie, Origin: app.url, "Content-Type": `multipart/form-data; boundary=${boundary}` },
    } as RequestInit & { duplex: "half" }).then(async (r) => {
      const json = await r.json();
      importDone = true;
      return { status: r.status, body: json };
    });

    // Once the whole file is out, health checks one after another until the import answers. On the
    // request thread the first check sent while it validates waits for all of it; off the loop they
    // keep coming back throughout.
    await sent;
    const answeredDuringImport: number[] = [];
    while (!importDone) {
      const status = await healthOnce(app.url);
      if (!importDone) answeredDuringImport.push(status);
      await new Promise((ok) => setTimeout(ok, 20));
    }

    const result = await importing;
    expect(result.status, app.logs.join("")).toBe(200);
    expect(result.body.result).toMatchObject({ ok: true, created: ROWS, dryRun: true });
    expect(answeredDuringImport.length).toBeGreaterThanOrEqual(10);
    expect(answeredDuringImport.every((s) => s === 200)).toBe(true);
    expect(accountsLike("dry_")).toBe(0);
  }, 120_000);

  it("through the thread a real import stores every row, and one bad row stores none", async () => {
    const good = await upload(bigCsv("real_", 1_000), false);
    expect(good.status).toBe(200);
    expect((await good.json()).result).toMatchObject({ ok: true, created: 1_000, dryRun: false });
    expect(accountsLike("real_")).toBe(1_000);

    const bad = Buffer.concat([bigCsv("half_", 1_000), Buffer.from("\ninterior,x,not a handle!,official,,,,,,,,,,")]);
    const r = await upload(bad, false);
    expect(r.status).toBe(400);
    expect((await r.json()).result.errors).toEqual([expect.objectContaining({ line: 1_002, code: "handle" })]);
    expect(accountsLike("half_")).toBe(0);
  }, 120_000);
});
