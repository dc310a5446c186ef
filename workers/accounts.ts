/** Account rows as processors need them (one query, with the entity's official email domains). */
import type { Db } from "../db/client";
import type { AccountRef } from "../connectors/types";
import type { AccountClass, AccountStatus, Platform } from "../core/enums";
import type { Subject } from "./flag-rows";

export interface WorkAccount {
  id: number;
  entityId: number;
  platform: Platform;
  handle: string;
  platformId: string | null;
  class: AccountClass;
  status: AccountStatus;
  cursor: string | null;
  lastPostAt: number | null;
  bio: string | null;
  entityDomains: string[];
}

export function loadAccount(db: Db, id: number): WorkAccount | null {
  const row = db.$client
    .prepare(
      `SELECT a.id, a.entity_id AS entityId, a.platform, a.handle, a.platform_id AS platformId, a.class, a.status,
              a.cursor, a.last_post_at AS lastPostAt, a.bio, e.email_domains AS domains
       FROM accounts a JOIN entities e ON e.id = a.entity_id WHERE a.id = ?`,
    )
    .get(id) as (Omit<WorkAccount, "entityDomains"> & { domains: string }) | undefined;
  if (!row) return null;
  const { domains, ...rest } = row;
  let entityDomains: string[] = [];
  try {
    entityDomains = JSON.parse(domains) as string[];
  } catch {
    /* malformed domains: score without them */
  }
  return { ...rest, entityDomains };
}

export const refOf = (a: WorkAccount): AccountRef => ({ platform: a.platform, handle: a.handle, platformId: a.platformId });

export const subjectOf = (a: WorkAccount): Subject => ({
  accountId: a.id,
  entityId: a.entityId,
  accountClass: a.class,
  entityDomains: a.entityDomains,
});

export function setAccountStatus(db: Db, id: number, status: AccountStatus, now: number): void {
  db.$client.prepare("UPDATE accounts SET status = ?, updated_at = ? WHERE id = ?").run(status, now, id);
}
