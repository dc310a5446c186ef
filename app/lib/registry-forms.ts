/**
 * Zod schemas for the registry forms (account create/edit, ownership). Pure, so the same rules
 * run in the action and in unit tests. Field errors are i18n keys in the `registry` namespace.
 */
import { z } from "zod";
import { ACCOUNT_CLASSES, CREDENTIAL_CUSTODY, PLATFORMS, REGISTRY_STATUSES, TWO_FACTOR } from "../../core/enums";
import { canonicalHandle } from "../../core/handles";
import { hasBidiControl } from "../../core/bidi";

const optText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "errors.tooLong")
    .refine((s) => !hasBidiControl(s), "errors.bidi")
    .transform((s) => (s === "" ? null : s))
    .nullable()
    .optional()
    .transform((s) => s ?? null);

const optEmail = z
  .string()
  .trim()
  .max(254, "errors.tooLong")
  .transform((s) => s.toLowerCase())
  .refine((s) => s === "" || z.email().safeParse(s).success, "errors.email")
  .transform((s) => (s === "" ? null : s))
  .nullable()
  .optional()
  .transform((s) => s ?? null);

export const AccountForm = z
  .object({
    platform: z.enum(PLATFORMS, { error: "errors.platform" }),
    handle: z.string({ error: "errors.handle" }).trim().min(1, "errors.required").max(300, "errors.tooLong"),
    class: z.enum(ACCOUNT_CLASSES, { error: "errors.class" }),
    holderName: optText(200),
    holderTitle: optText(200),
    managedBy: optText(200),
    handoverPlan: optText(2000),
    registryStatus: z.enum(REGISTRY_STATUSES, { error: "errors.registryStatus" }).default("registered"),
    // A checkbox: present ("on") or absent.
    verificationRequested: z.string().optional().transform((v) => v === "on" || v === "true" || v === "1"),
  })
  .transform((v, ctx) => {
    const handle = canonicalHandle(v.platform, v.handle);
    if (!handle) {
      ctx.addIssue({ code: "custom", path: ["handle"], message: "errors.handle" });
      return z.NEVER;
    }
    if (v.class !== "official" && !v.holderName) {
      ctx.addIssue({ code: "custom", path: ["holderName"], message: "errors.holderRequired" });
      return z.NEVER;
    }
    return { ...v, handle };
  });
export type AccountInput = z.output<typeof AccountForm>;

export const OwnershipForm = z.object({
  custodianName: optText(200),
  custodianEmail: optEmail,
  backupName: optText(200),
  backupEmail: optEmail,
  credentialCustody: z.enum(CREDENTIAL_CUSTODY, { error: "errors.choice" }),
  twoFactor: z.enum(TWO_FACTOR, { error: "errors.choice" }),
  recoveryContact: optText(254),
  note: optText(1000),
});
export type OwnershipInput = z.output<typeof OwnershipForm>;

export type FieldErrors = Record<string, string>;

/** First error per field, as i18n keys. */
export function fieldErrors(error: z.ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "_form");
    if (!out[key]) out[key] = issue.message.startsWith("errors.") ? issue.message : "errors.invalid";
  }
  return out;
}

/** FormData → plain object of strings (files and repeated keys ignored). */
export function formObject(form: FormData): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of form.entries()) if (typeof v === "string" && !(k in out)) out[k] = v;
  return out;
}
