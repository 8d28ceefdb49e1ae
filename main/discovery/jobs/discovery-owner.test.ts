/**
 * Who runs a discovery job: the engine instance recorded on it, alive only as this engine or as the
 * holder of the data directory's lock. A live process id proves nothing (a zombie, a reused PID).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testEngineOn } from '../../../test/support/engine.ts';
import { tempDir } from '../../../test/support/temp-dir.ts';
import { unwrap } from '../../api/dispatcher.ts';
import type { Engine, EngineOptions } from '../../engine.ts';
import { openDatabase } from '../../store/database.ts';
import { cleanupAfterEach } from '../../../test/support/cleanups.ts';

const later = cleanupAfterEach();

function dataDir(): string {
  const t = tempDir();
  later(t.cleanup);
  return t.dir;
}

async function engineOn(dir: string, options: Partial<EngineOptions> = {}): Promise<Engine> {
  const engine = await testEngineOn(dir, options);
  later(() => engine.stop());
  return engine;
}

/** A 'running' job row as an engine writes it, owned by `owner` in process `pid`. */
function insertRunningJob(dir: string, owner: { instance: string; pid: number }): string {
  const id = crypto.randomUUID();
  const { db } = openDatabase(dir);
  try {
    db.prepare(
      `INSERT INTO discovery_jobs (id, status, phase, options, target_key, owner_pid, owner_instance, created_at, total, done)
       VALUES (?, 'running', 'sweep', ?, 'k', ?, ?, ?, 256, 10)`,
    ).run(id, JSON.stringify({ targets: ['198.18.0.0/24'], exclusions: [], methods: ['icmp'], credentialIds: [], ratePps: 500, timeoutMs: 1000, retries: 1, tcpPorts: [22], tcpAllHosts: false, reverseDns: false }), owner.pid, owner.instance, Date.now());
  } finally {
    db.close();
  }
  return id;
}

/** An unrelated live process: its PID is what a reused PID looks like. */
function liveProcess(): ChildProcess {
  const child = spawn('sleep', ['300'], { stdio: 'ignore' });
  later(() => void child.kill('SIGKILL'));
  return child;
}

const status = async (engine: Engine, jobId: string) => (await unwrap(engine.api.call('discovery.get', { jobId }))).job;

describe('discovery job ownership', () => {
  it('a running job whose owner PID is a live unrelated process is interrupted when an engine opens the data dir', async () => {
    const dir = dataDir();
    const sleeper = liveProcess();
    const reusedPid = insertRunningJob(dir, { instance: crypto.randomUUID(), pid: sleeper.pid! });
    const ownPid = insertRunningJob(dir, { instance: crypto.randomUUID(), pid: process.pid });
    const engine = await engineOn(dir);
    for (const jobId of [reusedPid, ownPid]) {
      expect(await status(engine, jobId)).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/engine stopped/) });
    }
  });

  it('cancel of a running job that no engine runs marks it interrupted and answers so', async () => {
    const dir = dataDir();
    const engine = await engineOn(dir, { exclusive: true });
    const events: string[] = [];
    engine.events.subscribe((e) => e.name === 'discovery.finished' && events.push(`${e.payload.jobId} ${e.payload.status}`));
    // Written after the engine opened (start-up detection is past): a crashed guest's job, its PID alive.
    const jobId = insertRunningJob(dir, { instance: crypto.randomUUID(), pid: liveProcess().pid! });
    expect(await status(engine, jobId)).toMatchObject({ status: 'running' });
    const cancelled = await unwrap(engine.api.call('discovery.cancel', { jobId }));
    expect(cancelled).toMatchObject({ id: jobId, status: 'interrupted', finishedAt: expect.any(Number), error: expect.stringMatching(/No WARD FLUX engine was running this job/) });
    expect(await status(engine, jobId)).toMatchObject({ status: 'interrupted' });
    expect(events).toEqual([`${jobId} interrupted`]);
  });

  it("the lock holder's jobs stay running in a guest engine, which cannot cancel them; once the holder stops they are interrupted", async () => {
    const dir = dataDir();
    const host = await engineOn(dir, { exclusive: true });
    const jobId = insertRunningJob(dir, { instance: host.instanceId, pid: process.pid });
    const guest = await engineOn(dir);
    expect(await status(guest, jobId)).toMatchObject({ status: 'running' });
    const refused = await guest.api.call('discovery.cancel', { jobId });
    expect(refused).toEqual({ ok: false, error: { code: 'conflict', message: `This scan is run by another WARD FLUX engine (PID ${process.pid}); cancel it there.` } });
    expect(await status(guest, jobId)).toMatchObject({ status: 'running' });
    await guest.stop();
    await host.stop();
    const next = await engineOn(dir);
    expect(await status(next, jobId)).toMatchObject({ status: 'interrupted' });
  });
});
