import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../test/support/temp-dir.ts';
import { createEngine } from '../engine.ts';
import { headlessSecrets, KEY_FILE } from '../secrets/headless-secrets.ts';
import { DATABASE_FILE } from './database.ts';
import { HOLDER_FILE, LOCK_FILE } from './engine-lock.ts';

const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const modeOf = (file: string): string => (fs.statSync(file).mode & 0o7777).toString(8);

let writes = 0;

/** An engine as `serve` opens it: exclusive, with the headless key file in the data dir. */
async function openEngine(dir: string) {
  const engine = await createEngine({ dataDir: dir, secrets: headlessSecrets(dir, {}), pollers: false, exclusive: true });
  cleanups.push(() => engine.stop());
  // A write: with WAL on, -wal and -shm exist from here until the clean close.
  writes++;
  expect(await engine.api.call('devices.create', { name: `r${writes}`, address: `198.18.0.${writes}` })).toMatchObject({ ok: true });
  return engine;
}

describe.runIf(process.platform !== 'win32')('data directory permissions', () => {
  it('creates the data dir 0700 and the database, its WAL and SHM, the key and lock files 0600, whatever the umask', async () => {
    const parent = tempDir();
    cleanups.push(parent.cleanup);
    const dir = path.join(parent.dir, 'wardflux');
    // The most permissive umask: nothing but the engine's own modes keeps others out.
    const umask = process.umask(0);
    cleanups.push(() => void process.umask(umask));
    await openEngine(dir);
    expect(modeOf(dir)).toBe('700');
    for (const f of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, KEY_FILE, LOCK_FILE, HOLDER_FILE]) {
      expect([f, modeOf(path.join(dir, f))]).toEqual([f, '600']);
    }
  });

  it('tightens an existing data dir of ours and a database left readable by others', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    const first = await openEngine(dir);
    await first.stop();
    fs.chmodSync(dir, 0o755);
    fs.chmodSync(path.join(dir, DATABASE_FILE), 0o644);
    await openEngine(dir);
    expect(modeOf(dir)).toBe('700');
    expect(modeOf(path.join(dir, DATABASE_FILE))).toBe('600');
    expect(modeOf(path.join(dir, `${DATABASE_FILE}-wal`))).toBe('600');
  });

  it('leaves a shared sticky directory (like /tmp) as it is: only the files in it are private', async () => {
    const { dir, cleanup } = tempDir();
    cleanups.push(cleanup);
    fs.chmodSync(dir, 0o1777);
    await openEngine(dir);
    expect(modeOf(dir)).toBe('1777');
    expect(modeOf(path.join(dir, DATABASE_FILE))).toBe('600');
  });
});
