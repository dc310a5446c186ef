/**
 * The registry as the screens, the rollups and the GUIDE-* controls read it: one row shape for
 * accounts and one for ownership records, each with its column list, and the current record.
 */
import type { Db } from "../client";
import type { Platform } from "../../core/enums";
import type { GovernanceAccountRow, GovernanceOwner } from "../../core/governance";
import { prepared } from "./prepared";

/** An accounts row (SQLite: booleans as 0/1, instants as epoch ms). */
export interface AccountRow extends GovernanceAccountRow {
  id: number;
  entityId: number;
  platform: Platform;
  handle: string;
  verified: number | null;
  verificationRequested: number;
  displayName: string | null;
  followers: number | null;
  holderName: string | null;
  holderTitle: string | null;
  profileFetchedAt: number | null;
  lastPostAt: number | null;
}

/** The columns of AccountRow, from `accounts a`. */
export const ACCOUNT_COLUMNS = `a.id, a.entity_id AS entityId, a.platform, a.handle, a.class, a.status, a.registry_status AS registryStatus,
  a.verified, a.verification_requested AS verificationRequested, a.bio, a.linked_official_account_id AS linkedOfficialAccountId,
  a.managed_by AS managedBy, a.handover_plan AS handoverPlan, a.display_name AS displayName, a.followers,
  a.holder_name AS holderName, a.holder_title AS holderTitle, a.profile_fetched_at AS profileFetchedAt, a.last_post_at AS lastPostAt`;

/** An account_owners record as the controls read it (`attestedAt` in epoch ms). */
export type OwnerRow = Omit<GovernanceOwner, "attestedAt"> & { attestedAt: number | null };

/** The columns of OwnerRow, from `account_owners`. */
export const OWNER_COLUMNS = `custodian_name AS custodianName, custodian_email AS custodianEmail, backup_name AS backupName,
  backup_email AS backupEmail, credential_custody AS credentialCustody, two_factor AS twoFactor,
  recovery_contact AS recoveryContact, attested_at AS attestedAt`;

export function governanceOwner(o: OwnerRow | undefined): GovernanceOwner | null {
  if (!o) return null;
  return {
    custodianName: o.custodianName,
    custodianEmail: o.custodianEmail,
    backupName: o.backupName,
    backupEmail: o.backupEmail,
    credentialCustody: o.credentialCustody,
    twoFactor: o.twoFactor,
    recoveryContact: o.recoveryContact,
    attestedAt: o.attestedAt === null ? null : new Date(o.attestedAt),
  };
}

/** The ownership record in force (the open one, newest first). */
export function currentOwner(db: Db, accountId: number): OwnerRow | undefined {
  return prepared<[number], OwnerRow>(
    db,
    `SELECT ${OWNER_COLUMNS} FROM account_owners WHERE account_id = ? AND valid_to IS NULL ORDER BY valid_from DESC, id DESC LIMIT 1`,
  ).get(accountId);
}

/** When the account last published (for accounts whose `last_post_at` is not kept). */
export function lastPublishedAt(db: Db, accountId: number): number | null {
  return prepared<[number], { t: number | null }>(db, `SELECT max(published_at) AS t FROM posts WHERE account_id = ?`).get(accountId)?.t ?? null;
}
