/** Opens SQLite with WAL, foreign keys and a busy timeout; one connection per process per file. */
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export function databasePath(url = process.env.DATABASE_URL ?? "data/amanah.db"): string {
  return url.startsWith("file:") ? url.slice("file:".length) : url;
}

export function openSqlite(path = databasePath()): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

/**
 * Caps SQLite's page cache of a connection (KiB). better-sqlite3 builds SQLite with 16 MB per
 * connection, kept as long as the connection lives once a large read has filled it.
 */
export function setPageCache(db: Db | Database.Database, kib: number): void {
  const sqlite = "$client" in db ? db.$client : db;
  sqlite.pragma(`cache_size = -${Math.max(1, Math.trunc(kib))}`);
}

export function openDb(path = databasePath()): Db {
  return drizzle(openSqlite(path), { schema }) as Db;
}

/** Closes a handle from openDb (commands and benches end with this). */
export function closeDb(db: Db): void {
  db.$client.close();
}

/**
 * The file behind a handle, absolute, for a process that opens its own connection to the same
 * database (the workers' sandboxed processors). An in-memory database cannot be shared: an error.
 */
export function databaseFile(db: Db): string {
  if (db.$client.memory) throw new Error("an in-memory database cannot be opened by another process; use a database file");
  return resolve(db.$client.name);
}

const cache = new Map<string, Db>();
/** Process-wide handle for the configured database (the app and workers share this). */
export function getDb(path = databasePath()): Db {
  let db = cache.get(path);
  if (!db) {
    db = openDb(path);
    cache.set(path, db);
  }
  return db;
}

export function closeAll(): void {
  for (const db of cache.values()) db.$client.close();
  cache.clear();
}
