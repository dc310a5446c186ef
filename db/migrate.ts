/** Applies the committed drizzle migrations. Usable as a module (tests) and as a script. */
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { openDb, databasePath, type Db } from "./client";

export const MIGRATIONS_DIR = join(dirname(fileURLToPath(import.meta.url)), "migrations");

export function migrateDb(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const path = databasePath();
  const db = openDb(path);
  migrateDb(db);
  db.$client.close();
  console.log(`migrated ${path}`);
}
