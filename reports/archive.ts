/**
 * The report archive: render → immutable PDF file under REPORTS_DIR → `reports` row with sha256.
 * Files are never overwritten: a re-generation is a new version with its own file (written with
 * the exclusive flag, so even a racing writer cannot clobber one). The archive is bounded: the
 * newest KEEP_VERSIONS versions of each report (scope, entity, week, locale) are kept; an older
 * version's row and file are deleted when a new one is stored. A download is never cut short by
 * that: reports.$id.pdf reads and checks the whole file before it answers (docs/reports.md).
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Db } from "../db/client";
import { entityRefs } from "../db/read/report-data";
import { insertReport, latestReportVersion, pruneReportVersions, type ReportRow, type ReportScope } from "../db/reports";
import { config } from "../core/config";
import { csbReportData, entityReportData, type DataOptions } from "./data";
import { reportChrome, reportHtml } from "./html";
import { htmlToPdf } from "./render";
import type { ReportData, ReportLocale } from "./types";
import { ReportInputError, parseWeek } from "./week";

export type { ReportRow } from "../db/reports";

/** Versions kept per report (scope, entity, week, locale); older ones are deleted. */
export const KEEP_VERSIONS = 5;

export interface GenerateInput extends DataOptions {
  scope: ReportScope;
  entityId?: number;
  weekStart: string;
  locale?: ReportLocale;
  /** Who asked: a user's email, or "system:weekly-reports" / "cli". */
  by: string;
  /** Overrides REPORTS_DIR (tests, bench). */
  dir?: string;
  /** Tell the subscribers (a `report.ready` event): the scheduled weekly batch does, "generate now" does not. */
  announce?: boolean;
}

export function reportsDir(dir?: string): string {
  return resolve(dir ?? config().REPORTS_DIR);
}

export function sha256(buf: Buffer): string {
  return createHash("sha256").update(buf).digest("hex");
}

/** Builds the data of a report (validates the week and the entity). */
export function reportData(db: Db, input: Omit<GenerateInput, "by">): ReportData {
  const locale = input.locale ?? "ar";
  if (input.scope === "csb") return csbReportData(db, input.weekStart, locale, input);
  if (input.entityId === undefined) throw new ReportInputError("an entity report needs an entity");
  return entityReportData(db, input.entityId, input.weekStart, locale, input);
}

/** Renders a report to PDF bytes (nothing stored). */
export async function renderReport(db: Db, input: Omit<GenerateInput, "by">): Promise<{ pdf: Buffer; pages: number; data: ReportData }> {
  const data = reportData(db, input);
  const { pdf, pages } = await htmlToPdf(reportHtml(data), reportChrome(data));
  return { pdf, pages, data };
}

/** Renders, stores the file and records a new version. Returns the new `reports` row. */
export async function generateReport(db: Db, input: GenerateInput): Promise<ReportRow> {
  const weekStart = parseWeek(input.weekStart);
  const locale = input.locale ?? "ar";
  const { pdf, pages, data } = await renderReport(db, { ...input, weekStart, locale });
  const slug = data.scope === "entity" ? data.entity.slug : "csb";
  const entityId = data.scope === "entity" ? data.entity.id : null;
  const hash = sha256(pdf);
  const dir = reportsDir(input.dir);
  const sub = join(dir, weekStart);
  mkdirSync(sub, { recursive: true });

  // Version = 1 + the highest stored for this (scope, entity, week, locale); retried if a
  // concurrent generation took the number first (unique index / existing file).
  // A file left by another database pointed at the same folder is skipped, never overwritten.
  let floor = 1;
  for (let attempt = 0; attempt < 50; attempt++) {
    const version = Math.max(floor, latestReportVersion(db, { scope: input.scope, entityId, weekStart, locale }) + 1);
    floor = version + 1;
    const file = join(sub, `${input.scope}-${slug}-${weekStart}-${locale}-v${version}.pdf`);
    try {
      writeFileSync(file, pdf, { flag: "wx", mode: 0o444 });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "EEXIST") continue;
      throw e;
    }
    let row: ReportRow;
    try {
      row = insertReport(db, {
        scope: input.scope,
        entityId,
        weekStart,
        locale,
        version,
        filePath: file,
        sha256: hash,
        bytes: pdf.length,
        pages,
        generatedAt: new Date(data.generatedAt),
        generatedBy: input.by,
      }, { announce: input.announce });
    } catch (e) {
      if (/UNIQUE/.test(String(e))) continue; // another writer recorded this version first
      throw e;
    }
    // Rows first (one transaction), then their files: a file without a row is only litter.
    for (const old of pruneReportVersions(db, { scope: input.scope, entityId, weekStart, locale }, KEEP_VERSIONS)) rmSync(old.filePath, { force: true });
    return row;
  }
  throw new Error(`could not allocate a report version for ${slug} ${weekStart} ${locale}`);
}

