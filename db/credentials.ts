/**
 * Platform credentials at rest: sealed with AES-256-GCM (connectors/credentials.ts) before they
 * reach the database, opened only in worker and CLI processes that hold AMANAH_CREDENTIALS_KEY.
 * The audit log records which fields changed, never their values.
 */
import { and, desc, eq } from "drizzle-orm";
import { z } from "zod";
import { writeAudit } from "./audit";
import { describeCredentials, openCredentials, sealCredentials, type PlatformCredentials } from "../connectors/credentials";
import type { Db } from "./client";
import { platformCredentials } from "./schema";
import { PLATFORMS, type Platform } from "../core/enums";

export const credentialsSchema = z
  .object({
    bearerToken: z.string().min(1).optional(),
    userToken: z.string().min(1).optional(),
    accessToken: z.string().min(1).optional(),
    igUserId: z.string().regex(/^\d+$/, "must be the numeric Instagram user id").optional(),
    apiKey: z.string().min(1).optional(),
  })
  .strict();

export function storeCredentials(
  db: Db,
  input: { platform: Platform; label?: string; credentials: PlatformCredentials; key: Buffer | string; actor: string },
): { id: number; created: boolean } {
  const creds = credentialsSchema.parse(input.credentials);
  const label = input.label ?? "default";
  const sealed = sealCredentials(creds, input.key);
  return db.transaction((tx) => {
    const existing = tx
      .select({ id: platformCredentials.id })
      .from(platformCredentials)
      .where(and(eq(platformCredentials.platform, input.platform), eq(platformCredentials.label, label)))
      .get();
    const now = new Date();
    const id = existing
      ? (tx.update(platformCredentials).set({ sealed, updatedAt: now }).where(eq(platformCredentials.id, existing.id)).run(), existing.id)
      : tx.insert(platformCredentials).values({ platform: input.platform, label, sealed, createdAt: now }).returning({ id: platformCredentials.id }).get().id;
    writeAudit(tx, {
      user: input.actor,
      action: existing ? "credentials.update" : "credentials.create",
      targetType: "platform_credentials",
      targetId: id,
      after: { platform: input.platform, label, fields: describeCredentials(creds) },
    });
    return { id, created: !existing };
  });
}

/** The newest stored credentials per platform, opened with the key (throws on a wrong key or tampering). */
export function loadCredentials(db: Db, key: Buffer | string): Partial<Record<Platform, PlatformCredentials>> {
  const out: Partial<Record<Platform, PlatformCredentials>> = {};
  const rows = db.select().from(platformCredentials).orderBy(desc(platformCredentials.updatedAt), desc(platformCredentials.id)).all();
  for (const row of rows) {
    if (!(PLATFORMS as readonly string[]).includes(row.platform) || out[row.platform]) continue;
    out[row.platform] = openCredentials(row.sealed, key);
  }
  return out;
}

/** What is stored, for listing: platform, label, which fields are set — no secret values. */
export function listCredentials(db: Db, key: Buffer | string): { platform: Platform; label: string; fields: string; updatedAt: Date }[] {
  return db
    .select()
    .from(platformCredentials)
    .all()
    .map((r) => ({ platform: r.platform, label: r.label, fields: describeCredentials(openCredentials(r.sealed, key)), updatedAt: r.updatedAt ?? r.createdAt }));
}
