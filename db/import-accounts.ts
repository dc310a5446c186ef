/**
 * CSV import of registry accounts, shared by the web upload (run in a worker thread by the server:
 * import-thread.ts) and `npm run cli -- import-accounts`.
 * All or nothing: every row is validated first; one bad row means nothing is written and every
 * bad row is reported with its line number. A good file is applied in one transaction (accounts,
 * ownership rows, audit rows). Idempotent: a row identical to what is stored is "unchanged".
 * The bytes must be UTF-8 unless a charset is given (import-decode.ts); bidi controls are refused
 * in every cell (core/bidi.ts); an RSS feed URL must pass the outbound guard (connectors/rss).
 * Columns are documented in docs/csv-import.md.
 */
import { parse } from "csv-parse/sync";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "./client";
import { currentOwner, sameOwnerFields, type Account, type Owner } from "./accounts";
import { perHandle } from "./per-handle";
import { accountOwners, accounts, entities } from "./schema";
import { ACCOUNT_CLASSES, CREDENTIAL_CUSTODY, PLATFORMS, TWO_FACTOR, type AccountClass, type Platform } from "../core/enums";
import type { GovernanceOwner } from "../core/governance";
import { canonicalHandle } from "../core/handles";
import { bidiControlIn } from "../core/bidi";
import type { CheckResult } from "../connectors/net-guard";
import { checkFeedForRegistration, type FeedCheck } from "./feed-registration";
import { decodeCsvBytes } from "./import-decode";
import { writeAudit } from "./audit";
import { recomputeToday } from "./rollups";
import type { SessionUser } from "../core/access";

export const CSV_COLUMNS = [
  "entity",
  "platform",
  "handle",
  "class",
  "holder_name",
  "holder_title",
  "custodian_name",
  "custodian_email",
  "backup_name",
  "backup_email",
  "credential_custody",
  "two_factor",
  "recovery_contact",
  "attested_at",
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

export type ImportErrorCode =
  | "empty"
  | "too_large"
  | "too_many_rows"
  | "encoding"
  | "charset"
  | "parse"
  | "missing_columns"
  | "unknown_columns"
  | "column_count"
  | "required"
  | "unknown_entity"
  | "other_entity"
  | "platform"
  | "class"
  | "handle"
  | "email"
  | "choice"
  | "date"
  | "too_long"
  | "duplicate"
  | "taken"
  | "bidi"
  | "feed_refused";

export interface ImportError {
  /** Line in the file (1 = header); 0 for problems with the whole file. */
  line: number;
  code: ImportErrorCode;
  column?: string;
  /** English explanation (CLI); the UI translates `code` with `params`. */
  message: string;
  params?: Record<string, string | number>;
}

export type ImportResult =
  | { ok: true; created: number; updated: number; unchanged: number; total: number; dryRun: boolean }
  | { ok: false; errors: ImportError[] };

export interface ImportOptions {
  /** Who imports: a signed-in user or a system actor such as "system:cli". */
  actor: SessionUser | string;
  /** Limit the import to this entity (a director's upload): the entity column may be omitted. */
  entitySlug?: string;
  dryRun?: boolean;
  now?: Date;
  onProgress?: (done: number, total: number) => void;
  /** The file's charset when the upload states it (e.g. "windows-1256"); default: UTF-8 only. */
  charset?: string;
  /** Registration check of an RSS feed URL (default: the outbound guard, connectors/rss checkFeedUrl). */
  checkFeed?: FeedCheck;
}

/** A checked line, ready to apply. */
interface Row {
  line: number;
  entityId: number;
  platform: Platform;
  handle: string;
  class: AccountClass;
  holderName: string | null;
  holderTitle: string | null;
  owner: GovernanceOwner;
}

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "too_long")
    .transform((s) => (s === "" ? null : s));
const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "too_long")
  .refine((s) => s === "" || z.email().safeParse(s).success, "email")
  .transform((s) => (s === "" ? null : s));
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .trim()
    .toLowerCase()
    .transform((s) => (s === "" ? "unknown" : s))
    .pipe(z.enum(values, { error: "choice" }));
const isoDay = z
  .string()
  .trim()
  .refine((s) => s === "" || isValidDay(s), "date")
  .transform((s) => {
    if (s === "") return null;
    const [y, m, d] = s.split("-").map(Number);
    // Midnight of that calendar day in Bahrain.
    return new Date(new TZDate(y, m - 1, d, "Asia/Bahrain").getTime());
  });

function isValidDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] && +m[1] >= 2000 && +m[1] <= 2100;
}

const RowSchema = z.object({
  platform: z.string().trim().toLowerCase().pipe(z.enum(PLATFORMS, { error: "platform" })),
  handle: z.string().trim().min(1, "required").max(300, "too_long"),
  class: z.string().trim().toLowerCase().pipe(z.enum(ACCOUNT_CLASSES, { error: "class" })),
  holder_name: text(200),
  holder_title: text(200),
  custodian_name: text(200),
  custodian_email: email,
  backup_name: text(200),
  backup_email: email,
  credential_custody: choice(CREDENTIAL_CUSTODY),
  two_factor: choice(TWO_FACTOR),
  recovery_contact: text(254),
  attested_at: isoDay,
});

const MESSAGES: Record<ImportErrorCode, (p: Record<string, string | number>) => string> = {
  empty: () => "the file is empty (no header or no data rows)",
  too_large: (p) => `the upload is larger than ${p.maxMb} MB (the size limit)`,
  too_many_rows: (p) => `the file has ${p.rows} data rows; at most ${p.maxRows} are imported at once (the row limit): split it`,
  encoding: (p) => `the file is not UTF-8: ${p.detail}, on line ${p.line} (bytes ${p.found}); save it as "CSV UTF-8", or choose its encoding (e.g. windows-1256 for Arabic Windows) when uploading`,
  charset: (p) => `unknown character encoding "${p.charset}"`,
  parse: (p) => `the file is not valid CSV: ${p.detail}`,
  missing_columns: (p) => `missing column(s): ${p.columns}`,
  unknown_columns: (p) => `unknown column(s): ${p.columns}`,
  column_count: (p) => `expected ${p.expected} fields, found ${p.found}`,
  required: (p) => `${p.column} is required`,
  unknown_entity: (p) => `unknown entity "${p.value}"`,
  other_entity: (p) => `entity "${p.value}" is not the entity being imported (${p.expected})`,
  platform: (p) => `unknown platform "${p.value}" (one of ${PLATFORMS.join(", ")})`,
  class: (p) => `bad class "${p.value}" (one of ${ACCOUNT_CLASSES.join(", ")})`,
  handle: (p) => `"${p.value}" is not a valid ${p.platform} handle`,
  email: (p) => `${p.column}: "${p.value}" is not a valid email address`,
  choice: (p) => `${p.column}: "${p.value}" is not an allowed value`,
  date: (p) => `${p.column}: "${p.value}" is not a date in YYYY-MM-DD form`,
  too_long: (p) => `${p.column} is too long`,
  duplicate: (p) => `duplicate handle ${p.platform}:${p.handle} (first on line ${p.firstLine})`,
  taken: (p) => `${p.platform}:${p.handle} is already registered to another entity`,
  bidi: (p) => `${p.column}: contains the text-direction control character ${p.codepoint}, which is not allowed (it reorders the text that follows)`,
  feed_refused: (p) => `the feed URL is refused (${p.reason}): ${p.detail}`,
};

