/** Admin (read-only): users and roles, entities, the policy's rules and version. */
import type { Db } from "../../../db/client";
import { entitiesWithCounts, usersWithEntities } from "../../../db/read/admin";
import { listRules, policyVersion } from "./rules.server";

export function adminData(db: Db) {
  return { users: usersWithEntities(db), entities: entitiesWithCounts(db), rules: listRules(), policyVersion: policyVersion() };
}
