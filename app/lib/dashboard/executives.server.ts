/** Executive accounts across the entities a user may see, with disclaimer and attestation state. */
import { z } from "zod";
import type { Db } from "../../../db/client";
import { entityChoices, type EntityChoice, type EntityRef } from "../../../db/read/entities";
import { executiveAccounts } from "../../../db/read/executives";
import { hasDisclaimer, ATTESTATION_MAX_DAYS } from "../../../core/governance";
import { badRequest } from "../http.server";

export const execFilterSchema = z
  .object({
    entity: z.string().max(80, "entity: too long").regex(/^[a-z0-9-]*$/, "entity: a slug is lower-case letters, digits and dashes").optional(),
    disclaimer: z.enum(["yes", "no"], { error: "disclaimer: expected yes or no" }).optional(),
    attestation: z.enum(["ok", "stale", "missing"], { error: "attestation: expected ok, stale or missing" }).optional(),
    flags: z.enum(["open"], { error: "flags: expected open" }).optional(),
  })
  .strict();
export type ExecFilters = z.infer<typeof execFilterSchema>;

export function parseExecFilters(url: URL): ExecFilters {
  if (url.search.length > 1000) badRequest("query string too long");
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") raw[k] = v;
  const p = execFilterSchema.safeParse(raw);
  if (!p.success) badRequest(p.error.issues.map((i) => (i.code === "unrecognized_keys" ? `unknown parameter(s): ${i.keys.join(", ")}` : i.message)).join("; "));
  return p.data;
}

export interface ExecRow {
  id: number;
  platform: string;
  handle: string;
  holderName: string | null;
  holderTitle: string | null;
  entity: EntityRef;
  official: { id: number; platform: string; handle: string } | null;
  disclaimer: boolean;
  managedBy: string | null;
  attestedAt: number | null;
  attestationDays: number | null;
  attestation: "ok" | "stale" | "missing";
  openFlags: number;
}

export function executives(db: Db, scope: number | null, f: ExecFilters, now: number): { rows: ExecRow[]; entities: EntityChoice[] } {
  let rows = executiveAccounts(db, { scope, slug: f.entity }).map((r): ExecRow => {
    const days = r.attestedAt === null ? null : Math.floor((now - r.attestedAt) / 86_400_000);
    return {
      id: r.id,
      platform: r.platform,
      handle: r.handle,
      holderName: r.holderName,
      holderTitle: r.holderTitle,
      entity: { id: r.entityId, slug: r.slug, nameAr: r.nameAr, nameEn: r.nameEn },
      official: r.officialId && r.officialPlatform && r.officialHandle !== null ? { id: r.officialId, platform: r.officialPlatform, handle: r.officialHandle } : null,
      disclaimer: hasDisclaimer(r.bio),
      managedBy: r.managedBy,
      attestedAt: r.attestedAt,
      attestationDays: days,
      attestation: days === null ? "missing" : days > ATTESTATION_MAX_DAYS ? "stale" : "ok",
      openFlags: r.openFlags,
    };
  });
  if (f.disclaimer) rows = rows.filter((r) => r.disclaimer === (f.disclaimer === "yes"));
  if (f.attestation) rows = rows.filter((r) => r.attestation === f.attestation);
  if (f.flags === "open") rows = rows.filter((r) => r.openFlags > 0);
  return { rows, entities: entityChoices(db, scope) };
}
