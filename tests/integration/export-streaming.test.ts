/**
 * Streamed exports under back-pressure, over real HTTP (express + sendResponse, as server.ts):
 * rows are read from the iterator only as fast as the client takes the bytes, and a client that
 * goes away releases what the export holds (its `close`, which ends the snapshot).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import express from "express";
import { request as httpRequest, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { sendResponse } from "../../app/lib/send-response.server";
import { exportResponse, type ExportTable } from "../../app/lib/export/table.server";

interface Probe {
  pulled: number;
  closed: boolean;
}

function table(probe: Probe, total = 2_000_000): ExportTable {
  const rows = (function* () {
    for (let i = 0; i < total; i++) {
      probe.pulled++;
      yield [i, "نص عربي طويل نوعًا ما لملء السطر بالبيانات", "=1+1", i * 0.5] as const;
    }
  })();
  return { filename: "t", sheet: "t", columns: [{ header: { ar: "أ", en: "a" } }, { header: { ar: "ب", en: "b" } }, { header: { ar: "ج", en: "c" } }, { header: { ar: "د", en: "d" } }], rows, close: () => (probe.closed = true) };
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("export streaming", () => {
  let server: Server;
  let base: string;
  const probes: Record<string, Probe> = {};

  beforeAll(async () => {
    const app = express();
    app.get("/:name.:format", (req, res, next) => {
      const probe: Probe = { pulled: 0, closed: false };
      probes[req.params.name] = probe;
      const format = req.params.format === "xlsx" ? "xlsx" : "csv";
      sendResponse(res, exportResponse(table(probe, req.params.name === "full" ? 200_000 : 2_000_000), format, "ar")).catch(next);
    });
    server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  /** Waits until no more rows are pulled for 300 ms; returns how many were. */
  async function stalled(probe: Probe): Promise<number> {
    for (let i = 0; i < 40; i++) {
      const before = probe.pulled;
      await wait(300);
      if (probe.pulled === before) return before;
    }
    throw new Error(`still pulling rows after 12 s (${probe.pulled})`);
  }

  function open(path: string): Promise<IncomingMessage> {
    return new Promise((ok, fail) => httpRequest(`${base}${path}`, ok).on("error", fail).end());
  }

  for (const format of ["csv", "xlsx"] as const) {
    it(`${format}: a paused client stops the rows; leaving releases the export`, async () => {
      const name = `paused-${format}`;
      const res = await open(`/${name}.${format}`);
      expect(res.statusCode).toBe(200);
      // Take a little, then stop reading.
      let got = 0;
      await new Promise<void>((ok) => {
        res.on("data", (c: Buffer) => {
          got += c.length;
          if (got > 256 * 1024) {
            res.pause();
            ok();
          }
        });
      });
      // Stalled: nothing more is read while the client does not read (what was read fills the
      // socket and stream buffers, a few MB; XLSX is compressed, so that is more rows).
      const p1 = await stalled(probes[name]);
      expect(p1).toBeLessThan(format === "csv" ? 100_000 : 1_000_000);
      await wait(500);
      expect(probes[name].pulled).toBe(p1);
      expect(probes[name].closed).toBe(false);
      res.destroy();
      await expect.poll(() => probes[name].closed, { timeout: 5000 }).toBe(true);
      expect(probes[name].pulled).toBe(p1);
    }, 20_000);
  }

  it("csv: a client that reads everything gets every row and the export is closed once", async () => {
    const res = await fetch(`${base}/full.csv`);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer());
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("\uFEFFأ,ب,ج,د");
    expect(lines[1]).toBe("0,نص عربي طويل نوعًا ما لملء السطر بالبيانات,'=1+1,0");
    expect(lines.length - 2).toBe(200_000);
    expect(probes.full.closed).toBe(true);
  }, 60_000);
});
