/**
 * The registry screens' request helpers (entities, accounts, ownership records). Rows and writes
 * are db/accounts.ts; visibility is decided by permissions.server.ts, which the helpers here that
 * take a Request go through.
 */
import type { AccountClass, Platform } from "../../core/enums";
import * as registry from "../../db/accounts";
import type { Account, Entity, Owner } from "../../db/accounts";
import { checkFeedForRegistration } from "../../db/feed-registration";
import { db } from "./db.server";
import { forbidden, notFound } from "./http.server";
import { canEditEntity, canSeeEntity, requireUser, type SessionUser } from "./permissions.server";
import type { AccountInput, OwnershipInput } from "./registry-forms";

export type { Account, Entity, Owner } from "../../db/accounts";

export function listEntitiesWithCounts(scope: number | null) {
  return registry.entitiesWithAccountCounts(db(), scope);
}

export function entityAccounts(entityId: number, filter: { class?: AccountClass; platform?: Platform } = {}) {
  return registry.entityAccountsWithOwners(db(), entityId, filter);
}

export function currentOwner(accountId: number): Owner | undefined {
  return registry.currentOwner(db(), accountId);
}

/** Every ownership row, newest first, with the email of who made the change. */
export function ownerHistory(accountId: number) {
  return registry.ownerHistory(db(), accountId);
}

function parseId(id: string | number | undefined): number | null {
  const s = String(id ?? "");
  return /^\d{1,12}$/.test(s) ? Number(s) : null;
}

/** The account if the user may see its entity; otherwise the standard 404. */
export async function requireAccountAccess(request: Request, id: string | number | undefined) {
  const user = await requireUser(request);
  const accountId = parseId(id);
  if (accountId === null) notFound();
  const row = registry.accountWithEntity(db(), accountId);
  if (!row || !canSeeEntity(user, row.entity.id)) notFound();
  return { user, account: row.account, entity: row.entity };
}

/** As requireAccountAccess, then 403 when the user may see but not change the account. */
export async function requireAccountEditor(request: Request, id: string | number | undefined) {
  const found = await requireAccountAccess(request, id);
  if (!canEditEntity(found.user, found.entity.id)) forbidden();
  return found;
}

export function findAccountByHandle(platform: Platform, handle: string): Account | undefined {
  return registry.accountByHandle(db(), platform, handle);
}

export function createAccount(user: SessionUser, entity: Entity, input: AccountInput): Account {
  return registry.createAccount(db(), user, entity.id, input);
}

export function updateAccount(user: SessionUser, before: Account, input: AccountInput): Account {
  return registry.updateAccount(db(), user, before, input);
}

/**
 * Records a new ownership record (or, with `input` null and `attest`, re-attests the current one);
 * null when nothing changed. See db/accounts.ts `changeOwnership`.
 */
export function changeOwnership(user: SessionUser | string, account: Account, input: OwnershipInput | null, opts: registry.OwnershipOptions = {}): Owner | null {
  return registry.changeOwnership(db(), user, account, input, opts);
}

/**
 * For an RSS account: the field error (an i18n key naming the reason) when the outbound guard
 * refuses its feed URL, else null. Other platforms' handles are not URLs.
 */
export async function feedUrlError(platform: Platform, handle: string): Promise<string | null> {
  if (platform !== "rss") return null;
  const verdict = await checkFeedForRegistration(handle);
  return verdict.ok ? null : `feedReason.${verdict.reason}`;
}
