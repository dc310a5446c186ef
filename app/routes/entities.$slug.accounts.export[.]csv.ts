/** GET /entities/:slug/accounts/export.csv — the entity's accounts with ownership (who may see the accounts page). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireEntityAccess } from "~/lib/permissions.server";
import { getLocale } from "~/lib/i18n.server";
import { accountsExport } from "~/lib/export/accounts.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, entity } = await requireEntityAccess(request, params.slug ?? "");
  return accountsExport(request, entity, "csv", await getLocale(request, user));
}
