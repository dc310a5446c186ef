/**
 * Personal API tokens: created and revoked with their audit rows, listed for their owner, and
 * resolved to the user they act as. Only the token's SHA-256 is stored; a disabled user's tokens,
 * a revoked or an expired token resolve to nothing.
 */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { SessionUser } from "../core/access";
import type { TokenScope } from "../core/enums";
import { writeAudit } from "./audit";
import type { Db } from "./client";
import { perHandle } from "./per-handle";
import { prepared } from "./read/prepared";
import { apiTokens } from "./schema";

export type ApiToken = typeof apiTokens.$inferSelect;
/** A token as its owner's list shows it (never the hash). */
export type TokenListRow = Pick<ApiToken, "id" | "name" | "scope" | "prefix" | "createdAt" | "expiresAt" | "lastUsedAt" | "revokedAt">;

export interface NewToken {
  name: string;
  scope: TokenScope;
  expiresAt: Date;
  /** SHA-256 (hex) of the token and its first characters; the token itself is never stored. */
  tokenHash: string;
  prefix: string;
}

/** Stores a new token for `user`, with its audit row (name, scope, expiry; never the token). */
export function createToken(db: Db, user: SessionUser, t: NewToken, now = new Date()): TokenListRow {
  return db.transaction((tx) => {
    const row = tx
      .insert(apiTokens)
      .values({ userId: user.id, name: t.name, scope: t.scope, tokenHash: t.tokenHash, prefix: t.prefix, createdAt: now, expiresAt: t.expiresAt })
      .returning()
      .get();
    writeAudit(tx, { user, action: "token.create", targetType: "api_token", targetId: row.id, entityId: user.entityId, after: { name: t.name, scope: t.scope, prefix: t.prefix, expiresAt: t.expiresAt.toISOString() } }, now);
    return listRow(row);
  });
}

function listRow(r: ApiToken): TokenListRow {
  return { id: r.id, name: r.name, scope: r.scope, prefix: r.prefix, createdAt: r.createdAt, expiresAt: r.expiresAt, lastUsedAt: r.lastUsedAt, revokedAt: r.revokedAt };
}

/** The user's tokens, newest first (revoked ones too: the list is their history). */
export function userTokens(db: Db, userId: number): TokenListRow[] {
  return db
    .select({ id: apiTokens.id, name: apiTokens.name, scope: apiTokens.scope, prefix: apiTokens.prefix, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(desc(apiTokens.id))
    .all();
}

/**
 * Revokes one of the user's own live tokens, with its audit row. False when the user has no such
 * token or it was already revoked (someone else's token answers the same as a missing one).
 */
export function revokeToken(db: Db, user: SessionUser, tokenId: number, now = new Date()): boolean {
  return db.transaction((tx) => {
    const row = tx
      .update(apiTokens)
      .set({ revokedAt: now })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, user.id), isNull(apiTokens.revokedAt)))
      .returning()
      .get();
    if (!row) return false;
    writeAudit(tx, { user, action: "token.revoke", targetType: "api_token", targetId: row.id, entityId: user.entityId, before: { name: row.name, scope: row.scope, prefix: row.prefix } }, now);
    return true;
  });
}

/** What a presented token resolves to. */
export interface TokenIdentity {
  tokenId: number;
  scope: TokenScope;
  user: SessionUser;
}

interface TokenUserRow {
  tokenId: number;
  scope: TokenScope;
  expiresAt: number;
  revokedAt: number | null;
  lastUsedAt: number | null;
  id: number;
  email: string;
  name: string;
  role: SessionUser["role"];
  entityId: number | null;
  locale: SessionUser["locale"];
  disabledAt: number | null;
}

export type TokenLookup = { ok: true; identity: TokenIdentity } | { ok: false; reason: "unknown" | "revoked" | "expired" | "disabled" };

// Read on every API request: prepared once per handle.
const statements = perHandle((db: Db) => ({
  byHash: db.$client.prepare<[string], TokenUserRow>(
    `SELECT t.id AS tokenId, t.scope, t.expires_at AS expiresAt, t.revoked_at AS revokedAt, t.last_used_at AS lastUsedAt,
            u.id, u.email, u.name, u.role, u.entity_id AS entityId, u.locale, u.disabled_at AS disabledAt
       FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?`,
  ),
}));

/** Marks a token used at most once a minute: a write per request would churn the database. */
export const LAST_USED_RESOLUTION_MS = 60_000;

/** The token with this hash and the user it acts as, or why it does not act at all. */
export function tokenByHash(db: Db, tokenHash: string, now = Date.now()): TokenLookup {
  const r = statements(db).byHash.get(tokenHash);
  if (!r) return { ok: false, reason: "unknown" };
  if (r.revokedAt !== null) return { ok: false, reason: "revoked" };
  if (r.expiresAt <= now) return { ok: false, reason: "expired" };
  if (r.disabledAt !== null) return { ok: false, reason: "disabled" };
  if (r.lastUsedAt === null || now - r.lastUsedAt >= LAST_USED_RESOLUTION_MS) {
    prepared<[number, number]>(db, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`).run(now, r.tokenId);
  }
  return { ok: true, identity: { tokenId: r.tokenId, scope: r.scope, user: { id: r.id, email: r.email, name: r.name, role: r.role, entityId: r.entityId, locale: r.locale } } };
}
