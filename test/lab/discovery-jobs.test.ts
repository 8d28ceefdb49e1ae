/**
 * Discovery job life cycle against the lab: cancel stops probing within a second; a job running
 * when its engine stops (stop(), or the process SIGKILLed) shows as interrupted with its partial
 * results in the next engine on the same data directory, while a job of a live host is left alone
 * (and cannot be cancelled from another engine); bad or oversized targets are refused.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { unwrap } from '../../main/api/dispatcher.ts';
import { createEngine } from '../../main/engine.ts';
import { fixedKey } from '../support/engine.ts';
import { tempDir } from '../support/temp-dir.ts';
import { createLab, type Lab } from './create-lab.ts';
import { describeLab } from './describe-lab.ts';
import { waitForEvent } from './discovery-support.ts';

const CHILD = fileURLToPath(new URL('./discovery-crash-child.ts', import.meta.url));

describeLab('discovery: cancel, interruption, refused targets', () => {
  let lab: Lab;
  const dirs: (() => void)[] = [];

  beforeAll(async () => {
    lab = await createLab({ name: 'disc-jobs', probe: 'root', hosts: [{ name: 'a' }, { name: 'b' }, { name: 'c' }] });
  }, 60_000);

  afterAll(async () => {
    await lab?.destroy();
    for (const cleanup of dirs) cleanup();
  });

  const dataDir = (): string => {
    const { dir, cleanup } = tempDir();
    dirs.push(cleanup);
    return dir;
  };

  it('cancel mid-sweep stops probing within a second and keeps the results so far', async () => {
    const engine = await createEngine({ dataDir: dataDir(), secrets: fixedKey(), icmp: { method: 'raw', ratePerSec: 5000 } });
    try {
      // 254 addresses at 200 packets/s: ICMP alone takes over a second, TCP far longer.
      const found = waitForEvent(engine, (e) => (e.name === 'discovery.host' && e.payload.change === 'found' ? e.payload.host : undefined), 10_000, 'a host');
      const job = await unwrap(engine.api.call('discovery.start', { targets: [lab.prefix], ratePps: 200, timeoutMs: 2000, retries: 1, reverseDns: false }));
      await found;
      const finished = waitForEvent(engine, (e) => (e.name === 'discovery.finished' && e.payload.jobId === job.id ? e.payload.job : undefined), 1000, 'discovery.finished within a second of cancel');
      const pinger = engine.areas.icmp.pinger();
      const t0 = performance.now();
      await unwrap(engine.api.call('discovery.cancel', { jobId: job.id }));
      const done = await finished;
      const stoppedMs = performance.now() - t0;
      expect(stoppedMs).toBeLessThan(1000);
      expect(done.status).toBe('cancelled');
      expect(done.done).toBeLessThan(done.total);
      expect(pinger.counters()).toMatchObject({ inFlight: 0, queued: 0 });
      // Nothing more is sent after the job ended.
      const sentAtEnd = pinger.counters().sent;
      const again = await unwrap(engine.api.call('discovery.get', { jobId: job.id }));
      expect(again.job.status).toBe('cancelled');
      expect(again.results.length).toBeGreaterThan(0);
      expect(pinger.counters().sent).toBe(sentAtEnd);
    } finally {
      await engine.stop();
    }
  }, 30_000);

  it('a job running when the engine stops is interrupted, with its partial results, in the next engine', async () => {
    const dir = dataDir();
    const first = await createEngine({ dataDir: dir, secrets: fixedKey(), icmp: { method: 'raw' } });
    const saved = waitForEvent(first, (e) => (e.name === 'discovery.progress' && e.payload.alive > 0 ? true : undefined), 10_000, 'a saved host');
    const jobId = (await unwrap(first.api.call('discovery.start', { targets: [lab.prefix], methods: ['icmp'], ratePps: 20, timeoutMs: 500, retries: 0, reverseDns: false }))).id;
    await saved;
    await first.stop();
    const second = await createEngine({ dataDir: dir, secrets: fixedKey() });
    try {
      const got = await unwrap(second.api.call('discovery.get', { jobId }));
      expect(got.job.status).toBe('interrupted');
      expect(got.job.error).toMatch(/engine stopped/);
      expect(got.results.length).toBeGreaterThan(0);
      expect(got.job.done).toBeLessThan(got.job.total);
    } finally {
      await second.stop();
    }
  }, 30_000);

  it('a job of a live host stays running for a guest engine; SIGKILLed, it is interrupted, with its partial results, in the next engine', async () => {
    const dir = dataDir();
    const child = spawn(process.execPath, [CHILD, dir, lab.prefix], { stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const jobId = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`child saved nothing within 15 s: ${err}`)), 15_000);
      child.stdout.on('data', (d: Buffer) => {
        const m = /SAVED (\S+)/.exec(d.toString());
        if (m) {
          clearTimeout(timer);
          resolve(m[1]!);
        }
      });
      child.once('exit', (code) => reject(new Error(`child exited ${code}: ${err}`)));
    });
    const exited = new Promise((r) => child.once('exit', r));
    // While the child holds the data dir: its job is live for a guest, which cannot cancel it.
    const guest = await createEngine({ dataDir: dir, secrets: fixedKey() });
    try {
      expect((await unwrap(guest.api.call('discovery.get', { jobId }))).job.status).toBe('running');
      expect(await guest.api.call('discovery.cancel', { jobId })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining(`(PID ${child.pid})`) } });
      await expect(createEngine({ dataDir: dir, secrets: fixedKey(), exclusive: true })).rejects.toThrowError(`Another WARD FLUX engine (PID ${child.pid})`);
    } finally {
      await guest.stop();
    }
    child.kill('SIGKILL');
    await exited;
    // The kernel dropped the child's lock: an exclusive engine opens at once, and the job is nobody's.
    const engine = await createEngine({ dataDir: dir, secrets: fixedKey(), exclusive: true });
    try {
      const got = await unwrap(engine.api.call('discovery.get', { jobId }));
      expect(got.job.status).toBe('interrupted');
      expect(got.results.length).toBeGreaterThan(0);
    } finally {
      await engine.stop();
    }
  }, 30_000);

  it('refuses invalid and oversized targets with clear errors', async () => {
    const engine = await createEngine({ dataDir: dataDir(), secrets: fixedKey() });
    try {
      const big = await engine.api.call('discovery.start', { targets: ['198.18.0.0/15'] });
      expect(big.ok).toBe(false);
      if (!big.ok) {
        expect(big.error.code).toBe('validation');
        expect(big.error.message).toMatch(/198\.18\.0\.0\/15/);
        expect(big.error.message).toMatch(/confirm/i);
      }
      const bad = await engine.api.call('discovery.start', { targets: ['198.18.1.300', '198.18.1.0/33'] });
      expect(bad.ok).toBe(false);
      if (!bad.ok) {
        expect(bad.error.message).toMatch(/198\.18\.1\.300.*not a valid IPv4 address/);
        expect(bad.error.issues?.map((i) => i.path)).toEqual(['targets', 'targets']);
      }
      const huge = await engine.api.call('discovery.start', { targets: ['0.0.0.0/0'], confirmLarge: true });
      expect(huge.ok).toBe(false);
      const empty = await engine.api.call('discovery.start', { targets: [] });
      expect(empty.ok).toBe(false);
      if (!empty.ok) expect(empty.error.message).toMatch(/At least one target/);
      const excluded = await engine.api.call('discovery.start', { targets: [lab.prefix], exclusions: [lab.prefix] });
      expect(excluded.ok).toBe(false);
      const rate = await engine.api.call('discovery.start', { targets: [lab.prefix], ratePps: 50_000 });
      expect(rate.ok).toBe(false);
      if (!rate.ok) expect(rate.error.message).toMatch(/at most 10000 packets per second/);
      expect((await unwrap(engine.api.call('discovery.list', {}))).total).toBe(0);
    } finally {
      await engine.stop();
    }
  });
});
