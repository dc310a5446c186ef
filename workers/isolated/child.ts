/**
 * What every isolated processor's child process shares: its own connection to the workers'
 * database, and an exit when the workers' process is gone (a SIGKILLed parent leaves its children
 * behind; one holding Chromium would otherwise live on with nobody to report to).
 */
import { databasePath, getDb, type Db } from "../../db/client";

process.once("disconnect", () => process.exit(1));

export function isolatedDb(): Db {
  const url = process.env.DATABASE_URL;
  // The parent sets it (../isolation.ts); a default here would quietly write to another database.
  if (!url) throw new Error("DATABASE_URL is not set: isolated processors run in a child process the workers start");
  return getDb(databasePath(url));
}
