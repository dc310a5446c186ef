import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/lib/permissions.server";

/** Home: the entity list (which sends entity users on to their own entity). */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return redirect("/entities");
}
