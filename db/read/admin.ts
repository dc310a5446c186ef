/** The admin page's reads: users with their entity, entities with their counts. */
import type { Db } from "../client";
import type { EntityKind, Role } from "../../core/enums";
import { prepared } from "./prepared";

export interface AdminUserRow {
  id: number;
  email: string;
  name: string;
  role: Role;
  locale: "ar" | "en";
  disabledAt: number | null;
  slug: string | null;
  nameAr: string | null;
  nameEn: string | null;
}

export function usersWithEntities(db: Db): AdminUserRow[] {
  return prepared<[], AdminUserRow>(
    db,
    `SELECT u.id, u.email, u.name, u.role, u.locale, u.disabled_at AS disabledAt, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn
       FROM users u LEFT JOIN entities e ON e.id = u.entity_id ORDER BY u.role, u.email`,
  ).all();
}

export interface AdminEntityRow {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  kind: EntityKind;
  /** Official email domains, JSON text. */
  domains: string;
  accounts: number;
  users: number;
}

export function entitiesWithCounts(db: Db): AdminEntityRow[] {
  return prepared<[], AdminEntityRow>(
    db,
    `SELECT e.id, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn, e.kind, e.email_domains AS domains,
            (SELECT count(*) FROM accounts a WHERE a.entity_id = e.id) AS accounts,
            (SELECT count(*) FROM users u WHERE u.entity_id = e.id) AS users
       FROM entities e ORDER BY e.name_en`,
  ).all();
}
