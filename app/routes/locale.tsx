import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser } from "~/lib/permissions.server";
import { isLocale, saveLocale } from "~/lib/i18n.server";
import { safeNext } from "~/lib/auth.server";
import { badRequest } from "~/lib/http.server";

/** The language switch: sets the long-lived cookie (and the user's saved locale), then goes back. */
export async function action({ request }: ActionFunctionArgs) {
  const form = await request.formData();
  const locale = form.get("locale");
  if (!isLocale(locale)) badRequest('locale must be "ar" or "en"');
  const user = await getUser(request);
  const cookie = await saveLocale(user, locale);
  return redirect(safeNext(form.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}

export async function loader() {
  return redirect("/");
}
