import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { getUser } from "~/lib/permissions.server";
import { endSession } from "~/lib/session.server";
import { writeAudit } from "../../db/audit";
import { db } from "~/lib/db.server";

/** Sign-out is POST only (a GET link could be triggered cross-site). */
export async function action({ request }: ActionFunctionArgs) {
  const user = await getUser(request);
  if (user) writeAudit(db(), { user, action: "auth.sign_out", targetType: "user", targetId: user.id, entityId: user.entityId });
  return redirect("/login", { headers: { "Set-Cookie": await endSession(request) } });
}

export async function loader() {
  return redirect("/");
}
