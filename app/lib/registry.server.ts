/**
 * Registry queries and writes (entities, accounts, ownership records). Every write runs in one
 * transaction with its audit row. Visibility is decided by permissions.server.ts; the helpers
 * here that take a Request go through it.
 */
import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { accountOwners, accounts, entities, users } from "../../db/schema";
import { type AccountClass, type Platform } from "../../core/enums";
import { db } from "./db.server";
import { writeAudit } from "../../db/audit";
import { recomputeToday } from "../../db/rollups";
import { forbidden, notFound } from "./http.server";
import { canEditEntity, canSeeEntity, requireUser, type SessionUser } from "./permissions.server";
import type { AccountInput, OwnershipInput } from "./registry-forms";

export type Entity = typeof entities.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Owner = typeof accountOwners.$inferSelect;

export function listEntitiesWithCounts(scope: number | null) {
  const q = db()
    .select({
      id: entities.id,
      slug: entities.slug,
      nameAr: entities.nameAr,
      nameEn: entities.nameEn,
      kind: entities.kind,
      // Qualified by hand: drizzle renders bare column names inside sql``, which would bind to the subquery's table.
      accounts: sql<number>`(select count(*) from "accounts" a where a."entity_id" = "entities"."id" and a."registry_status" != 'archived')`,
      official: sql<number>`(select count(*) from "accounts" a where a."entity_id" = "entities"."id" and a."class" = 'official' and a."registry_status" != 'archived')`,
    })
    .from(entities);
  return (scope === null ? q : q.where(eq(entities.id, scope))).orderBy(asc(entities.nameEn)).all();
}

export function entityAccounts(entityId: number, filter: { class?: AccountClass; platform?: Platform } = {}) {
  const conds = [eq(accounts.entityId, entityId)];
  if (filter.class) conds.push(eq(accounts.class, filter.class));
  if (filter.platform) conds.push(eq(accounts.platform, filter.platform));
  return db()
    .select({ account: accounts, owner: accountOwners })
    .from(accounts)
    .leftJoin(accountOwners, and(eq(accountOwners.accountId, accounts.id), isNull(accountOwners.validTo)))
    .where(and(...conds))
    .orderBy(asc(accounts.class), asc(accounts.platform), asc(accounts.handle))
    .all();
}

export function currentOwner(accountId: number): Owner | undefined {
  return db()
    .select()
    .from(accountOwners)
    .where(and(eq(accountOwners.accountId, accountId), isNull(accountOwners.validTo)))
    .orderBy(desc(accountOwners.id))
    .get();
}

/** Every ownership row, newest first, with the email of who made the change. */
export function ownerHistory(accountId: number) {
  return db()
    .select({ owner: accountOwners, changedByEmail: users.email, changedByName: users.name })
    .from(accountOwners)
    .leftJoin(users, eq(users.id, accountOwners.changedBy))
    .where(eq(accountOwners.accountId, accountId))
    .orderBy(desc(accountOwners.validFrom), desc(accountOwners.id))
    .all();
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
  const row = db().select({ account: accounts, entity: entities }).from(accounts).innerJoin(entities, eq(entities.id, accounts.entityId)).where(eq(accounts.id, accountId)).get();
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
  return db().select().from(accounts).where(and(eq(accounts.platform, platform), eq(accounts.handle, handle))).get();
}

function accountValues(input: AccountInput) {
  return {
    platform: input.platform,
    handle: input.handle,
    class: input.class,
    holderName: input.holderName,
    holderTitle: input.holderTitle,
    managedBy: input.managedBy,
    handoverPlan: input.handoverPlan,
    registryStatus: input.registryStatus,
    verificationRequested: input.verificationRequested,
  };
}

