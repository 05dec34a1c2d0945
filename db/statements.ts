/** Statements prepared once per connection and kept (for the hot paths: search, imports). */
import type Database from 'better-sqlite3';
import type { Db } from './open';

type Statement = Database.Statement<unknown[]>;
const caches = new WeakMap<Db, Map<string, Statement>>();

export function prepared(db: Db, sql: string): Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let stmt = cache.get(sql);
  if (!stmt) {
    stmt = db.prepare(sql);
    cache.set(sql, stmt);
  }
  return stmt;
}
