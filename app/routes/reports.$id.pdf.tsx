/**
 * GET /reports/:id/pdf (flat-route file reports.$id.pdf.tsx) — streams an archived report. 404 (same as a missing id) for a report the
 * user may not see; 500 if the stored file no longer matches its recorded sha256.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, serverError } from "~/lib/http.server";
import { requireUser } from "~/lib/permissions.server";
import { db } from "~/lib/db.server";
import { IntegrityError, readVerified, reportForUser } from "~/lib/reports.server";
import { basename } from "node:path";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const row = reportForUser(db(), user, params.id) ?? notFound();
  let body: Buffer;
  try {
    body = readVerified(row);
  } catch (e) {
    if (e instanceof IntegrityError) serverError("Report file failed its integrity check");
    notFound();
  }
  return new Response(new Uint8Array(body), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Length": String(body.length),
      "Content-Disposition": `attachment; filename="${basename(row.filePath)}"`,
      "Cache-Control": "private, max-age=0",
      "X-Content-Type-Options": "nosniff",
      ETag: `"${row.sha256}"`,
    },
  });
}
