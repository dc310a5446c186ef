/**
 * Prepared statements cached per database handle and SQL text. Preparing is a measurable part of a
 * dashboard request (tens of statements per page); tests swap handles, hence the WeakMap.
 * Each call site names its parameters and row type once: `prepared<[number], Row>(db, sql)`.
 * `pluck()` and `raw()` change the shared statement: a SQL text that uses them does so everywhere.
 */
import type Database from "better-sqlite3";
import type { Db } from "../client";
import { perHandle } from "../per-handle";

/** Positional parameters (a tuple) or one object of named parameters. */
type Params = unknown[] | Record<string, unknown>;

const statementsOf = perHandle((): Map<string, Database.Statement> => new Map());

export function prepared<P extends Params = [], R = unknown>(db: Db, sql: string): Database.Statement<P, R> {
  const m = statementsOf(db);
  let s = m.get(sql);
  if (!s) {
    if (m.size > 500) m.clear(); // dynamic filters build many variants: stay bounded
    s = db.$client.prepare(sql);
    m.set(sql, s);
  }
  // The statement is untyped at run time; the caller's parameter and row types describe its SQL.
  return s as unknown as Database.Statement<P, R>;
}

/** `?, ?, ?` for an IN list of `n` bound values. */
export const placeholders = (n: number): string => Array.from({ length: n }, () => "?").join(",");
