/** Public verification: is this profile a registered official account, and of which entity? */
import { registeredOfficialAccount, type Account, type Entity } from "../../db/accounts";
import { db } from "./db.server";
import { parseProfileQuery } from "../../core/profile-url";
import { displayHandle } from "../../core/handles";
import { resemblance } from "../../db/read/impersonation";

export interface VerifyAnswer {
  query: string;
  registered: boolean;
  account?: Pick<Account, "platform" | "handle" | "class" | "status">;
  entity?: Pick<Entity, "slug" | "nameAr" | "nameEn">;
  /** Not registered, but marked impostor or scoring above the alert threshold: the official account it resembles. */
  resembles?: { platform: string; handle: string; entity: Pick<Entity, "slug" | "nameAr" | "nameEn"> };
}

export type VerifyOutcome = { ok: true; answer: VerifyAnswer } | { ok: false; query: string; reason: string };

export function verifyProfile(rawQuery: string): VerifyOutcome {
  const query = rawQuery.length > 200 ? `${rawQuery.slice(0, 200)}…` : rawQuery;
  const parsed = parseProfileQuery(rawQuery);
  if (!parsed.ok) return { ok: false, query, reason: parsed.reason };
  const platforms = parsed.platform ? [parsed.platform] : parsed.platforms;
  // Only registered, non-archived official accounts count as "registered official".
  const row = registeredOfficialAccount(db(), platforms, parsed.handle);
  if (!row) {
    const like = resemblance(db(), platforms, parsed.handle);
    const resembles = like?.imitatesHandle
      ? { platform: like.imitatesPlatform ?? like.platform, handle: displayHandle(like.imitatesPlatform ?? like.platform, like.imitatesHandle), entity: { slug: like.entitySlug, nameAr: like.entityNameAr, nameEn: like.entityNameEn } }
      : undefined;
    return { ok: true, answer: { query, registered: false, ...(resembles ? { resembles } : {}) } };
  }
  return {
    ok: true,
    answer: {
      query,
      registered: true,
      account: { platform: row.account.platform, handle: row.account.handle, class: row.account.class, status: row.account.status },
      entity: { slug: row.entity.slug, nameAr: row.entity.nameAr, nameEn: row.entity.nameEn },
    },
  };
}
