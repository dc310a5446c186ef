/**
 * The registry: entities, their accounts and the accounts' ownership records. Every write runs in
 * one transaction with its audit row and refreshes today's rollup of the entity (its governance
 * figures read the registry). Who may see or change what is decided by the caller.
 */
import { and, asc, desc, eq, inArray, isNull, ne, sql } from "drizzle-orm";
import type { SessionUser } from "../core/access";
import type { AccountClass, Platform } from "../core/enums";
import type { GovernanceOwner } from "../core/governance";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { perHandle } from "./per-handle";
import { recomputeToday } from "./rollups";
import { accountOwners, accounts, entities, users } from "./schema";

/** A handle or a transaction of one (reads inside a write's transaction). */
type Reader = Pick<Db, "select">;

export type Entity = typeof entities.$inferSelect;
export type Account = typeof accounts.$inferSelect;
export type Owner = typeof accountOwners.$inferSelect;

/** What a person records about an account (the create and edit forms). */
export type AccountValues = Pick<
  typeof accounts.$inferInsert,
  "platform" | "handle" | "class" | "holderName" | "holderTitle" | "managedBy" | "handoverPlan" | "registryStatus" | "verificationRequested"
>;

/** The ownership fields a change compares (the note and the attestation are handled apart). */
export const OWNER_FIELDS = ["custodianName", "custodianEmail", "backupName", "backupEmail", "credentialCustody", "twoFactor", "recoveryContact"] as const;
export type OwnerFields = Pick<GovernanceOwner, (typeof OWNER_FIELDS)[number]>;
/** A new ownership record as a form submits it. */
export type OwnerChange = OwnerFields & { note: string | null };

const EMPTY_OWNER: OwnerFields = {
  custodianName: null,
  custodianEmail: null,
  backupName: null,
  backupEmail: null,
  credentialCustody: "unknown",
  twoFactor: "unknown",
  recoveryContact: null,
};

// Every signed-in page looks its entity up: prepared once per handle.
const statements = perHandle((db: Db) => ({
  entityById: db.select().from(entities).where(eq(entities.id, sql.placeholder("id"))).prepare(),
  entityBySlug: db.select().from(entities).where(eq(entities.slug, sql.placeholder("slug"))).prepare(),
}));

// ---- entities ---------------------------------------------------------------------------------

export function entityById(db: Db, id: number): Entity | undefined {
  return statements(db).entityById.get({ id });
}

export function entityBySlug(db: Db, slug: string): Entity | undefined {
  return statements(db).entityBySlug.get({ slug });
}

export interface EntityWithCounts {
  id: number;
  slug: string;
  nameAr: string;
  nameEn: string;
  kind: Entity["kind"];
  /** Accounts not archived in the registry, and of those the official ones. */
  accounts: number;
  official: number;
}

