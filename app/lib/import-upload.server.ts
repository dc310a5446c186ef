/**
 * Handles a CSV upload form post: the whole request body is capped (MAX_UPLOAD_BYTES) while it is
 * read, before any part is kept; then the shared all-or-nothing import (db/import-accounts.ts) as
 * the signed-in user. The server (server.ts) passes `runImport` in the load context, which runs the
 * import in a worker thread (db/import-thread.ts); without it (tests calling the action) it runs here.
 */
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { importAccounts, MAX_CSV_BYTES, type ImportError, type ImportResult } from "../../db/import-accounts";
import { charsetOf } from "../../db/import-decode";
import type { ImportJob } from "../../db/import-thread";
import { db } from "./db.server";
import { badRequest } from "./http.server";
import type { SessionUser } from "./permissions.server";

export type UploadAnswer = { result: ImportResult; fileName: string | null };
export type ImportRunner = (job: ImportJob) => Promise<ImportResult>;

/** The file plus the form's few small fields and the multipart framing. */
export const MAX_UPLOAD_BYTES = MAX_CSV_BYTES + 64 * 1024;
/** Encodings offered on the form besides UTF-8 (any WHATWG label works from the CLI or a part's charset). */
export const UPLOAD_CHARSETS = ["utf-8", "windows-1256"] as const;

function tooLarge(fileName: string | null) {
  const maxMb = MAX_CSV_BYTES / 1024 / 1024;
  const errors: ImportError[] = [{ line: 0, code: "too_large", message: `the upload is larger than ${maxMb} MB (the size limit)`, params: { maxMb } }];
  return json<UploadAnswer>({ result: { ok: false, errors }, fileName }, { status: 413 });
}

/** The request with its body cut off (and `tripped()` true) past `max` bytes, however it is sent. */
function capBody(request: Request, max: number): { request: Request; tripped: () => boolean } {
  let seen = 0;
  let over = false;
  if (!request.body) return { request, tripped: () => false };
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        seen += chunk.byteLength;
        if (seen > max) {
          over = true;
          ctl.error(new Error(`request body larger than ${max} bytes`));
        } else ctl.enqueue(chunk);
      },
    }),
  );
  const init: RequestInit & { duplex: "half" } = { method: request.method, headers: request.headers, body, duplex: "half", signal: request.signal };
  return { request: new Request(request.url, init), tripped: () => over };
}

function runHere(job: ImportJob): Promise<ImportResult> {
  return importAccounts(db(), job.bytes, { actor: job.actor, entitySlug: job.entitySlug, dryRun: job.dryRun, charset: job.charset });
}

export async function handleCsvUpload(request: Request, user: SessionUser, entitySlug: string | undefined, context: unknown) {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_UPLOAD_BYTES) return tooLarge(null);
  const capped = capBody(request, MAX_UPLOAD_BYTES);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(capped.request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (e) {
    if (capped.tripped() || e instanceof MaxPartSizeExceededError) return tooLarge(null);
    badRequest("the upload is not a valid multipart form");
  }
  const file = form.get("file");
  if (!file || typeof file === "string") {
    const errors: ImportError[] = [{ line: 0, code: "empty", message: "no file was uploaded" }];
    return json<UploadAnswer>({ result: { ok: false, errors }, fileName: null }, { status: 400 });
  }
  // The encoding the user chose on the form, else the charset the file part declares.
  const chosen = form.get("charset");
  const charset = (typeof chosen === "string" && chosen.trim() !== "" ? chosen : charsetOf(file.type)) || undefined;
  const job: ImportJob = { bytes: new Uint8Array(await file.arrayBuffer()), actor: user, entitySlug, dryRun: form.get("dryRun") === "on", charset };
  const run = (context as { runImport?: ImportRunner } | undefined)?.runImport ?? runHere;
  const result = await run(job);
  return json<UploadAnswer>({ result, fileName: file.name }, { status: result.ok ? 200 : 400 });
}