export function createAccount(user: SessionUser, entity: Entity, input: AccountInput): Account {
  return db().transaction((tx) => {
    const now = new Date();
    const account = tx.insert(accounts).values({ entityId: entity.id, ...accountValues(input), createdAt: now }).returning().get();
    const owner = tx.insert(accountOwners).values({ accountId: account.id, validFrom: now, changedBy: user.id }).returning().get();
    writeAudit(tx, { user, action: "account.create", targetType: "account", targetId: account.id, entityId: entity.id, after: account });
    writeAudit(tx, { user, action: "ownership.create", targetType: "account_owner", targetId: owner.id, entityId: entity.id, after: owner });
    recomputeToday(db(), [entity.id], now.getTime());
    return account;
  });
}

export function updateAccount(user: SessionUser, before: Account, input: AccountInput): Account {
  return db().transaction((tx) => {
    const after = tx.update(accounts).set({ ...accountValues(input), updatedAt: new Date() }).where(eq(accounts.id, before.id)).returning().get();
    writeAudit(tx, { user, action: "account.update", targetType: "account", targetId: before.id, entityId: before.entityId, before, after });
    recomputeToday(db(), [before.entityId]);
    return after;
  });
}

const OWNER_FIELDS = ["custodianName", "custodianEmail", "backupName", "backupEmail", "credentialCustody", "twoFactor", "recoveryContact"] as const;

export function ownerDiffers(current: Owner | undefined, input: OwnershipInput): boolean {
  if (!current) return true;
  return OWNER_FIELDS.some((f) => (current[f] ?? null) !== (input[f] ?? null)) || (input.note ?? null) !== null;
}

/**
 * A change never overwrites: it closes the current row (valid_to) and inserts the new record,
 * in one transaction with the audit row. `attest` stamps attested_at = now on the new row.
 * Returns null when nothing changed (no write).
 */
export function changeOwnership(
  user: SessionUser | string,
  account: Account,
  input: OwnershipInput | null,
  opts: { attest?: boolean; attestedAt?: Date | null; now?: Date; tx?: Parameters<Parameters<ReturnType<typeof db>["transaction"]>[0]>[0] } = {},
): Owner | null {
  const run = (tx: NonNullable<typeof opts.tx>): Owner | null => {
    const now = opts.now ?? new Date();
    const current = tx.select().from(accountOwners).where(and(eq(accountOwners.accountId, account.id), isNull(accountOwners.validTo))).orderBy(desc(accountOwners.id)).get();
    const base = input ?? (current ? pick(current) : emptyOwner());
    const attestedAt = opts.attest ? now : opts.attestedAt !== undefined ? opts.attestedAt : (current?.attestedAt ?? null);
    if (!opts.attest && input && !ownerDiffers(current, input) && (attestedAt?.getTime() ?? null) === (current?.attestedAt?.getTime() ?? null)) return null;
    if (current) tx.update(accountOwners).set({ validTo: now }).where(eq(accountOwners.id, current.id)).run();
    const next = tx
      .insert(accountOwners)
      .values({ accountId: account.id, ...base, note: input?.note ?? null, attestedAt, validFrom: now, changedBy: typeof user === "string" ? null : user.id })
      .returning()
      .get();
    writeAudit(tx, {
      user,
      action: opts.attest ? "ownership.attest" : "ownership.change",
      targetType: "account_owner",
      targetId: next.id,
      entityId: account.entityId,
      before: current ?? null,
      after: next,
    });
    recomputeToday(db(), [account.entityId], now.getTime());
    return next;
  };
  return opts.tx ? run(opts.tx) : db().transaction(run);
}

function pick(o: Owner): Omit<OwnershipInput, "note"> {
  return {
    custodianName: o.custodianName,
    custodianEmail: o.custodianEmail,
    backupName: o.backupName,
    backupEmail: o.backupEmail,
    credentialCustody: o.credentialCustody,
    twoFactor: o.twoFactor,
    recoveryContact: o.recoveryContact,
  };
}

function emptyOwner(): Omit<OwnershipInput, "note"> {
  return { custodianName: null, custodianEmail: null, backupName: null, backupEmail: null, credentialCustody: "unknown", twoFactor: "unknown", recoveryContact: null };
}
