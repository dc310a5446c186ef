/** A real, migrated SQLite file per test (under .data/test), optionally seeded with the demo world. */
import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { openDb, type Db } from "../../db/client";
import { migrateDb } from "../../db/migrate";
import { seedDb } from "../../db/seed";

export function tempDbPath(name = "t"): string {
  mkdirSync(".data/test", { recursive: true });
  return `.data/test/${name}-${process.pid}-${randomUUID().slice(0, 8)}.db`;
}

export function freshDb(name?: string): { db: Db; path: string } {
  const path = tempDbPath(name);
  const db = openDb(path);
  migrateDb(db);
  return { db, path };
}

export async function seededDb(name?: string): Promise<{ db: Db; path: string }> {
  const t = freshDb(name);
  await seedDb(t.db);
  return t;
}
