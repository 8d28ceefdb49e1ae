/**
 * Permissions of what the engine keeps in the data directory: the directory 0700, the database
 * and its sidecar files 0600 (the design's Storage section). The database holds encrypted
 * secrets, token hashes, the audit log and the whole inventory of a customer's network: nobody
 * but its owner has any business reading it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../lib/logger.ts';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

const octal = (mode: number): string => (mode & 0o7777).toString(8).padStart(4, '0');
const ownedByMe = (st: fs.Stats): boolean => process.getuid === undefined || st.uid === process.getuid();

/**
 * Tightens an existing data directory that group or others can enter to 0700, when it is ours to
 * tighten: owned by this user, not a shared sticky directory (/tmp), not the home directory or a
 * filesystem root (a `--data-dir ~` must not lock the user's other programs out of $HOME). Else it
 * only warns: the files inside are 0600 anyway.
 */
export function tightenDataDir(dir: string, logger?: Logger): void {
  if (process.platform === 'win32') return;
  const st = fs.statSync(dir);
  if ((st.mode & 0o077) === 0) return;
  const resolved = path.resolve(dir);
  const shared = (st.mode & 0o1000) !== 0 || resolved === path.parse(resolved).root || resolved === path.resolve(os.homedir());
  if (!ownedByMe(st) || shared) {
    logger?.warn({ dataDir: dir, mode: octal(st.mode) }, 'the data directory can be listed by other users; its files are private (0600), but prefer a data directory of its own');
    return;
  }
  try {
    fs.chmodSync(dir, PRIVATE_DIR_MODE);
    logger?.info({ dataDir: dir, from: octal(st.mode), to: octal(PRIVATE_DIR_MODE) }, 'tightened the permissions of the data directory');
  } catch (err) {
    logger?.warn({ err, dataDir: dir, mode: octal(st.mode) }, 'cannot tighten the permissions of the data directory');
  }
}

/** Makes an existing file of ours 0600 if group or others can read it (a file from an older version, or copied in). */
function tightenFile(file: string, logger?: Logger): void {
  if (process.platform === 'win32') return;
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return;
  }
  if (!st.isFile() || (st.mode & 0o077) === 0 || !ownedByMe(st)) return;
  fs.chmodSync(file, PRIVATE_FILE_MODE);
  logger?.info({ file, from: octal(st.mode), to: octal(PRIVATE_FILE_MODE) }, 'tightened the permissions of a data file');
}

/**
 * Creates `file` empty with mode 0600 when it does not exist, else tightens it. SQLite then
 * creates the database's -wal, -shm and -journal files with the main file's permission bits, so
 * they come out 0600 too; copies of them left with wider modes are tightened here as well.
 */
export function ensurePrivateFile(file: string, logger?: Logger, sidecars: readonly string[] = []): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  for (const f of [file, ...sidecars.map((s) => file + s)]) tightenFile(f, logger);
}
