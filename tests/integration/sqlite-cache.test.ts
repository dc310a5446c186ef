/**
 * The web process's SQLite page caches stay small (docs/decisions/006-compiled-server.md): the
 * app's connection 4 MB and an export's read snapshot 2 MB, instead of the 16 MB per connection
 * better-sqlite3 builds SQLite with, which a million-flag export filled and kept.
 */
import { afterEach, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { closeAll, type Db } from "../../db/client";
import { openSnapshot } from "../../db/snapshot";
import { db } from "../../app/lib/db.server";
import { freshDb } from "../helpers/db";

const cacheSize = (d: Db) => d.$client.pragma("cache_size", { simple: true });

describe("SQLite page cache of the web process", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    closeAll();
    process.env.DATABASE_URL = saved;
  });

  it("the app's connection caps it at 4 MB, a snapshot at 2 MB; other connections keep the default", () => {
    const { db: other, path } = freshDb("sqlite-cache");
    process.env.DATABASE_URL = path;
    expect(cacheSize(db())).toBe(-4000);
    const snapshot = openSnapshot(db());
    try {
      expect(cacheSize(snapshot.db)).toBe(-2000);
    } finally {
      snapshot.close();
    }
    // A connection of its own (workers, scripts) is left as better-sqlite3 makes it.
    const plain = new Database(":memory:");
    expect(cacheSize(other)).toBe(plain.pragma("cache_size", { simple: true }));
    plain.close();
    other.$client.close();
  });
});
