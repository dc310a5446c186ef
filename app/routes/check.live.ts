/**
 * POST /check/live — the check page's preview as you type (a fetcher, JSON). Same scoring and the
 * same per-user rate limit as a submitted check, but not counted: previews of one draft would
 * count it many times. The draft is not stored.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { requireUser } from "~/lib/permissions.server";
import { checkForm } from "~/lib/check.server";
import { notFound } from "~/lib/http.server";

export async function loader() {
  notFound();
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const { status, answer, headers } = await checkForm(user, await request.formData(), false);
  return json(answer, { status, headers: { ...headers, "Cache-Control": "no-store" } });
}
