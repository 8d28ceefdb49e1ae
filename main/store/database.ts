import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { ensurePrivateFile, PRIVATE_DIR_MODE, tightenDataDir } from './file-modes.ts';
import { LATEST_SCHEMA_VERSION, type Migration, migrations as allMigrations } from './migrations/index.ts';

export type Db = Database.Database;

export const DATABASE_FILE = 'wardflux.db';

export interface OpenedDatabase {
  db: Db;
  file: string;
  schemaVersion: number;
}

function sqliteCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : undefined;
}

/**
 * Creates the data directory (0700), or tightens an existing one of ours to 0700, and checks this
 * user can write it. Throws StorageError with what to do.
 */
export function prepareDataDir(dataDir: string, logger?: Logger): void {
  if (fs.existsSync(dataDir) && !fs.statSync(dataDir).isDirectory()) {
    throw new StorageError(`The data directory ${dataDir} is a file, not a directory. Choose another --data-dir.`);
  }
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
    tightenDataDir(dataDir, logger);
  } catch (err) {
    throw new StorageError(`Cannot create the data directory ${dataDir}: ${(err as Error).message}. Choose another --data-dir.`, err);
  }
  try {
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.R_OK);
  } catch (err) {
    throw new StorageError(`The data directory ${dataDir} is not writable by this user. Fix its permissions or choose another --data-dir.`, err);
  }
}

/** Applies the pending migrations, each in its own transaction together with the new user_version. */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations, logger?: Logger): number {
  const latest = migrations.at(-1)?.version ?? 0;
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latest) {
    throw new StorageError(
      `This database was written by a newer version of WARD FLUX (schema ${current}; this version knows up to ${latest}). ` +
        'Update WARD FLUX, or use another data directory.',
    );
  }
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      m.run?.(db);
      db.pragma(`user_version = ${m.version}`);
    })();
    logger?.info({ version: m.version, name: m.name }, 'applied database migration');
  }
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Opens (creating when needed) the one SQLite database in the data directory: WAL, foreign keys,
 * a busy timeout, and all migrations applied. Every way this can fail that a user can cause
 * comes back as a StorageError with a message saying what to do.
 */
export function openDatabase(dataDir: string, logger?: Logger): OpenedDatabase {
  prepareDataDir(dataDir, logger);
  const file = path.join(dataDir, DATABASE_FILE);
  let db: Db;
  try {
    // 0600 before SQLite opens it: the -wal and -shm files it creates take the main file's mode.
    ensurePrivateFile(file, logger, ['-wal', '-shm', '-journal']);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') throw new StorageError(`The database file ${file} cannot be written. Check its permissions and free disk space.`, err);
    throw new StorageError(`Cannot open the database ${file}: ${(err as Error).message}`, err);
  }
  try {
    db = new Database(file);
  } catch (err) {
    throw new StorageError(`Cannot open the database ${file}: ${(err as Error).message}`, err);
  }
  try {
    // The first statement reads the header: a file that is not SQLite fails here.
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('synchronous = NORMAL');
    const schemaVersion = migrate(db, allMigrations, logger);
    return { db, file, schemaVersion };
  } catch (err) {
    db.close();
    if (err instanceof StorageError) throw err;
    const code = sqliteCode(err);
    if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
      throw new StorageError(
        `The database file ${file} is damaged or is not a WARD FLUX database. Move it aside to start with an empty one, or restore a backup.`,
        err,
      );
    }
    if (code === 'SQLITE_READONLY' || code === 'SQLITE_CANTOPEN' || code === 'SQLITE_IOERR_WRITE') {
      throw new StorageError(`The database file ${file} cannot be written. Check its permissions and free disk space.`, err);
    }
    if (code === 'SQLITE_BUSY') {
      throw new StorageError(`The database file ${file} is locked by another process.`, err);
    }
    throw new StorageError(`Cannot open the database ${file}: ${(err as Error).message}`, err);
  }
}

export { LATEST_SCHEMA_VERSION };

/** True when an error is SQLite's unique-constraint violation (optionally on one column). */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  if (sqliteCode(err) !== 'SQLITE_CONSTRAINT_UNIQUE') return false;
  return column === undefined || (err as Error).message.includes(column);
}