/** Every entity (or only `scope`) with its registered account counts, by English name. */
export function entitiesWithAccountCounts(db: Db, scope: number | null): EntityWithCounts[] {
  const q = db
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

// ---- accounts ---------------------------------------------------------------------------------

export interface AccountWithOwner {
  account: Account;
  owner: Owner | null;
}

/** An entity's accounts with their current ownership record, by class, platform and handle. */
export function entityAccountsWithOwners(db: Db, entityId: number, filter: { class?: AccountClass; platform?: Platform } = {}): AccountWithOwner[] {
  const conds = [eq(accounts.entityId, entityId)];
  if (filter.class) conds.push(eq(accounts.class, filter.class));
  if (filter.platform) conds.push(eq(accounts.platform, filter.platform));
  return db
    .select({ account: accounts, owner: accountOwners })
    .from(accounts)
    .leftJoin(accountOwners, and(eq(accountOwners.accountId, accounts.id), isNull(accountOwners.validTo)))
    .where(and(...conds))
    .orderBy(asc(accounts.class), asc(accounts.platform), asc(accounts.handle))
    .all();
}

/** Accounts with their current ownership record and their entity's slug: one entity's, or all (null); by entity, class, platform, handle. */
export function accountsWithOwners(db: Db, entityId: number | null): (AccountWithOwner & { entitySlug: string })[] {
  const q = db
    .select({ account: accounts, owner: accountOwners, entitySlug: entities.slug })
    .from(accounts)
    .innerJoin(entities, eq(entities.id, accounts.entityId))
    .leftJoin(accountOwners, and(eq(accountOwners.accountId, accounts.id), isNull(accountOwners.validTo)));
  return (entityId === null ? q : q.where(eq(accounts.entityId, entityId))).orderBy(asc(entities.slug), asc(accounts.class), asc(accounts.platform), asc(accounts.handle)).all();
}

export function accountWithEntity(db: Db, accountId: number): { account: Account; entity: Entity } | undefined {
  return db.select({ account: accounts, entity: entities }).from(accounts).innerJoin(entities, eq(entities.id, accounts.entityId)).where(eq(accounts.id, accountId)).get();
}

export function accountByHandle(db: Reader, platform: Platform, handle: string): Account | undefined {
  return db.select().from(accounts).where(and(eq(accounts.platform, platform), eq(accounts.handle, handle))).get();
}

/**
 * The registered, non-archived official account with this handle on one of these platforms, with
 * its entity (the public verification); the lowest id when several platforms match.
 */
export function registeredOfficialAccount(db: Db, platforms: readonly Platform[], handle: string): { account: Account; entity: Entity } | undefined {
  return db
    .select({ account: accounts, entity: entities })
    .from(accounts)
    .innerJoin(entities, eq(entities.id, accounts.entityId))
    .where(
      and(
        inArray(accounts.platform, [...platforms]),
        eq(accounts.handle, handle),
        eq(accounts.class, "official"),
        eq(accounts.registryStatus, "registered"),
        ne(accounts.status, "archived"),
      ),
    )
    .orderBy(accounts.id)
    .get();
}

// Only the recorded fields, whatever else the caller's object carries.
function accountValues(v: AccountValues): AccountValues {
  return {
    platform: v.platform,
    handle: v.handle,
    class: v.class,
    holderName: v.holderName,
    holderTitle: v.holderTitle,
    managedBy: v.managedBy,
    handoverPlan: v.handoverPlan,
    registryStatus: v.registryStatus,
    verificationRequested: v.verificationRequested,
  };
}

/** A new account with an empty ownership record (both audited). */
export function createAccount(db: Db, user: SessionUser, entityId: number, values: AccountValues): Account {
  return db.transaction((tx) => {
    const now = new Date();
    const account = tx.insert(accounts).values({ entityId, ...accountValues(values), createdAt: now }).returning().get();
    const owner = tx.insert(accountOwners).values({ accountId: account.id, validFrom: now, changedBy: user.id }).returning().get();
    writeAudit(tx, { user, action: "account.create", targetType: "account", targetId: account.id, entityId, after: account });
    writeAudit(tx, { user, action: "ownership.create", targetType: "account_owner", targetId: owner.id, entityId, after: owner });
    recomputeToday(db, [entityId], now.getTime());
    return account;
  });
}

export function updateAccount(db: Db, user: SessionUser, before: Account, values: AccountValues): Account {
  return db.transaction((tx) => {
    const after = tx.update(accounts).set({ ...accountValues(values), updatedAt: new Date() }).where(eq(accounts.id, before.id)).returning().get();
    writeAudit(tx, { user, action: "account.update", targetType: "account", targetId: before.id, entityId: before.entityId, before, after });
    recomputeToday(db, [before.entityId]);
    return after;
  });
}

// ---- ownership --------------------------------------------------------------------------------

export function currentOwner(db: Reader, accountId: number): Owner | undefined {
  return db
    .select()
    .from(accountOwners)
    .where(and(eq(accountOwners.accountId, accountId), isNull(accountOwners.validTo)))
    .orderBy(desc(accountOwners.id))
    .get();
}

export interface OwnerHistoryRow {
  owner: Owner;
  changedByEmail: string | null;
  changedByName: string | null;
}

/** Every ownership row, newest first, with who made the change. */
export function ownerHistory(db: Db, accountId: number): OwnerHistoryRow[] {
  return db
    .select({ owner: accountOwners, changedByEmail: users.email, changedByName: users.name })
    .from(accountOwners)
    .leftJoin(users, eq(users.id, accountOwners.changedBy))
    .where(eq(accountOwners.accountId, accountId))
    .orderBy(desc(accountOwners.validFrom), desc(accountOwners.id))
    .all();
}

/** Same ownership fields (a null and a missing value are the same). */
export function sameOwnerFields(current: OwnerFields, next: OwnerFields): boolean {
  return OWNER_FIELDS.every((f) => (current[f] ?? null) === (next[f] ?? null));
}

/** True when saving `input` would record something new (a note always is). */
export function ownerDiffers(current: Owner | undefined, input: OwnerChange): boolean {
  if (!current) return true;
  return !sameOwnerFields(current, input) || (input.note ?? null) !== null;
}

/** Just the ownership fields of a record or a form input. */
function ownerFields(o: OwnerFields): OwnerFields {
  const { custodianName, custodianEmail, backupName, backupEmail, credentialCustody, twoFactor, recoveryContact } = o;
  return { custodianName, custodianEmail, backupName, backupEmail, credentialCustody, twoFactor, recoveryContact };
}

export interface OwnershipOptions {
  /** Stamp attested_at = now on the new record. */
  attest?: boolean;
  /** Set attested_at explicitly (default: carried over from the current record). */
  attestedAt?: Date | null;
  now?: Date;
}

/**
 * A change never overwrites: it closes the current row (valid_to) and inserts the new record,
 * in one transaction with the audit row. `input` null keeps the current fields (an attestation).
 * Returns null when nothing changed (no write).
 */
export function changeOwnership(db: Db, user: SessionUser | string, account: Pick<Account, "id" | "entityId">, input: OwnerChange | null, opts: OwnershipOptions = {}): Owner | null {
  return db.transaction((tx) => {
    const now = opts.now ?? new Date();
    const current = currentOwner(tx, account.id);
    const base = input ? ownerFields(input) : current ? ownerFields(current) : EMPTY_OWNER;
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
    recomputeToday(db, [account.entityId], now.getTime());
    return next;
  });
}
