/**
 * GET /accounts/:id/records.zip — one account's records for records officers and legal requests:
 * posts with every stored version and deletion time, flags with their review decisions (reviewer,
 * note), the profile history, the ownership history and the account's audit trail, each as JSON
 * Lines and as CSV (the shared writer), plus manifest.json listing every file with its sha256,
 * size and row count and the export's time range.
 *
 * The manifest's own sha256 goes in the `X-Amanah-Manifest-SHA256` header and the audit log, so
 * it must be known before the body. Two passes over one read snapshot (db/snapshot.ts): the first
 * renders every file through a hash without keeping it (memory stays flat, nothing touches disk),
 * the second renders the same bytes again into the zip as the client takes them. The snapshot
 * makes both passes read the same state even while the collectors write; a file's bytes depend
 * only on that state, so the hashes in the manifest are the hashes of the files in the zip.
 */
import { createHash } from "node:crypto";
import { PassThrough, Readable } from "node:stream";
import { bahrainDay, dayEnd, dayStart, isDay } from "../../../core/calendar";
import type { SessionUser } from "../../../core/access";
import { writeAudit } from "../../../db/audit";
import type { Db } from "../../../db/client";
import {
  accountAuditIterate,
  flagReviewsIterate,
  ownershipIterate,
  postVersionsIterate,
  profileVersionsIterate,
  type RecordsRange,
} from "../../../db/read/records";
import { openSnapshot } from "../../../db/snapshot";
import { badRequest } from "../http.server";
import { db } from "../db.server";
import { CSV_BOM, csvLine, type Cell } from "./csv";
import { attachment, isoBahrain } from "./format";

type Row = Record<string, Cell>;

interface RecordSet {
  /** File stem: `<name>.jsonl` and `<name>.csv`. */
  name: string;
  columns: readonly string[];
  rows: (snapshot: Db, accountId: number, range: RecordsRange) => Iterable<Row>;
}

