/** GET /admin/audit/export.csv?entity=&user=&from=&to= — the audit log as CSV (csb_admin only; app/lib/export/audit.server.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/lib/permissions.server";
import { getLocale } from "~/lib/i18n.server";
import { auditExport } from "~/lib/export/audit.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireAdmin(request);
  return auditExport(new URL(request.url), await getLocale(request, user));
}
