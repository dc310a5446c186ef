/**
 * SQLite's data version: it changes when any connection commits to the file. Screens and the page
 * cache reuse what they computed while it stays the same.
 */
import Database from "better-sqlite3";
import type { Db } from "./client";
import { prepared } from "./read/prepared";

/**
 * This handle's view of the data: `PRAGMA data_version` moves with commits by other connections
 * (workers), `total_changes()` with writes through this one.
 */
export function dataVersion(db: Db): string {
  return `${prepared<[], number>(db, `PRAGMA data_version`).pluck().get()}:${prepared<[], number>(db, `SELECT total_changes()`).pluck().get()}`;
}

export interface DataVersionWatcher {
  /** Changes after every commit to the file by any connection (this one never writes). */
  version(): number;
  close(): void;
}

/** Watches a database file from a read-only connection of its own, so every other connection's commit shows. */
export function watchDataVersion(file: string): DataVersionWatcher {
  const watcher = new Database(file, { readonly: true, fileMustExist: true });
  const stmt = watcher.prepare<[], number>("PRAGMA data_version").pluck();
  return {
    version: () => stmt.get() ?? 0,
    close: () => watcher.close(),
  };
}
