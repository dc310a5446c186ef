/**
 * Tables as downloads: the same columns and rows as CSV (csv.ts) or as XLSX (exceljs' streaming
 * WorkbookWriter; right-to-left sheet and Arabic headers for Arabic users). Both are streamed:
 * rows are pulled from the table's iterator only as fast as the client takes the bytes (the
 * server sends response bodies with back-pressure, app/lib/send-response.server.ts), so a million
 * flags keep memory flat. `close` runs once at the end, on error or when the client goes away
 * (it releases the snapshot connection the rows are read from).
 */
import { once } from "node:events";
import { PassThrough, Readable } from "node:stream";
import type { Locale } from "../i18n";
import { CSV_BOM, csvLine, type Cell } from "./csv";
import { attachment } from "./format";

export interface Column {
  header: { ar: string; en: string };
  /** XLSX column width in characters. */
  width?: number;
}

export interface ExportTable {
  /** File name without extension (ASCII). */
  filename: string;
  /** XLSX sheet name (≤ 31 characters). */
  sheet: string;
  columns: readonly Column[];
  rows: Iterator<readonly Cell[]>;
  close?: () => void;
}

export type ExportFormat = "csv" | "xlsx";

const CHUNK = 64 * 1024;

function once0(fn: (() => void) | undefined): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn?.();
  };
}

/** A byte stream pulled from `next` (null = end), about 64 KiB a pull. */
export function pullTextStream(next: () => string | null, close?: () => void): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const finish = once0(close);
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        try {
          let chunk = "";
          while (chunk.length < CHUNK) {
            const s = next();
            if (s === null) {
              if (chunk) controller.enqueue(encoder.encode(chunk));
              controller.close();
              finish();
              return;
            }
            chunk += s;
          }
          controller.enqueue(encoder.encode(chunk));
        } catch (e) {
          finish();
          controller.error(e);
        }
      },
      cancel() {
        finish();
      },
    },
    { highWaterMark: 1 },
  );
}

function headerCells(columns: readonly Column[], locale: Locale): string[] {
  return columns.map((c) => (locale === "ar" ? c.header.ar : c.header.en));
}

/** Ends the iterator (a better-sqlite3 iterator holds its connection until it is returned). */
function endRows(rows: Iterator<unknown>): void {
  rows.return?.();
}

export function csvStream(t: ExportTable, locale: Locale): ReadableStream<Uint8Array> {
  let started = false;
  return pullTextStream(
    () => {
      if (!started) {
        started = true;
        return CSV_BOM + csvLine(headerCells(t.columns, locale));
      }
      const r = t.rows.next();
      return r.done ? null : csvLine(r.value);
    },
    () => {
      endRows(t.rows);
      t.close?.();
    },
  );
}

/** XLSX cell values: text stays text (a string cell is never a formula), numbers numbers. */
function xlsxValue(v: Cell): string | number | boolean | null {
  if (v === undefined || v === null) return null;
  if (typeof v === "number" && !Number.isFinite(v)) return null;
  return v;
}

const ROWS_PER_YIELD = 500;
const MAX_BACKLOG = 1 << 20;

/** Bytes waiting in front of exceljs' zip (its streams write without honouring back-pressure). */
function zipBacklog(ws: unknown): { bytes: number; stream: NodeJS.EventEmitter | null } {
  const pipes = (ws as { stream?: { pipes?: unknown[] } }).stream?.pipes;
  const p = Array.isArray(pipes) ? pipes[0] : undefined;
  const state = (p as { _writableState?: { length?: unknown } } | undefined)?._writableState;
  if (!p || typeof state?.length !== "number") return { bytes: 0, stream: null };
  return { bytes: state.length, stream: p as NodeJS.EventEmitter };
}

export function xlsxStream(t: ExportTable, locale: Locale): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const finish = once0(() => {
    endRows(t.rows);
    t.close?.();
  });
  const gone = new AbortController();
  out.on("close", () => gone.abort());
  const wait = (emitter: NodeJS.EventEmitter, event: string) => once(emitter, event, { signal: gone.signal });
  void (async () => {
    // Loaded on first use: exceljs adds ~30 MB to a process, and most never write a workbook.
    const ExcelJS = (await import("exceljs")).default;
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const ws = wb.addWorksheet(t.sheet.slice(0, 31), { views: [{ rightToLeft: locale === "ar", state: "frozen", ySplit: 1 }] });
    ws.columns = t.columns.map((c, i) => ({ header: headerCells(t.columns, locale)[i], key: `c${i}`, width: c.width ?? 16 }));
    ws.getRow(1).font = { bold: true };
    let n = 0;
    for (let r = t.rows.next(); !r.done; r = t.rows.next()) {
      ws.addRow(r.value.map(xlsxValue)).commit();
      if (++n % ROWS_PER_YIELD === 0) {
        // Let the zip and the client catch up before reading more rows.
        await new Promise((ok) => setImmediate(ok));
        if (gone.signal.aborted) throw new Error("client went away");
        while (out.writableNeedDrain) await wait(out, "drain");
        for (let b = zipBacklog(ws); b.stream && b.bytes > MAX_BACKLOG; b = zipBacklog(ws)) await wait(b.stream, "drain");
      }
    }
    finish();
    ws.commit();
    await wb.commit();
  })().catch((e: unknown) => {
    finish();
    if (!gone.signal.aborted) out.destroy(e instanceof Error ? e : new Error(String(e)));
  });
  return Readable.toWeb(out) as ReadableStream<Uint8Array>;
}

const TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

/** The download of `t` in `format`; nothing is read before the client starts taking bytes. */
export function exportResponse(t: ExportTable, format: ExportFormat, locale: Locale): Response {
  const body = format === "csv" ? csvStream(t, locale) : xlsxStream(t, locale);
  return new Response(body, {
    status: 200,
    headers: {
      "Content-Type": TYPES[format],
      "Content-Disposition": attachment(`${t.filename}.${format}`),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