const SETS: readonly RecordSet[] = [
  {
    name: "posts",
    columns: ["postId", "platformPostId", "url", "lang", "publishedAt", "firstSeenAt", "lastSeenAt", "editedAt", "deletedAt", "currentVersion", "version", "versionSeenAt", "text"],
    *rows(s, id, range) {
      for (const r of postVersionsIterate(s, id, range)) {
        // A post with no version rows is written once with its current text as its only version.
        yield {
          postId: r.postId,
          platformPostId: r.platformPostId,
          url: r.url,
          lang: r.lang,
          publishedAt: isoBahrain(r.publishedAt),
          firstSeenAt: isoBahrain(r.firstSeenAt),
          lastSeenAt: isoBahrain(r.lastSeenAt),
          editedAt: isoBahrain(r.editedAt),
          deletedAt: isoBahrain(r.deletedAt),
          currentVersion: r.currentVersion,
          version: r.version ?? r.currentVersion,
          versionSeenAt: isoBahrain(r.seenAt ?? r.firstSeenAt),
          text: r.text ?? r.currentText,
        };
      }
    },
  },
  {
    name: "flags",
    columns: ["flagId", "postId", "platformPostId", "rule", "clause", "category", "severity", "score", "policyVersion", "status", "escalated", "raisedAt", "reviewedAt", "evidence", "reviewId", "decision", "reviewer", "reviewerName", "note", "decidedAt"],
    *rows(s, id, range) {
      for (const r of flagReviewsIterate(s, id, range)) {
        yield {
          flagId: r.flagId,
          postId: r.postId,
          platformPostId: r.platformPostId,
          rule: r.ruleId,
          clause: r.clauseId,
          category: r.category,
          severity: r.severity,
          score: r.score,
          policyVersion: r.policyVersion,
          status: r.status,
          escalated: !!r.escalated,
          raisedAt: isoBahrain(r.createdAt),
          reviewedAt: isoBahrain(r.reviewedAt),
          evidence: r.spans,
          reviewId: r.reviewId,
          decision: r.decision,
          reviewer: r.reviewerEmail,
          reviewerName: r.reviewerName,
          note: r.note,
          decidedAt: isoBahrain(r.decidedAt),
        };
      }
    },
  },
  {
    name: "profile",
    columns: ["id", "seenAt", "displayName", "bio", "profileUrl", "avatarUrl", "verified", "contactLinks"],
    *rows(s, id, range) {
      for (const r of profileVersionsIterate(s, id, range)) {
        yield { id: r.id, seenAt: isoBahrain(r.seenAt), displayName: r.displayName, bio: r.bio, profileUrl: r.profileUrl, avatarUrl: r.avatarUrl, verified: r.verified === null ? null : !!r.verified, contactLinks: r.contactLinks };
      }
    },
  },
  {
    name: "ownership",
    columns: ["id", "validFrom", "validTo", "custodianName", "custodianEmail", "backupName", "backupEmail", "credentialCustody", "twoFactor", "recoveryContact", "attestedAt", "note", "changedBy"],
    *rows(s, id, range) {
      for (const r of ownershipIterate(s, id, range)) {
        yield {
          id: r.id,
          validFrom: isoBahrain(r.validFrom),
          validTo: isoBahrain(r.validTo),
          custodianName: r.custodianName,
          custodianEmail: r.custodianEmail,
          backupName: r.backupName,
          backupEmail: r.backupEmail,
          credentialCustody: r.credentialCustody,
          twoFactor: r.twoFactor,
          recoveryContact: r.recoveryContact,
          attestedAt: isoBahrain(r.attestedAt),
          note: r.note,
          changedBy: r.changedByEmail,
        };
      }
    },
  },
  {
    name: "audit",
    columns: ["id", "at", "actor", "action", "targetType", "targetId", "before", "after"],
    *rows(s, id, range) {
      for (const r of accountAuditIterate(s, id, range)) {
        yield { id: r.id, at: isoBahrain(r.at), actor: r.actor, action: r.action, targetType: r.targetType, targetId: r.targetId, before: r.before, after: r.after };
      }
    },
  },
];

interface FileSpec {
  name: string;
  /** The file's text, piece by piece (the same pieces on every call). */
  chunks: () => Iterable<string>;
}

function* jsonl(set: RecordSet, rows: () => Iterable<Row>): Iterable<string> {
  for (const r of rows()) {
    const o: Record<string, Cell> = {};
    for (const c of set.columns) o[c] = r[c] ?? null;
    yield `${JSON.stringify(o)}\n`;
  }
}

function* csv(set: RecordSet, rows: () => Iterable<Row>): Iterable<string> {
  yield CSV_BOM + csvLine(set.columns);
  for (const r of rows()) yield csvLine(set.columns.map((c) => r[c]));
}

