/**
 * The app's database handle. One process-wide connection to DATABASE_URL; tests that call
 * loaders/actions directly swap in their own SQLite file with `setDb`.
 */
import { getDb, databasePath, type Db } from "../../db/client";

let override: Db | null = null;

export function db(): Db {
  return override ?? getDb(databasePath(process.env.DATABASE_URL));
}

/** For tests: route every loader/action to this database (null restores the default). */
export function setDb(next: Db | null): void {
  override = next;
}

export type { Db };
