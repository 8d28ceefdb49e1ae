/**
 * One engine per data directory. Two hosts on one data dir would both poll every device and
 * both deliver the outbox (double notifications, double pushes); so the hosts (`wardflux serve`,
 * the desktop app) and the CLI commands that run jobs or background work hold this lock for as
 * long as their engine is open. Read-only commands (lists, reports) do not take it and keep
 * working beside a running host.
 *
 * How: a second SQLite connection, on its own small file `engine.lock.db`, holds a
 * `BEGIN EXCLUSIVE` transaction open. SQLite takes it with an fcntl (POSIX advisory) lock, which
 * the kernel drops when the process dies, however it dies (crash, SIGKILL, power cut): there is
 * never a stale lock to clean up, and a reused PID proves nothing either way. Chosen over
 *  - a PID file opened O_EXCL: a crash leaves it behind, and "is that PID alive" is fooled by
 *    zombies and reused PIDs (the very bug of stuck discovery jobs);
 *  - flock(2): Node has no binding for it, and a native addon just for that is a dependency to
 *    build; better-sqlite3 is already one, and SQLite's unix VFS keeps fcntl locks right between
 *    connections of one process (fcntl locks belong to the process: closing any descriptor of
 *    the file would drop them, which SQLite works around), so two engines in one process (tests)
 *    exclude each other too.
 * The locked database cannot be read by anyone else, so the holder's PID, instance id and start
 * time go in `engine.lock.json` beside it, written right after the lock is taken. That file is
 * believed only while the lock is held: one left behind by a crash is never read as a live holder.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import { AppError, StorageError } from '../errors.ts';
import type { Logger } from '../lib/logger.ts';
import { prepareDataDir } from './database.ts';
import { ensurePrivateFile, PRIVATE_FILE_MODE } from './file-modes.ts';

export const LOCK_FILE = 'engine.lock.db';

/** Connections holding a lock, until released (see acquireEngineLock). */
const heldLocks = new Set<Database.Database>();
export const HOLDER_FILE = 'engine.lock.json';

/** Who holds a data directory's lock. `instanceId` names the engine instance (owner of its jobs). */
export interface EngineLockHolder {
  pid: number;
  instanceId: string;
  startedAt: number;
}

const HolderFile = z.object({ pid: z.number().int().positive(), instanceId: z.string().min(1), startedAt: z.number() });

/** The data directory's lock, held until `release()` (or the process's end). */
export interface EngineLock {
  readonly dataDir: string;
  readonly holder: EngineLockHolder;
  /** Gives the lock up; safe to call twice. */
  release(): void;
}

/** Another engine holds the data directory. `holder` is null only if its holder file is unreadable. */
export class EngineLockedError extends AppError {
  readonly holder: EngineLockHolder | null;

  constructor(dataDir: string, holder: EngineLockHolder | null) {
    super('unavailable', `Another WARD FLUX engine (${holder ? `PID ${holder.pid}` : 'PID unknown'}) is using ${dataDir}; stop it first or use another --data-dir.`);
    this.holder = holder;
  }
}

const isBusy = (err: unknown): boolean => typeof err === 'object' && err !== null && 'code' in err && String((err as { code: unknown }).code).startsWith('SQLITE_BUSY');

function readHolderFile(dataDir: string): EngineLockHolder | null {
  try {
    const parsed = HolderFile.safeParse(JSON.parse(fs.readFileSync(path.join(dataDir, HOLDER_FILE), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeHolderFile(dataDir: string, holder: EngineLockHolder): void {
  const file = path.join(dataDir, HOLDER_FILE);
  const tmp = `${file}.${holder.instanceId}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(holder)}\n`, { mode: PRIVATE_FILE_MODE });
  fs.renameSync(tmp, file);
}

/**
 * Takes the data directory's lock, creating the directory (0700) if needed, or throws
 * EngineLockedError naming the holder's PID. `waitMs` (default 0.5 s) rides out a read-only command
 * that is checking the lock at that very moment. The holder gets a fresh random instance id.
 */
export function acquireEngineLock(dataDir: string, options: { waitMs?: number; logger?: Logger } = {}): EngineLock {
  prepareDataDir(dataDir, options.logger);
  const file = path.join(dataDir, LOCK_FILE);
  let db: Database.Database;
  try {
    ensurePrivateFile(file, options.logger, ['-journal']);
    db = new Database(file, { timeout: options.waitMs ?? 500 });
  } catch (err) {
    throw new StorageError(`Cannot open the lock file ${file}: ${(err as Error).message}`, err);
  }
  try {
    // No write ever follows: the file stays empty and no journal is created.
    db.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    db.close();
    if (isBusy(err)) throw new EngineLockedError(dataDir, readHolderFile(dataDir));
    throw new StorageError(`Cannot lock ${file}: ${(err as Error).message}`, err);
  }
  const holder: EngineLockHolder = { pid: process.pid, instanceId: crypto.randomUUID(), startedAt: Date.now() };
  try {
    writeHolderFile(dataDir, holder);
  } catch (err) {
    db.close();
    throw new StorageError(`Cannot write ${path.join(dataDir, HOLDER_FILE)}: ${(err as Error).message}`, err);
  }
  options.logger?.debug({ dataDir, instanceId: holder.instanceId }, 'holding the data directory lock');
  // The connection holds the lock: kept reachable here until release(), so a caller that drops
  // the returned object does not lose the lock when the garbage collector closes the connection.
  heldLocks.add(db);
  let held = true;
  return {
    dataDir,
    holder,
    release() {
      if (!held) return;
      held = false;
      // The holder file goes first: once the lock is free, a new holder writes its own.
      if (readHolderFile(dataDir)?.instanceId === holder.instanceId) fs.rmSync(path.join(dataDir, HOLDER_FILE), { force: true });
      heldLocks.delete(db);
      db.close();
    },
  };
}

/**
 * Whether some engine holds the data directory's lock now, and who (holder null: held, but its
 * holder file cannot be read). Takes a shared lock for an instant and never waits.
 */
export function readEngineLockHolder(dataDir: string): { locked: false } | { locked: true; holder: EngineLockHolder | null } {
  const file = path.join(dataDir, LOCK_FILE);
  if (!fs.existsSync(file)) return { locked: false };
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 0 });
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return { locked: false };
  } catch (err) {
    if (isBusy(err)) return { locked: true, holder: readHolderFile(dataDir) };
    throw new StorageError(`Cannot read the lock file ${file}: ${(err as Error).message}`, err);
  } finally {
    db?.close();
  }
}
