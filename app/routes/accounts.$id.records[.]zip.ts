/**
 * GET /accounts/:id/records.zip[?from=YYYY-MM-DD&to=YYYY-MM-DD] — the account's records export
 * (app/lib/export/records.server.ts). The entity's director and CSB roles; a reviewer of the
 * entity is refused (403), anyone else gets the same 404 as a missing account.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAccountAccess } from "~/lib/registry.server";
import { canExportRecords } from "~/lib/permissions.server";
import { forbidden } from "~/lib/http.server";
import { recordsExport } from "~/lib/export/records.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, account, entity } = await requireAccountAccess(request, params.id);
  if (!canExportRecords(user, entity.id)) forbidden();
  return recordsExport(user, { account, entity }, new URL(request.url));
}
