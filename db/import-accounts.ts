/**
 * CSV import of registry accounts, shared by the web upload and `npm run cli -- import-accounts`.
 * All or nothing: every row is validated first; one bad row means nothing is written and every
 * bad row is reported with its line number. A good file is applied in one transaction (accounts,
 * ownership rows, audit rows). Idempotent: a row identical to what is stored is "unchanged".
 * Columns are documented in docs/csv-import.md.
 */
import { parse } from "csv-parse/sync";
import { TZDate } from "@date-fns/tz";
import { z } from "zod";
import { TransactionRollbackError, and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client";
import { accountOwners, accounts, entities } from "./schema";
import { ACCOUNT_CLASSES, CREDENTIAL_CUSTODY, PLATFORMS, TWO_FACTOR, type Platform } from "../core/enums";
import { canonicalHandle } from "../core/handles";
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
  | "taken";

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
}

interface Row {
  line: number;
  entityId: number;
  platform: Platform;
  handle: string;
  class: (typeof ACCOUNT_CLASSES)[number];
  holderName: string | null;
  holderTitle: string | null;
  owner: {
    custodianName: string | null;
    custodianEmail: string | null;
    backupName: string | null;
    backupEmail: string | null;
    credentialCustody: (typeof CREDENTIAL_CUSTODY)[number];
    twoFactor: (typeof TWO_FACTOR)[number];
    recoveryContact: string | null;
    attestedAt: Date | null;
  };
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
  too_large: (p) => `the file is larger than ${p.maxMb} MB`,
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
};

function err(line: number, code: ImportErrorCode, params: Record<string, string | number> = {}, column?: string): ImportError {
  const shown = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, typeof v === "string" && v.length > 80 ? `${v.slice(0, 80)}…` : v]));
  return { line, code, column, message: MESSAGES[code](shown), params: shown };
}

function toText(input: string | Buffer | Uint8Array): string {
  return typeof input === "string" ? input : Buffer.from(input).toString("utf8");
}

/** Validates the whole file; returns the rows ready to apply or every problem found. */
export function validateAccountsCsv(db: Db, input: string | Buffer | Uint8Array, opts: Pick<ImportOptions, "entitySlug"> = {}): { ok: true; rows: Row[] } | { ok: false; errors: ImportError[] } {
  const bytes = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (bytes > MAX_CSV_BYTES) return { ok: false, errors: [err(0, "too_large", { maxMb: MAX_CSV_BYTES / 1024 / 1024 })] };
  const source = toText(input);
  if (source.replace(/^\uFEFF/, "").trim() === "") return { ok: false, errors: [err(0, "empty")] };

  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(source, { bom: true, info: true, skip_empty_lines: true, relax_column_count: true, trim: false }) as never;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    const line = (e as { lines?: number }).lines ?? 0;
    return { ok: false, errors: [err(line, "parse", { detail })] };
  }
  if (records.length < 2) return { ok: false, errors: [err(0, "empty")] };
  if (records.length - 1 > MAX_CSV_ROWS) return { ok: false, errors: [err(0, "too_large", { maxMb: MAX_CSV_BYTES / 1024 / 1024 })] };

  // Header: exact names (any order); `entity` may be left out when the import is scoped.
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const required = CSV_COLUMNS.filter((c) => !(c === "entity" && opts.entitySlug));
  const missing = required.filter((c) => !header.includes(c));
  const unknown = header.filter((h) => !(CSV_COLUMNS as readonly string[]).includes(h));
  const headerErrors: ImportError[] = [];
  if (missing.length) headerErrors.push(err(1, "missing_columns", { columns: missing.join(", ") }));
  if (unknown.length) headerErrors.push(err(1, "unknown_columns", { columns: unknown.join(", ") }));
  if (headerErrors.length) return { ok: false, errors: headerErrors };

  const allEntities = db.select({ id: entities.id, slug: entities.slug }).from(entities).all();
  const bySlug = new Map(allEntities.map((e) => [e.slug, e.id]));
  const scoped = opts.entitySlug ? bySlug.get(opts.entitySlug) : undefined;
  if (opts.entitySlug && scoped === undefined) return { ok: false, errors: [err(0, "unknown_entity", { value: opts.entitySlug })] };

  const errors: ImportError[] = [];
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push(err(line, "column_count", { expected: header.length, found: record.length }));
      continue;
    }
    const raw: Record<string, string> = {};
    header.forEach((h, i) => (raw[h] = record[i] ?? ""));

    const rowErrors: ImportError[] = [];
    let entityId: number | undefined = scoped;
    const entitySlug = (raw.entity ?? "").trim().toLowerCase();
    if (opts.entitySlug) {
      if (entitySlug && entitySlug !== opts.entitySlug) rowErrors.push(err(line, "other_entity", { value: entitySlug, expected: opts.entitySlug }, "entity"));
    } else if (!entitySlug) {
      rowErrors.push(err(line, "required", { column: "entity" }, "entity"));
    } else {
      entityId = bySlug.get(entitySlug);
      if (entityId === undefined) rowErrors.push(err(line, "unknown_entity", { value: entitySlug }, "entity"));
    }

    const parsed = RowSchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const column = String(issue.path[0]);
        const code = (["required", "too_long", "email", "choice", "date", "platform", "class"].includes(issue.message) ? issue.message : "choice") as ImportErrorCode;
        rowErrors.push(err(line, code, { column, value: raw[column] ?? "" }, column));
      }
    }
    // Handle checks need only a valid platform, so they run even when other fields are bad.
    const platform = (PLATFORMS as readonly string[]).includes((raw.platform ?? "").trim().toLowerCase()) ? ((raw.platform ?? "").trim().toLowerCase() as Platform) : null;
    const rawHandle = (raw.handle ?? "").trim();
    let handle: string | null = null;
    if (platform && rawHandle) {
      handle = canonicalHandle(platform, rawHandle);
      if (!handle) rowErrors.push(err(line, "handle", { value: rawHandle, platform }, "handle"));
      else {
        const key = `${platform}:${handle}`;
        const first = seen.get(key);
        if (first !== undefined) rowErrors.push(err(line, "duplicate", { platform, handle, firstLine: first }, "handle"));
        else seen.set(key, line);
        if (entityId !== undefined) {
          const existing = db.select({ entityId: accounts.entityId }).from(accounts).where(and(eq(accounts.platform, platform), eq(accounts.handle, handle))).get();
          if (existing && existing.entityId !== entityId) rowErrors.push(err(line, "taken", { platform, handle }, "handle"));
        }
      }
    }
    if (parsed.success && !rowErrors.length && handle && entityId !== undefined) {
      const v = parsed.data;
      rows.push({
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
      });
    }
    errors.push(...rowErrors);
  }
  return errors.length ? { ok: false, errors } : { ok: true, rows };
}

