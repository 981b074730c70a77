import type Database from 'better-sqlite3';
import type { Connection } from './connection';

const cache = new WeakMap<Connection, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per connection. */
export function statement(db: Connection, sql: string): Database.Statement {
  let statements = cache.get(db);
  if (!statements) {
    statements = new Map();
    cache.set(db, statements);
  }
  let prepared = statements.get(sql);
  if (!prepared) {
    prepared = db.prepare(sql);
    statements.set(sql, prepared);
  }
  return prepared;
}