export class IntegrityError extends Error {
  constructor(readonly reportId: number) {
    super(`report ${reportId}: stored file does not match its sha256`);
    this.name = "IntegrityError";
  }
}

/** The stored bytes of a report, after checking them against the recorded sha256. */
export function readVerified(row: Pick<ReportRow, "id" | "filePath" | "sha256">): Buffer {
  const buf = readFileSync(row.filePath);
  if (sha256(buf) !== row.sha256) throw new IntegrityError(row.id);
  return buf;
}

export interface BatchOutcome {
  scope: ReportScope;
  entityId: number | null;
  slug: string;
  ok: boolean;
  reportId?: number;
  attempts: number;
  error?: string;
}

export interface BatchOptions extends DataOptions {
  by?: string;
  locale?: ReportLocale;
  dir?: string;
  /** Only these entities (default all); the CSB-wide report always covers every entity. */
  entityIds?: number[];
  /** Skip the CSB-wide report. */
  skipCsb?: boolean;
  /** Called after each report (progress bars, bench). */
  onReport?: (o: BatchOutcome) => void;
  /** Write a `report.ready` event per stored report (the scheduled job). */
  announce?: boolean;
}

/**
 * Every entity's report and the CSB-wide one for a week. A report that fails (e.g. the browser
 * crashed mid-render) is retried once on a fresh browser; the batch carries on either way.
 */
export async function generateWeeklyBatch(db: Db, weekStartInput: string, opts: BatchOptions = {}): Promise<BatchOutcome[]> {
  const weekStart = parseWeek(weekStartInput);
  const list = entityRefs(db).filter((e) => !opts.entityIds || opts.entityIds.includes(e.id));
  const jobs: { scope: ReportScope; entityId: number | null; slug: string }[] = [
    ...list.map((e) => ({ scope: "entity" as const, entityId: e.id, slug: e.slug })),
    ...(opts.skipCsb ? [] : [{ scope: "csb" as const, entityId: null, slug: "csb" }]),
  ];
  const by = opts.by ?? "system:weekly-reports";
  const run = async (job: (typeof jobs)[number]): Promise<BatchOutcome> => {
    let lastError: unknown;
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        const row = await generateReport(db, {
          scope: job.scope,
          entityId: job.entityId ?? undefined,
          weekStart,
          locale: opts.locale,
          by,
          dir: opts.dir,
          now: opts.now,
          announce: opts.announce,
        });
        return { ...job, ok: true, reportId: row.id, attempts: attempt };
      } catch (e) {
        lastError = e;
        if (e instanceof ReportInputError) break; // bad input does not get better on retry
        // A crashed browser is seen as disconnected and relaunched by the retry's getBrowser();
        // not closed here, because the other worker's retry may already be using its replacement.
      }
    }
    return { ...job, ok: false, attempts: lastError instanceof ReportInputError ? 1 : 2, error: String((lastError as Error)?.message ?? lastError) };
  };
  // Two at a time (the render semaphore's width): keeps both slots busy without queueing 60 pages.
  const out: BatchOutcome[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const i = next++;
      out[i] = await run(jobs[i]);
      opts.onReport?.(out[i]);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}
