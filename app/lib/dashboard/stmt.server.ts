/**
 * Prepared statements cached per database handle and SQL text. Preparing is a measurable part of a
 * dashboard request (tens of statements per page); tests swap handles with setDb, hence the WeakMap.
 */
import type Database from "better-sqlite3";
import type { Db } from "../../../db/client";

const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let m = cache.get(db);
  if (!m) cache.set(db, (m = new Map()));
  let s = m.get(sql);
  if (!s) {
    if (m.size > 500) m.clear(); // dynamic filters build many variants: stay bounded
    s = db.$client.prepare(sql);
    m.set(sql, s);
  }
  return s;
}
