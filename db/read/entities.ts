/** Entities as the screens name them: for filters, headers and links. */
import type { Db } from "../client";
import { placeholders, prepared } from "./prepared";

export interface EntityName {
  nameAr: string;
  nameEn: string;
}

export interface EntityRef extends EntityName {
  id: number;
  slug: string;
}

/** An entity as a filter offers it. */
export type EntityChoice = Pick<EntityRef, "slug" | "nameAr" | "nameEn">;

export function entityName(db: Db, id: number): EntityName | undefined {
  return prepared<[number], EntityName>(db, `SELECT name_ar AS nameAr, name_en AS nameEn FROM entities WHERE id = ?`).get(id);
}

export function entitySlug(db: Db, id: number): string | undefined {
  return prepared<[number], { slug: string }>(db, `SELECT slug FROM entities WHERE id = ?`).get(id)?.slug;
}

/** Every entity (no order). */
export function allEntityRefs(db: Db): EntityRef[] {
  return prepared<[], EntityRef>(db, `SELECT id, slug, name_ar AS nameAr, name_en AS nameEn FROM entities`).all();
}

/** An entity with its official email domains (JSON text). */
export function entityWithDomains(db: Db, id: number): (EntityRef & { emailDomains: string }) | undefined {
  return prepared<[number], EntityRef & { emailDomains: string }>(
    db,
    `SELECT id, slug, name_ar AS nameAr, name_en AS nameEn, email_domains AS emailDomains FROM entities WHERE id = ?`,
  ).get(id);
}

/** Ids of the entities with these slugs (unknown slugs are left out). */
export function entityIdsBySlugs(db: Db, slugs: readonly string[]): number[] {
  return prepared<string[], number>(db, `SELECT id FROM entities WHERE slug IN (${placeholders(slugs.length)})`).pluck().all(...slugs);
}

/** The entities a filter offers: all (by English name) when `scope` is null, else that one. */
export function entityChoices(db: Db, scope: number | null): EntityChoice[] {
  return scope === null
    ? prepared<[], EntityChoice>(db, `SELECT slug, name_ar AS nameAr, name_en AS nameEn FROM entities ORDER BY name_en`).all()
    : prepared<[number], EntityChoice>(db, `SELECT slug, name_ar AS nameAr, name_en AS nameEn FROM entities WHERE id = ?`).all(scope);
}
