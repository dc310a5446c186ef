/** GET /review/export.xlsx — the review queue with its filters, streamed (app/lib/export/review.server.ts). */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/lib/permissions.server";
import { getLocale } from "~/lib/i18n.server";
import { reviewExport } from "~/lib/export/review.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return reviewExport(request, user, "xlsx", await getLocale(request, user));
}
