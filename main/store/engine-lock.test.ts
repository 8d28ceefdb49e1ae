import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testEngineOn } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { acquireEngineLock, EngineLockedError, HOLDER_FILE, readEngineLockHolder } from './engine-lock.ts';
import { cleanupAfterEach } from '../../test/support/cleanups.ts';

const later = cleanupAfterEach();

function dataDir(): string {
  const t = tempDir();
  later(t.cleanup);
  return t.dir;
}

const lockedMessage = (pid: number, dir: string) => `Another WARD FLUX engine (PID ${pid}) is using ${dir}; stop it first or use another --data-dir.`;

describe('engine lock', () => {
  it('lets one holder in, names its PID to the next, and is free again once released', () => {
    const dir = dataDir();
    const first = acquireEngineLock(dir);
    later(() => first.release());
    expect(first.holder).toMatchObject({ pid: process.pid, instanceId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(readEngineLockHolder(dir)).toEqual({ locked: true, holder: first.holder });

    let refused: unknown;
    try {
      acquireEngineLock(dir, { waitMs: 50 });
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(EngineLockedError);
    expect((refused as EngineLockedError).message).toBe(lockedMessage(process.pid, dir));
    expect((refused as EngineLockedError).code).toBe('unavailable');

    first.release();
    first.release();
    expect(readEngineLockHolder(dir)).toEqual({ locked: false });
    const second = acquireEngineLock(dir, { waitMs: 50 });
    later(() => second.release());
    expect(second.holder.instanceId).not.toBe(first.holder.instanceId);
  });

  it('is dropped by the kernel when its holder is SIGKILLed; the holder file it leaves is not believed', async () => {
    const dir = dataDir();
    const script = `import { acquireEngineLock } from ${JSON.stringify(path.resolve(import.meta.dirname, 'engine-lock.ts'))};
      acquireEngineLock(${JSON.stringify(dir)}); process.stdout.write('LOCKED\\n'); setInterval(() => {}, 60000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    later(async () => {
      child.kill('SIGKILL');
      await exited;
    });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('LOCKED') && resolve());
      child.once('exit', (code) => reject(new Error(`lock child exited ${code}: ${err}`)));
    });
    expect(() => acquireEngineLock(dir, { waitMs: 50 })).toThrowError(lockedMessage(child.pid!, dir));
    expect(readEngineLockHolder(dir)).toMatchObject({ locked: true, holder: { pid: child.pid } });

    child.kill('SIGKILL');
    await exited;
    // The dead holder's file is still there, PID and all: it must not count.
    expect(JSON.parse(fs.readFileSync(path.join(dir, HOLDER_FILE), 'utf8'))).toMatchObject({ pid: child.pid });
    expect(readEngineLockHolder(dir)).toEqual({ locked: false });
    const mine = acquireEngineLock(dir, { waitMs: 50 });
    later(() => mine.release());
    expect(readEngineLockHolder(dir)).toEqual({ locked: true, holder: mine.holder });
  });

  it('an exclusive engine holds it until stopped; guests open beside it', async () => {
    const dir = dataDir();
    const host = await testEngineOn(dir, { exclusive: true });
    later(() => host.stop());
    expect(readEngineLockHolder(dir)).toEqual({ locked: true, holder: { pid: process.pid, instanceId: host.instanceId, startedAt: expect.any(Number) } });
    await expect(testEngineOn(dir, { exclusive: true })).rejects.toThrowError(lockedMessage(process.pid, dir));
    const guest = await testEngineOn(dir);
    expect((await guest.api.call('devices.list', {})).ok).toBe(true);
    await guest.stop();
    await host.stop();
    const next = await testEngineOn(dir, { exclusive: true });
    later(() => next.stop());
    expect(next.instanceId).not.toBe(host.instanceId);
  });
});
