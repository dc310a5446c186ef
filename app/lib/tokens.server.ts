/**
 * Personal API tokens for /settings/tokens: a token is `amanah_` + 256 random bits (base64url),
 * shown once; only its SHA-256 is stored (db/api-tokens.ts). A person holds at most MAX_LIVE
 * unrevoked, unexpired tokens.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { TOKEN_SCOPES } from "../../core/enums";
import type { SessionUser } from "../../core/access";
import { createToken, revokeToken, userTokens, type TokenListRow } from "../../db/api-tokens";
import { db } from "./db.server";
import { hashToken, TOKEN_PREFIX } from "./api.server";

import { EXPIRY_DAYS } from "./token-options";

export { EXPIRY_DAYS, MAX_LIVE } from "./token-options";
const DAY = 86_400_000;

export const TokenForm = z.object({
  name: z.string().trim().min(1, "tokens.errors.name").max(80, "tokens.errors.nameLong"),
  scope: z.enum(TOKEN_SCOPES, { error: "tokens.errors.scope" }),
  expiry: z.enum(EXPIRY_DAYS, { error: "tokens.errors.expiry" }),
});

export type TokenInput = z.infer<typeof TokenForm>;

export function listTokens(user: SessionUser): TokenListRow[] {
  return userTokens(db(), user.id);
}

export function liveCount(rows: readonly TokenListRow[], now = Date.now()): number {
  return rows.filter((r) => r.revokedAt === null && r.expiresAt.getTime() > now).length;
}

/** Creates the token; returns it (the only time it exists outside the client) and its row. */
export function issueToken(user: SessionUser, input: TokenInput, now = new Date()): { token: string; row: TokenListRow } {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const row = createToken(
    db(),
    user,
    { name: input.name, scope: input.scope, expiresAt: new Date(now.getTime() + Number(input.expiry) * DAY), tokenHash: hashToken(token), prefix: token.slice(0, TOKEN_PREFIX.length + 6) },
    now,
  );
  return { token, row };
}

export function revoke(user: SessionUser, tokenId: number): boolean {
  return revokeToken(db(), user, tokenId);
}
