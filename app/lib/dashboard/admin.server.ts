/** Admin (read-only): users and roles, entities, the policy's rules and version. */
import type { Db } from "../../../db/client";
import { listRules, policyVersion } from "./rules.server";

export function adminData(db: Db) {
  const q = db.$client;
  const users = q
    .prepare(
      `SELECT u.id, u.email, u.name, u.role, u.locale, u.disabled_at AS disabledAt, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn
         FROM users u LEFT JOIN entities e ON e.id = u.entity_id ORDER BY u.role, u.email`,
    )
    .all() as { id: number; email: string; name: string; role: string; locale: string; disabledAt: number | null; slug: string | null; nameAr: string | null; nameEn: string | null }[];
  const entities = q
    .prepare(
      `SELECT e.id, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn, e.kind, e.email_domains AS domains,
              (SELECT count(*) FROM accounts a WHERE a.entity_id = e.id) AS accounts,
              (SELECT count(*) FROM users u WHERE u.entity_id = e.id) AS users
         FROM entities e ORDER BY e.name_en`,
    )
    .all() as { id: number; slug: string; nameAr: string; nameEn: string; kind: string; domains: string; accounts: number; users: number }[];
  return { users, entities, rules: listRules(), policyVersion: policyVersion() };
}
