/**
 * A read snapshot on a connection of its own, for long streamed reads (exports).
 *
 * better-sqlite3 runs one statement at a time per connection: an export that iterates a million
 * rows while it waits for a slow client would block every other request of the process on the
 * shared connection. A snapshot opens a read-only connection to the same file and starts a read
 * transaction, so everything it reads comes from one consistent state of the database (WAL keeps
 * that state for it while writers carry on), even when the same rows are read twice (the records
 * export hashes its files first and streams them after). Close it when done: an open snapshot
 * keeps the WAL from being checkpointed past it.
 */
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { databaseFile, setPageCache, type Db } from "./client";
import * as schema from "./schema";

export interface Snapshot {
  db: Db;
  /** Ends the read transaction and closes the connection (idempotent). */
  close(): void;
}

export function openSnapshot(main: Db): Snapshot {
  const sqlite = new Database(databaseFile(main), { readonly: true, fileMustExist: true });
  sqlite.pragma("busy_timeout = 5000");
  // A streamed read visits each page about once: a large cache would only hold pages it is done
  // with (16 MB of them on a million-flag export).
  setPageCache(sqlite, 2000);
  sqlite.exec("BEGIN");
  // In WAL mode the snapshot is taken at the first read of the transaction: take it now.
  sqlite.prepare("SELECT count(*) FROM sqlite_master").get();
  let open = true;
  return {
    db: drizzle(sqlite, { schema }) as Db,
    close() {
      if (!open) return;
      open = false;
      try {
        if (sqlite.inTransaction) sqlite.exec("COMMIT");
      } finally {
        sqlite.close();
      }
    },
  };
}
