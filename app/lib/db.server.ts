/**
 * The app's database handle. One process-wide connection to DATABASE_URL; tests that call
 * loaders/actions directly swap in their own SQLite file with `setDb`.
 */
import { getDb, databasePath, setPageCache, type Db } from "../../db/client";

let override: Db | null = null;
// 4 MB of SQLite page cache for the web process's connection, not better-sqlite3's 16 MB: a miss
// reads the page from the OS's file cache in microseconds, the dashboard pages measured no slower,
// and the process stays ~16 MB smaller once big reads have filled the cache
// (docs/decisions/006-compiled-server.md).
const PAGE_CACHE_KIB = 4000;
const capped = new WeakSet<Db>();

export function db(): Db {
  if (override) return override;
  const d = getDb(databasePath(process.env.DATABASE_URL));
  if (!capped.has(d)) {
    setPageCache(d, PAGE_CACHE_KIB);
    capped.add(d);
  }
  return d;
}

/** For tests: route every loader/action to this database (null restores the default). */
export function setDb(next: Db | null): void {
  override = next;
}

export type { Db };
