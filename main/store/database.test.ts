import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.ts';
import { StorageError } from '../errors.ts';
import { DATABASE_FILE, LATEST_SCHEMA_VERSION, migrate, openDatabase } from './database.ts';

const dirs: (() => void)[] = [];
function dataDir(): string {
  const t = tempDir();
  dirs.push(t.cleanup);
  return t.dir;
}
afterEach(() => dirs.splice(0).forEach((c) => c()));

describe('openDatabase', () => {
  it('creates the database with WAL, foreign keys, busy timeout and every migration', () => {
    const dir = dataDir();
    const { db, schemaVersion, file } = openDatabase(dir);
    expect(file).toBe(path.join(dir, DATABASE_FILE));
    expect(schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all().map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['devices', 'credentials', 'device_credentials', 'settings', 'api_tokens', 'meta']));
    db.close();
  });

  it('opens an existing database without re-applying migrations', () => {
    const dir = dataDir();
    openDatabase(dir).db.close();
    const again = openDatabase(dir);
    expect(again.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    again.db.close();
  });

  it('refuses a database written by a newer version, saying so', () => {
    const dir = dataDir();
    const db = new Database(path.join(dir, DATABASE_FILE));
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 5}`);
    db.close();
    expect(() => openDatabase(dir)).toThrowError(StorageError);
    expect(() => openDatabase(dir)).toThrowError(/newer version of WARD FLUX \(schema \d+; this version knows up to \d+\)/);
  });

  it('reports a file that is not a database as damaged, not as a stack trace', () => {
    const dir = dataDir();
    fs.writeFileSync(path.join(dir, DATABASE_FILE), Buffer.alloc(8192, 0x5a));
    expect(() => openDatabase(dir)).toThrowError(/is damaged or is not a WARD FLUX database/);
  });

  it('reports a data directory that cannot be created or written', () => {
    const dir = dataDir();
    const file = path.join(dir, 'a-file');
    fs.writeFileSync(file, 'x');
    // A regular file where a directory should be: fails even for root.
    expect(() => openDatabase(path.join(file, 'data'))).toThrowError(/Cannot create the data directory/);
    expect(() => openDatabase(file)).toThrowError(/is a file, not a directory/);
    if (process.getuid?.() !== 0) {
      // Root writes everywhere, so the permission case can only be shown as another user.
      const ro = path.join(dir, 'read-only');
      fs.mkdirSync(ro, { mode: 0o500 });
      expect(() => openDatabase(ro)).toThrowError(/is not writable by this user/);
    }
  });

  it('rolls back a failing migration with its version', () => {
    const db = new Database(':memory:');
    const ok = { version: 1, name: 'one', sql: 'CREATE TABLE a (x)' };
    const bad = { version: 2, name: 'two', sql: 'CREATE TABLE b (x); CREATE TABLE a (y)' };
    expect(() => migrate(db, [ok, bad])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'b'").get()).toEqual({ n: 0 });
    db.close();
  });
});
