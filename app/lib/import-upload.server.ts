/**
 * Handles a CSV upload form post: size limits before anything is buffered, then the shared
 * all-or-nothing import (db/import-accounts.ts) as the signed-in user.
 */
import { json, unstable_createMemoryUploadHandler, unstable_parseMultipartFormData, MaxPartSizeExceededError } from "@remix-run/node";
import { importAccounts, MAX_CSV_BYTES, type ImportError, type ImportResult } from "../../db/import-accounts";
import { db } from "./db.server";
import { badRequest } from "./http.server";
import type { SessionUser } from "./permissions.server";

export type UploadAnswer = { result: ImportResult; fileName: string | null };

function tooLarge(fileName: string | null) {
  const errors: ImportError[] = [{ line: 0, code: "too_large", message: `the file is larger than ${MAX_CSV_BYTES / 1024 / 1024} MB`, params: { maxMb: MAX_CSV_BYTES / 1024 / 1024 } }];
  return json<UploadAnswer>({ result: { ok: false, errors }, fileName }, { status: 413 });
}

export async function handleCsvUpload(request: Request, user: SessionUser, entitySlug?: string) {
  const length = Number(request.headers.get("Content-Length") ?? "0");
  if (length > MAX_CSV_BYTES + 64 * 1024) return tooLarge(null);
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_CSV_BYTES }));
  } catch (e) {
    if (e instanceof MaxPartSizeExceededError) return tooLarge(null);
    badRequest("the upload is not a valid multipart form");
  }
  const file = form.get("file");
  if (!file || typeof file === "string") {
    const errors: ImportError[] = [{ line: 0, code: "empty", message: "no file was uploaded" }];
    return json<UploadAnswer>({ result: { ok: false, errors }, fileName: null }, { status: 400 });
  }
  const bytes = Buffer.from(await file.arrayBuffer());
  const result = importAccounts(db(), bytes, { actor: user, entitySlug, dryRun: form.get("dryRun") === "on" });
  return json<UploadAnswer>({ result, fileName: file.name }, { status: result.ok ? 200 : 400 });
}
