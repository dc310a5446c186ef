/** Executive accounts with their entity, linked official account, current attestation and open flags. */
import type { Db } from "../client";
import type { Platform } from "../../core/enums";
import { prepared } from "./prepared";

export interface ExecutiveRow {
  id: number;
  platform: Platform;
  handle: string;
  holderName: string | null;
  holderTitle: string | null;
  bio: string | null;
  managedBy: string | null;
  entityId: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  officialId: number | null;
  officialPlatform: Platform | null;
  officialHandle: string | null;
  attestedAt: number | null;
  openFlags: number;
}

/** Non-archived executive accounts, of one entity (`scope`) and/or the entity with `slug`; by entity, handle. */
export function executiveAccounts(db: Db, filter: { scope: number | null; slug?: string }): ExecutiveRow[] {
  const where = ["a.class = 'executive'", "a.registry_status != 'archived'"];
  const args: (number | string)[] = [];
  if (filter.scope !== null) {
    where.push("a.entity_id = ?");
    args.push(filter.scope);
  }
  if (filter.slug) {
    where.push("e.slug = ?");
    args.push(filter.slug);
  }
  return prepared<(number | string)[], ExecutiveRow>(
    db,
    `SELECT a.id, a.platform, a.handle, a.holder_name AS holderName, a.holder_title AS holderTitle, a.bio, a.managed_by AS managedBy,
            a.entity_id AS entityId, e.slug, e.name_ar AS nameAr, e.name_en AS nameEn,
            o.id AS officialId, o.platform AS officialPlatform, o.handle AS officialHandle,
            (SELECT attested_at FROM account_owners w WHERE w.account_id = a.id AND w.valid_to IS NULL ORDER BY w.valid_from DESC LIMIT 1) AS attestedAt,
            (SELECT count(*) FROM flags fl WHERE fl.account_id = a.id AND fl.status = 'open') AS openFlags
       FROM accounts a JOIN entities e ON e.id = a.entity_id LEFT JOIN accounts o ON o.id = a.linked_official_account_id
      WHERE ${where.join(" AND ")} ORDER BY e.name_en, a.handle`,
  ).all(...args);
}
