/** Admin: users and roles, entities, the policy's rules and version (read-only), and sign-in lockouts (clearable). */
import { z } from "zod";
import type { Db } from "../../../db/client";
import { entitiesWithCounts, usersWithEntities } from "../../../db/read/admin";
import { clearLockout, currentLockouts } from "../../../db/sign-in-attempts";
import { THROTTLE } from "../auth.server";
import { badRequest } from "../http.server";
import type { SessionUser } from "../permissions.server";
import { listRules, policyVersion } from "./rules.server";

export function adminData(db: Db, now = Date.now()) {
  return {
    users: usersWithEntities(db),
    entities: entitiesWithCounts(db),
    rules: listRules(),
    policyVersion: policyVersion(),
    lockouts: currentLockouts(db, THROTTLE, now),
    throttle: { perPair: THROTTLE.perPair, perAddress: THROTTLE.perAddress, slowAfter: THROTTLE.slowAfter, windowMinutes: THROTTLE.windowMs / 60_000 },
  };
}

const ClearLockout = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("pair"), email: z.string().min(1).max(254), ip: z.string().min(1).max(100) }),
  z.object({ scope: z.literal("address"), ip: z.string().min(1).max(100) }),
  z.object({ scope: z.literal("account"), email: z.string().min(1).max(254) }),
]);

/** csb_admin clears one lockout (audited); the number of failure rows removed. */
export function clearLockoutFromForm(db: Db, admin: SessionUser, form: FormData): number {
  const parsed = ClearLockout.safeParse(Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === "string")));
  if (!parsed.success) badRequest("a lockout is named by scope (pair, address or account) with its email and/or address");
  return clearLockout(db, admin, parsed.data);
}
