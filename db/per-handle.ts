/**
 * One value (typically prepared statements) per database handle. Preparing on every request shows
 * in profiles, and tests swap handles (setDb, one file per test): hence a WeakMap, not a global.
 */
import type { Db } from "./client";

export function perHandle<T>(build: (db: Db) => T): (db: Db) => T {
  const cache = new WeakMap<Db, T>();
  return (db) => {
    let value = cache.get(db);
    if (value === undefined) cache.set(db, (value = build(db)));
    return value;
  };
}