function err(line: number, code: ImportErrorCode, params: Record<string, string | number> = {}, column?: string): ImportError {
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…` : v]));
  return { line, code, column, message: MESSAGES[code](shown), params: shown };
}

type Failure = { ok: false; errors: ImportError[] };
const fail = (...errors: ImportError[]): Failure => ({ ok: false, errors });
const tooLarge = () => err(0, "too_large", { maxMb: MAX_CSV_BYTES / 1024 / 1024 });
const FEED_CHECKS_AT_ONCE = 8;

/** A parsed CSV record with the file line it ended on (csv-parse's `info: true` shape). */
interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** Size, encoding, emptiness and CSV syntax: the records (header first), or why the file cannot be read. */
function readRecords(input: string | Buffer | Uint8Array, charset?: string): { ok: true; records: CsvRecord[] } | Failure {
  const bytes = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > MAX_CSV_BYTES) return fail(tooLarge());
  let source: string;
  if (typeof input === "string") source = input;
  else {
    const decoded = decodeCsvBytes(input, charset);
    if (!decoded.ok) return fail(err(decoded.code === "encoding" ? decoded.params.line : 0, decoded.code, decoded.params));
    source = decoded.text;
  }
  if (source.replace(/^\uFEFF/, "").trim() === "") return fail(err(0, "empty"));
  let records: CsvRecord[];
  try {
    // The sync typings do not model `info: true`, which wraps each record with its line.
    records = parse(source, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as unknown as CsvRecord[];
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const line = (e as { lines?: number }).lines ?? 0;
    return fail(err(line, "parse", { detail }));
  }
  if (records.length < 2) return fail(err(0, "empty"));
  if (records.length - 1 > MAX_CSV_ROWS) return fail(err(0, "too_many_rows", { rows: records.length - 1, maxRows: MAX_CSV_ROWS }));
  return { ok: true, records };
}

/** Header: exact names (any order); `entity` may be left out when the import is scoped. */
function checkHeader(record: string[], scoped: boolean): { ok: true; header: string[] } | Failure {
  const bidi = bidiErrors(record, record, 1);
  if (bidi.length) return fail(...bidi);
  const header = record.map((h) => h.trim().toLowerCase());
  const required = CSV_COLUMNS.filter((c) => !(c === "entity" && scoped));
  const missing = required.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const errors: ImportError[] = [];
  if (missing.length) errors.push(err(1, "missing_columns", { columns: missing.join(", ") }));
  if (unknown.length) errors.push(err(1, "unknown_columns", { columns: unknown.join(", ") }));
  return errors.length ? fail(...errors) : { ok: true, header };
}

/** What checking one row needs from the file and the database. */
interface RowContext {
  db: Db;
  header: string[];
  /** The entity a scoped import is limited to. */
  scope?: { slug: string; id: number };
  entityIds: Map<string, number>;
  /** The entity of every registered platform:handle (read once: a lookup per row was most of a big file's time). */
  registered: Map<string, number>;
  /** First line of each platform:handle seen so far. */
  seen: Map<string, number>;
}

function rowContext(db: Db, header: string[], scopeSlug: string | undefined): { ok: true; ctx: RowContext } | Failure {
  const entityIds = new Map(db.select({ id: entities.id, slug: entities.slug }).from(entities).all().map((e) => [e.slug, e.id]));
  const registered = new Map(
    db
      .select({ platform: accounts.platform, handle: accounts.handle, entityId: accounts.entityId })
      .from(accounts)
      .all()
      .map((a) => [`${a.platform}:${a.handle}`, a.entityId]),
  );
  if (scopeSlug === undefined || scopeSlug === "") return { ok: true, ctx: { db, header, entityIds, registered, seen: new Map() } };
  const id = entityIds.get(scopeSlug);
  if (id === undefined) return fail(err(0, "unknown_entity", { value: scopeSlug }));
  return { ok: true, ctx: { db, header, scope: { slug: scopeSlug, id }, entityIds, registered, seen: new Map() } };
}

/** The row's entity id (the scope's, or its `entity` column's); problems go to `errors`. */
function rowEntity(ctx: RowContext, raw: Record<string, string>, line: number, errors: ImportError[]): number | undefined {
  const slug = (raw.entity ?? "").trim().toLowerCase();
  if (ctx.scope) {
    if (slug && slug !== ctx.scope.slug) errors.push(err(line, "other_entity", { value: slug, expected: ctx.scope.slug }, "entity"));
    return ctx.scope.id;
  }
  if (!slug) {
    errors.push(err(line, "required", { column: "entity" }, "entity"));
    return undefined;
  }
  const id = ctx.entityIds.get(slug);
  if (id === undefined) errors.push(err(line, "unknown_entity", { value: slug }, "entity"));
  return id;
}

const FIELD_CODES: readonly string[] = ["required", "too_long", "email", "choice", "date", "platform", "class"];

function fieldErrors(issues: z.core.$ZodIssue[], raw: Record<string, string>, line: number): ImportError[] {
  return issues.map((issue) => {
    const column = String(issue.path[0]);
    const code = (FIELD_CODES.includes(issue.message) ? issue.message : "choice") as ImportErrorCode;
    return err(line, code, { column, value: raw[column] ?? "" }, column);
  });
}

/**
 * The canonical handle, checked for its platform, for a repeat in the file and for an account of
 * another entity. Needs only a valid platform, so it runs even when other fields are bad.
 */
function rowHandle(ctx: RowContext, raw: Record<string, string>, line: number, entityId: number | undefined, errors: ImportError[]): string | null {
  const rawPlatform = (raw.platform ?? "").trim().toLowerCase();
  const platform = (PLATFORMS as readonly string[]).includes(rawPlatform) ? (rawPlatform as Platform) : null;
  const rawHandle = (raw.handle ?? "").trim();
  if (!platform || !rawHandle) return null;
  const handle = canonicalHandle(platform, rawHandle);
  if (!handle) {
    errors.push(err(line, "handle", { value: rawHandle, platform }, "handle"));
    return null;
  }
  const key = `${platform}:${handle}`;
  const first = ctx.seen.get(key);
  if (first !== undefined) errors.push(err(line, "duplicate", { platform, handle, firstLine: first }, "handle"));
  else ctx.seen.set(key, line);
  if (entityId !== undefined) {
    const owner = ctx.registered.get(key);
    if (owner !== undefined && owner !== entityId) errors.push(err(line, "taken", { platform, handle }, "handle"));
  }
  return handle;
}

function toRow(line: number, entityId: number, handle: string, v: z.output<typeof RowSchema>): Row {
  return {
    line,
    entityId,
    platform: v.platform,
    handle,
    class: v.class,
    holderName: v.holder_name,
    holderTitle: v.holder_title,
    owner: {
      custodianName: v.custodian_name,
      custodianEmail: v.custodian_email,
      backupName: v.backup_name,
      backupEmail: v.backup_email,
      credentialCustody: v.credential_custody,
      twoFactor: v.two_factor,
      recoveryContact: v.recovery_contact,
      attestedAt: v.attested_at,
    },
  };
}

/** A bidi control in any cell, named by column and code point (the value itself is not echoed). */
function bidiErrors(columns: string[], record: string[], line: number): ImportError[] {
  const out: ImportError[] = [];
  record.forEach((cell, i) => {
    const codepoint = bidiControlIn(cell);
    const column = bidiControlIn(columns[i] ?? "") ? `#${i + 1}` : (columns[i] ?? `#${i + 1}`);
    if (codepoint) out.push(err(line, "bidi", { column, codepoint }, column));
  });
  return out;
}