/** Groups many small strings into ~64 KiB pieces (fewer hash updates and zip writes). */
function* batched(pieces: Iterable<string>): Iterable<string> {
  let buf = "";
  for (const p of pieces) {
    buf += p;
    if (buf.length >= 65_536) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}

function filesOf(snapshot: Db, accountId: number, range: RecordsRange): FileSpec[] {
  return SETS.flatMap((set) => {
    const rows = () => set.rows(snapshot, accountId, range);
    return [
      { name: `${set.name}.jsonl`, chunks: () => batched(jsonl(set, rows)) },
      { name: `${set.name}.csv`, chunks: () => batched(csv(set, rows)) },
    ];
  });
}

export interface ManifestFile {
  name: string;
  sha256: string;
  bytes: number;
}

export interface Manifest {
  format: "amanah-records/1";
  account: { id: number; platform: string; handle: string; class: string };
  entity: { slug: string; nameAr: string; nameEn: string };
  /** Bahrain days, inclusive; null = unbounded. */
  range: { from: string | null; to: string | null };
  generatedAt: string;
  generatedBy: string;
  files: ManifestFile[];
}

/** `from`/`to` query parameters (Bahrain days, both inclusive, both optional). */
export function parseRecordsRange(url: URL): { days: Manifest["range"]; range: RecordsRange } {
  const unknown = [...url.searchParams.keys()].filter((k) => k !== "from" && k !== "to");
  if (unknown.length) badRequest(`unknown parameter(s): ${unknown.slice(0, 5).join(", ")}; allowed: from, to`);
  const day = (k: "from" | "to"): string | null => {
    const v = url.searchParams.get(k);
    if (v === null || v === "") return null;
    if (!isDay(v)) badRequest(`${k}: expected a date YYYY-MM-DD, got ${JSON.stringify(String(v).slice(0, 40))}`);
    return v;
  };
  const from = day("from");
  const to = day("to");
  if (from && to && from > to) badRequest(`from (${from}) is after to (${to})`);
  return { days: { from, to }, range: { from: from ? dayStart(from) : null, to: to ? dayEnd(to) : null } };
}

export interface RecordsAccount {
  account: { id: number; platform: string; handle: string; class: string; entityId: number };
  entity: { id: number; slug: string; nameAr: string; nameEn: string };
}

/** Pass one: every file's sha256 and size, and the manifest (its bytes and sha256). */
function hashFiles(files: FileSpec[]): ManifestFile[] {
  return files.map((f) => {
    const h = createHash("sha256");
    let bytes = 0;
    for (const piece of f.chunks()) {
      const b = Buffer.from(piece, "utf8");
      bytes += b.length;
      h.update(b);
    }
    return { name: f.name, sha256: h.digest("hex"), bytes };
  });
}

export async function recordsExport(user: SessionUser, target: RecordsAccount, url: URL, now = new Date()): Promise<Response> {
  const { days, range } = parseRecordsRange(url);
  // Loaded on first use (archiver adds ~20 MB to a process).
  const { ZipArchive } = await import("archiver");
  const snapshot = openSnapshot(db());
  let manifestText: string;
  let files: FileSpec[];
  try {
    files = filesOf(snapshot.db, target.account.id, range);
    const manifest: Manifest = {
      format: "amanah-records/1",
      account: { id: target.account.id, platform: target.account.platform, handle: target.account.handle, class: target.account.class },
      entity: { slug: target.entity.slug, nameAr: target.entity.nameAr, nameEn: target.entity.nameEn },
      range: days,
      generatedAt: now.toISOString(),
      generatedBy: user.email,
      files: hashFiles(files),
    };
    manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  } catch (e) {
    snapshot.close();
    throw e;
  }
  const manifestSha = createHash("sha256").update(manifestText, "utf8").digest("hex");
  writeAudit(db(), { user, action: "account.records_export", targetType: "account", targetId: target.account.id, entityId: target.entity.id, after: { manifestSha256: manifestSha, from: days.from, to: days.to } }, now);

  // Pass two: the same bytes into the zip, one entry at a time, as fast as the client reads.
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const zip = new ZipArchive({ zlib: { level: 6 } });
  let closed = false;
  let ended = false;
  const close = () => {
    if (closed) return;
    closed = true;
    snapshot.close();
  };
  zip.on("error", (e) => {
    close();
    out.destroy(e);
  });
  zip.on("end", () => {
    ended = true;
    close();
  });
  out.on("close", () => {
    // The client went away mid-download: stop reading rows.
    if (!ended) zip.abort();
    close();
  });
  zip.pipe(out);
  const date = new Date(now);
  for (const f of files) zip.append(Readable.from(f.chunks(), { objectMode: false }), { name: f.name, date });
  zip.append(manifestText, { name: "manifest.json", date });
  void zip.finalize().catch(() => undefined);

  const stem = `records-${target.entity.slug}-${target.account.platform}-${target.account.id}-${bahrainDay(now)}`;
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": attachment(`${stem}.zip`),
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      "X-Amanah-Manifest-SHA256": manifestSha,
    },
  });
}