const OWNER_KEYS = ["custodianName", "custodianEmail", "backupName", "backupEmail", "credentialCustody", "twoFactor", "recoveryContact"] as const;

function sameOwner(a: typeof accountOwners.$inferSelect | undefined, b: Row["owner"]): boolean {
  if (!a) return false;
  return OWNER_KEYS.every((k) => (a[k] ?? null) === (b[k] ?? null)) && (a.attestedAt?.getTime() ?? null) === (b.attestedAt?.getTime() ?? null);
}

/** Validate, then apply every row in one transaction. */
export function importAccounts(db: Db, input: string | Buffer | Uint8Array, opts: ImportOptions): ImportResult {
  const checked = validateAccountsCsv(db, input, opts);
  if (!checked.ok) return checked;
  const rows = checked.rows;
  const counts = { created: 0, updated: 0, unchanged: 0 };
  const user = opts.actor;
  const changedBy = typeof user === "string" ? null : user.id;

  const apply = () =>
    db.transaction((tx) => {
      const now = opts.now ?? new Date();
      rows.forEach((row, i) => {
        const existing = tx.select().from(accounts).where(and(eq(accounts.platform, row.platform), eq(accounts.handle, row.handle))).get();
        if (!existing) {
          const account = tx
            .insert(accounts)
            .values({ entityId: row.entityId, platform: row.platform, handle: row.handle, class: row.class, holderName: row.holderName, holderTitle: row.holderTitle, registryStatus: "registered", createdAt: now })
            .returning()
            .get();
          const owner = tx.insert(accountOwners).values({ accountId: account.id, ...row.owner, validFrom: now, changedBy }).returning().get();
          writeAudit(tx, { user, action: "account.import.create", targetType: "account", targetId: account.id, entityId: row.entityId, after: { account, owner } }, now);
          counts.created++;
        } else {
          const accountSame = existing.class === row.class && existing.holderName === row.holderName && existing.holderTitle === row.holderTitle;
          const current = tx.select().from(accountOwners).where(and(eq(accountOwners.accountId, existing.id), isNull(accountOwners.validTo))).orderBy(desc(accountOwners.id)).get();
          const ownerSame = sameOwner(current, row.owner);
          if (accountSame && ownerSame) {
            counts.unchanged++;
          } else {
            let after = existing;
            if (!accountSame) {
              after = tx.update(accounts).set({ class: row.class, holderName: row.holderName, holderTitle: row.holderTitle, updatedAt: now }).where(eq(accounts.id, existing.id)).returning().get();
            }
            let owner = current;
            if (!ownerSame) {
              // Never overwrite an ownership record: close it and add the new one.
              if (current) tx.update(accountOwners).set({ validTo: now }).where(eq(accountOwners.id, current.id)).run();
              owner = tx.insert(accountOwners).values({ accountId: existing.id, ...row.owner, validFrom: now, changedBy }).returning().get();
            }
            writeAudit(tx, { user, action: "account.import.update", targetType: "account", targetId: existing.id, entityId: existing.entityId, before: { account: existing, owner: current ?? null }, after: { account: after, owner: owner ?? null } }, now);
            counts.updated++;
          }
        }
        opts.onProgress?.(i + 1, rows.length);
      });
      if (counts.created + counts.updated > 0) recomputeToday(db, rows.map((r) => r.entityId), now.getTime());
      if (opts.dryRun) tx.rollback();
    });

  try {
    apply();
  } catch (e) {
    // drizzle's rollback() throws to unwind the transaction: that is the dry run ending.
    if (!(opts.dryRun && e instanceof TransactionRollbackError)) throw e;
  }
  return { ok: true, ...counts, total: rows.length, dryRun: !!opts.dryRun };
}