/** One data line: the row ready to apply, or every problem with it (entity, fields, handle). */
function checkRow(ctx: RowContext, record: string[], line: number): { row?: Row; errors: ImportError[] } {
  if (record.length !== ctx.header.length) return { errors: [err(line, "column_count", { expected: ctx.header.length, found: record.length })] };
  const bidi = bidiErrors(ctx.header, record, line);
  if (bidi.length) return { errors: bidi };
  const raw: Record<string, string> = {};
  ctx.header.forEach((h, i) => (raw[h] = record[i] ?? ""));
  const errors: ImportError[] = [];
  const entityId = rowEntity(ctx, raw, line, errors);
  const parsed = RowSchema.safeParse(raw);
  if (!parsed.success) errors.push(...fieldErrors(parsed.error.issues, raw, line));
  const handle = rowHandle(ctx, raw, line, entityId, errors);
  if (!parsed.success || errors.length || !handle || entityId === undefined) return { errors };
  return { row: toRow(line, entityId, handle, parsed.data), errors };
}

/** Every RSS row's feed URL through the guard (each URL once, a few at a time); refusals as row errors. */
async function feedErrors(rows: Row[], check: FeedCheck): Promise<ImportError[]> {
  const feeds = rows.filter((r) => r.platform === "rss");
  const urls = [...new Set(feeds.map((r) => r.handle))];
  const results = new Map<string, CheckResult>();
  let next = 0;
  const worker = async () => {
    while (next < urls.length) {
      const url = urls[next++];
      results.set(url, await check(url));
    }
  };
  await Promise.all(Array.from({ length: Math.min(FEED_CHECKS_AT_ONCE, urls.length) }, worker));
  return feeds.flatMap((r) => {
    const v = results.get(r.handle);
    return v && !v.ok ? [err(r.line, "feed_refused", { reason: v.reason, detail: v.message }, "handle")] : [];
  });
}

