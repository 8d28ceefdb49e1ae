import Database from 'better-sqlite3';
import { type Db, migrate } from '../store/database.ts';

/** An in-memory database with every migration applied: for unit tests of the store. */
export function memoryDb(): Db {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}
