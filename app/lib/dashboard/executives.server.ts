/* eslint-disable @typescript-eslint/no-explicit-any -- untyped rows from raw SQL (better-sqlite3) */
/** Executive accounts across the entities a user may see, with disclaimer and attestation state. */
import type { Db } from "../../../db/client";
import { hasDisclaimer, ATTESTATION_MAX_DAYS } from "../../../core/governance";
import { z } from "zod";
import { badRequest } from "./review.server";

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
  if (url.search.length > 1000) throw badRequest("query string too long");
  const raw: Record<string, string> = {};
  for (const [k, v] of url.searchParams) if (v !== "") raw[k] = v;
  const p = execFilterSchema.safeParse(raw);
  if (!p.success) throw badRequest(p.error.issues.map((i) => (i.code === "unrecognized_keys" ? `unknown parameter(s): ${i.keys.join(", ")}` : i.message)).join("; "));
  return p.data;
}

export interface ExecRow {
  id: number;
  platform: string;
  handle: string;
  holderName: string | null;
  holderTitle: string | null;
  entity: { id: number; slug: string; nameAr: string; nameEn: string };
  official: { id: number; platform: string; handle: string } | null;
  disclaimer: boolean;
  managedBy: string | null;
  attestedAt: number | null;
  attestationDays: number | null;
  attestation: "ok" | "stale" | "missing";
  openFlags: number;
}

export function executives(db: Db, scope: number | null, f: ExecFilters, now: number): { rows: ExecRow[]; entities: { slug: string; nameAr: string; nameEn: string }[] } {
  const q = db.$client;
  const where = ["a.class = 'executive'", "a.registry_status != 'archived'"];
  const args: unknown[] = [];
  if (scope !== null) {
    where.push("a.entity_id = ?");
    args.push(scope);
  }
  if (f.entity) {
    where.push("e.slug = ?");
    args.push(f.entity);
  }
  const raw = q
    .prepare(
      `SELECT a.id, a.platform, a.handle, a.holder_name, a.holder_title, a.bio, a.managed_by, a.entity_id,
              e.slug, e.name_ar, e.name_en, o.id AS o_id, o.platform AS o_platform, o.handle AS o_handle,
              (SELECT attested_at FROM account_owners w WHERE w.account_id = a.id AND w.valid_to IS NULL ORDER BY w.valid_from DESC LIMIT 1) AS attested_at,
              (SELECT count(*) FROM flags fl WHERE fl.account_id = a.id AND fl.status = 'open') AS open_flags
         FROM accounts a JOIN entities e ON e.id = a.entity_id LEFT JOIN accounts o ON o.id = a.linked_official_account_id
        WHERE ${where.join(" AND ")} ORDER BY e.name_en, a.handle`,
    )
    .all(...args) as Record<string, any>[];
  let rows = raw.map((r): ExecRow => {
    const days = r.attested_at === null ? null : Math.floor((now - r.attested_at) / 86_400_000);
    return {
      id: r.id,
      platform: r.platform,
      handle: r.handle,
      holderName: r.holder_name,
      holderTitle: r.holder_title,
      entity: { id: r.entity_id, slug: r.slug, nameAr: r.name_ar, nameEn: r.name_en },
      official: r.o_id ? { id: r.o_id, platform: r.o_platform, handle: r.o_handle } : null,
      disclaimer: hasDisclaimer(r.bio),
      managedBy: r.managed_by,
      attestedAt: r.attested_at,
      attestationDays: days,
      attestation: days === null ? "missing" : days > ATTESTATION_MAX_DAYS ? "stale" : "ok",
      openFlags: r.open_flags,
    };
  });
  if (f.disclaimer) rows = rows.filter((r) => r.disclaimer === (f.disclaimer === "yes"));
  if (f.attestation) rows = rows.filter((r) => r.attestation === f.attestation);
  if (f.flags === "open") rows = rows.filter((r) => r.openFlags > 0);
  const entities = (scope === null ? q.prepare(`SELECT slug, name_ar AS nameAr, name_en AS nameEn FROM entities ORDER BY name_en`).all() : q.prepare(`SELECT slug, name_ar AS nameAr, name_en AS nameEn FROM entities WHERE id = ?`).all(scope)) as {
    slug: string;
    nameAr: string;
    nameEn: string;
  }[];
  return { rows, entities };
}