/** Validates the whole file; returns the rows ready to apply or every problem found. */
export async function validateAccountsCsv(
  db: Db,
  input: string | Buffer | Uint8Array,
  opts: Pick<ImportOptions, "entitySlug" | "charset" | "checkFeed"> = {},
): Promise<{ ok: true; rows: Row[] } | Failure> {
  const read = readRecords(input, opts.charset);
  if (!read.ok) return read;
  const head = checkHeader(read.records[0].record, !!opts.entitySlug);
  if (!head.ok) return head;
  const context = rowContext(db, head.header, opts.entitySlug);
  if (!context.ok) return context;
  const errors: ImportError[] = [];
  const rows: Row[] = [];
  for (const { record, info } of read.records.slice(1)) {
    const checked = checkRow(context.ctx, record, info.lines);
    if (checked.row) rows.push(checked.row);
    errors.push(...checked.errors);
  }
  errors.push(...(await feedErrors(rows, opts.checkFeed ?? checkFeedForRegistration)));
  errors.sort((a, b) => a.line - b.line);
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

function sameOwner(a: Owner | undefined, b: Row["owner"]): boolean {
  if (!a) return false;
  return sameOwnerFields(a, b) && (a.attestedAt?.getTime() ?? null) === (b.attestedAt?.getTime() ?? null);
}

/** What one checked row would do to the registry, read from the current rows. */
interface Plan {
  row: Row;
  existing?: Account;
  current?: Owner;
  accountSame: boolean;
  ownerSame: boolean;
}

// Read for every row of a file: prepared once per handle (building the query each time was most of a dry run).
const statements = perHandle((db: Db) => ({
  byHandle: db
    .select()
    .from(accounts)
    .where(and(eq(accounts.platform, sql.placeholder("platform")), eq(accounts.handle, sql.placeholder("handle"))))
    .prepare(),
}));

/** Runs on `db`'s one connection, so inside its open transaction too. */
function planRow(db: Db, row: Row): Plan {
  const existing: Account | undefined = statements(db).byHandle.get({ platform: row.platform, handle: row.handle });
  if (!existing) return { row, accountSame: false, ownerSame: false };
  const current = currentOwner(db, existing.id);
  const accountSame = existing.class === row.class && existing.holderName === row.holderName && existing.holderTitle === row.holderTitle;
  return { row, existing, current, accountSame, ownerSame: sameOwner(current, row.owner) };
}

const outcomeOf = (p: Plan): "created" | "updated" | "unchanged" => (!p.existing ? "created" : p.accountSame && p.ownerSame ? "unchanged" : "updated");

/**
 * Validate, then apply every row in one transaction. A dry run only reads (one read transaction:
 * the counts a real run would give, without holding the database's write lock).
 */
export async function importAccounts(db: Db, input: string | Buffer | Uint8Array, opts: ImportOptions): Promise<ImportResult> {
  const checked = await validateAccountsCsv(db, input, opts);
  if (!checked.ok) return checked;
  const rows = checked.rows;
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const user = opts.actor;
  const changedBy = typeof user === "string" ? null : user.id;

  if (opts.dryRun) {
    db.transaction(() => {
      rows.forEach((row, i) => {
        counts[outcomeOf(planRow(db, row))]++;
        opts.onProgress?.(i + 1, rows.length);
      });
    });
    return { ok: true, ...counts, total: rows.length, dryRun: true };
  }

  db.transaction((tx) => {
    const now = opts.now ?? new Date();
    rows.forEach((row, i) => {
      const plan = planRow(db, row);
      const { existing, current } = plan;
      const outcome = outcomeOf(plan);
      counts[outcome]++;
      if (!existing) {
        const account = tx
          .insert(accounts)
          .values({ entityId: row.entityId, platform: row.platform, handle: row.handle, class: row.class, holderName: row.holderName, holderTitle: row.holderTitle, registryStatus: "registered", createdAt: now })
          .returning()
          .get();
        const owner = tx.insert(accountOwners).values({ accountId: account.id, ...row.owner, validFrom: now, changedBy }).returning().get();
        writeAudit(tx, { user, action: "account.import.create", targetType: "account", targetId: account.id, entityId: row.entityId, after: { account, owner } }, now);
      } else if (outcome === "updated") {
        let after = existing;
        if (!plan.accountSame) {
          after = tx.update(accounts).set({ class: row.class, holderName: row.holderName, holderTitle: row.holderTitle, updatedAt: now }).where(eq(accounts.id, existing.id)).returning().get();
        }
        let owner = current;
        if (!plan.ownerSame) {
          // Never overwrite an ownership record: close it and add the new one.
          if (current) tx.update(accountOwners).set({ validTo: now }).where(eq(accountOwners.id, current.id)).run();
          owner = tx.insert(accountOwners).values({ accountId: existing.id, ...row.owner, validFrom: now, changedBy }).returning().get();
        }
        writeAudit(tx, { user, action: "account.import.update", targetType: "account", targetId: existing.id, entityId: existing.entityId, before: { account: existing, owner: current ?? null }, after: { account: after, owner: owner ?? null } }, now);
      }
      opts.onProgress?.(i + 1, rows.length);
    });
    if (counts.created + counts.updated > 0) recomputeToday(db, rows.map((r) => r.entityId), now.getTime());
  });
  return { ok: true, ...counts, total: rows.length, dryRun: false };
}
