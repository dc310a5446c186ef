/**
 * The alert settings' request helpers: the notification preferences form, and webhook
 * registration (URL checked by the outbound guard, secret generated, shown once, stored sealed).
 */
import { z } from "zod";
import { config } from "../../core/config";
import { isCsb, type SessionUser } from "../../core/access";
import type { NotificationPrefs } from "../../core/alerts/prefs";
import { newHookSecret } from "../../core/alerts/webhook";
import { sealJson, sealKeyFromEnv, SealKeyError } from "../../core/seal";
import { checkPostUrl, postPolicyFromEnv } from "../../connectors/guarded-post";
import type { RefusalReason } from "../../connectors/net-guard";
import { createHook } from "../../db/alerts/hooks";
import { allEntityRefs } from "../../db/read/entities";
import { db } from "./db.server";

// ---- preferences -------------------------------------------------------------------------------

const checkbox = z.union([z.literal("on"), z.literal("1"), z.literal("true")]).optional().transform((v) => v !== undefined);

const prefsForm = z.object({
  immediate: checkbox,
  digest: checkbox,
  weeklyReport: checkbox,
  scope: z.enum(["all", "chosen"]).default("all"),
  entity: z.array(z.string().regex(/^[a-z0-9-]{1,100}$/)).max(200).default([]),
});

export type PrefsFormResult = { ok: true; prefs: NotificationPrefs } | { ok: false; error: "chooseEntity" | "unknownEntity" };

/** The settings form as preferences: entity roles follow their own entity; CSB roles all or chosen ones. */
export function parsePrefsForm(user: SessionUser, form: FormData): PrefsFormResult {
  const parsed = prefsForm.safeParse({
    immediate: form.get("immediate") ?? undefined,
    digest: form.get("digest") ?? undefined,
    weeklyReport: form.get("weeklyReport") ?? undefined,
    scope: form.get("scope") ?? undefined,
    entity: form.getAll("entity").map(String),
  });
  if (!parsed.success) return { ok: false, error: "unknownEntity" };
  const p = parsed.data;
  const base = { immediate: p.immediate, digest: p.digest, weeklyReport: p.weeklyReport };
  if (!isCsb(user)) return { ok: true, prefs: { ...base, allEntities: true, entityIds: [] } };
  if (p.scope === "all") return { ok: true, prefs: { ...base, allEntities: true, entityIds: [] } };
  const bySlug = new Map(allEntityRefs(db()).map((e) => [e.slug, e.id]));
  const ids = p.entity.map((s) => bySlug.get(s));
  if (ids.some((id) => id === undefined)) return { ok: false, error: "unknownEntity" };
  if (!ids.length) return { ok: false, error: "chooseEntity" };
  return { ok: true, prefs: { ...base, allEntities: false, entityIds: ids as number[] } };
}

/** Whether this web process knows of a mail server (the workers read the same variable). */
export const smtpConfigured = (): boolean => Boolean(config().SMTP_URL);

// ---- webhooks ----------------------------------------------------------------------------------

/** Whose hooks a user manages: a director their entity's, csb_admin the global ones; others none. */
export function hookScopeOf(user: SessionUser): { entityId: number | null } | null {
  if (user.role === "csb_admin") return { entityId: null };
  if (user.role === "entity_director" && user.entityId !== null) return { entityId: user.entityId };
  return null;
}

const hookForm = z.object({
  url: z.string().trim().min(1, "url").max(2000, "tooLong"),
  description: z.string().trim().max(200, "description").optional(),
});

export type RegisterResult =
  | { ok: true; id: number; secret: string }
  | { ok: false; error: "url" | "tooLong" | "description" | "noKey" }
  | { ok: false; error: "refused"; reason: RefusalReason; message: string };

/** Whether hook secrets can be sealed here (AMANAH_CREDENTIALS_KEY is set and valid). */
export function sealKeyAvailable(): boolean {
  try {
    sealKeyFromEnv();
    return true;
  } catch {
    return false;
  }
}

/**
 * Registers a hook: the URL must pass the outbound guard now (scheme, port, every address the
 * host resolves to) as it will at each delivery; the secret is returned once and stored sealed.
 */
export async function registerHook(user: SessionUser, scope: { entityId: number | null }, form: FormData): Promise<RegisterResult> {
  const parsed = hookForm.safeParse({ url: form.get("url") ?? "", description: form.get("description") || undefined });
  if (!parsed.success) return { ok: false, error: (parsed.error.issues[0]?.message as "url" | "tooLong" | "description") ?? "url" };
  const check = await checkPostUrl(parsed.data.url, postPolicyFromEnv("WEBHOOK"));
  if (!check.ok) return { ok: false, error: "refused", reason: check.reason, message: check.message };
  let key: Buffer;
  try {
    key = sealKeyFromEnv();
  } catch (e) {
    if (e instanceof SealKeyError) return { ok: false, error: "noKey" };
    throw e;
  }
  const secret = newHookSecret();
  const id = createHook(db(), user, { entityId: scope.entityId, url: check.url.toString(), description: parsed.data.description ?? null, secretSealed: sealJson({ secret }, key) });
  return { ok: true, id, secret };
}
