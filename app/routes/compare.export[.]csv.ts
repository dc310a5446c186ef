/** GET /compare/export.csv — the CSB comparison (CSB roles; others 404 as on the page). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireCsb } from "~/lib/permissions.server";
import { getLocale } from "~/lib/i18n.server";
import { compareExport } from "~/lib/export/compare.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireCsb(request);
  return compareExport(request, "csv", await getLocale(request, user));
}
