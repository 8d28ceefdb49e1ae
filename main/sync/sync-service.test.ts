import zlib from 'node:zlib';
import { beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../lib/logger.ts';
import { createMetrics, type Metrics } from '../metrics/metrics.ts';
import { memoryDb } from '../metrics/test-db.ts';
import { createManualTime, type ManualTime } from '../lib/async/timers.ts';
import { createSecretBox } from '../secrets/secret-box.ts';
import type { Db } from '../store/database.ts';
import { createSync, type SyncArea } from './sync-service.ts';

interface Line {
  metric: Record<string, string>;
  values: number[];
  timestamps: number[];
}

/** A fake VictoriaMetrics import endpoint: answers with `reply()`, records what it accepted. */
function fakeVm() {
  const accepted: Line[] = [];
  const requests: { url: string; headers: Headers }[] = [];
  let reply: () => Response | Promise<Response> = () => new Response(null, { status: 204 });
  const fetchImpl = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = String(input);
    if (url.endsWith('/flags')) return new Response('-dedup.minScrapeInterval="1ms"\n-retentionPeriod="100y"\n');
    requests.push({ url, headers: new Headers(init?.headers) });
    const res = await reply();
    if (res.status === 204) {
      const body = zlib.gunzipSync(init?.body as Uint8Array).toString('utf8');
      for (const l of body.split('\n').filter(Boolean)) accepted.push(JSON.parse(l) as Line);
    }
    return res;
  }) as typeof fetch;
  return {
    fetch: fetchImpl,
    accepted,
    requests,
    setReply(r: () => Response | Promise<Response>) {
      reply = r;
    },
    /** Accepted samples as "name ts value" strings. */
    points(): string[] {
      return accepted.flatMap((l) => l.timestamps.map((t, i) => `${l.metric.__name__}@${l.metric.device ?? ''} ${t} ${l.values[i]}`));
    },
  };
}

describe('sync queue and worker', () => {
  let db: Db;
  let time: ManualTime;
  let metrics: Metrics;
  let vm: ReturnType<typeof fakeVm>;
  let sync: SyncArea;

  beforeEach(() => {
    db = memoryDb();
    time = createManualTime(1_800_000_000_000);
    metrics = createMetrics({ db, clock: time, logger: silentLogger(), timers: time });
    vm = fakeVm();
    sync = createSync({ db, box: createSecretBox(Buffer.alloc(32, 3)), clock: time, logger: silentLogger(), registry: metrics.registry, writer: metrics.writer, fetch: vm.fetch, maxSamplesPerPush: 1000, random: () => 0.5 });
  });

  function write(name: string, device: string, ts: number, value: number): void {
    metrics.writer.writeNamed(name, { device }, ts, value);
  }

  it('backfills history written before the target existed, then pushes new flushes; each sample once, queue empty after', async () => {
    const t0 = time.now();
    for (let i = 0; i < 1500; i++) write('icmp.rtt', `d${i % 3}`, t0 - 3_600_000 + i * 1000, i / 10);
    metrics.writer.flush();
    sync.setConfig({ url: 'http://vm.test:8428', authMethod: 'none', enabled: true, extraLabels: { site: 'hq' } });
    for (let i = 0; i < 10; i++) write('snmp.cpu', 'd1', t0 + i * 1000, i);
    metrics.writer.flush();
    expect(sync.status()).toMatchObject({ queuedSamples: 1510, backfillRemaining: 1500, backfillDone: false });

    await sync.drain();
    const points = vm.points();
    expect(points).toHaveLength(1510);
    expect(new Set(points).size).toBe(1510);
    expect(points).toContain(`icmp.rtt@d0 ${t0 - 3_600_000} 0`);
    expect(points).toContain(`snmp.cpu@d1 ${t0 + 9000} 9`);
    expect(vm.accepted.every((l) => l.metric.site === 'hq')).toBe(true);
    // Live batches go before history: the first request carried the new flush.
    expect(vm.accepted[0]?.metric.__name__).toBe('snmp.cpu');
    expect(vm.requests[0]?.url).toBe('http://vm.test:8428/api/v1/import');
    expect(vm.requests[0]?.headers.get('content-encoding')).toBe('gzip');
    const s = sync.status();
    expect(s).toMatchObject({ queuedSamples: 0, backfillDone: true, pushedSamples: 1510, deadSamples: 0, lagSec: 0, lastError: null });
    expect(s.pushedBatch).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) AS n FROM sync_batches').get()).toEqual({ n: 0 });
  });

  it('keeps everything queued while the server is down, backs off, and delivers after', async () => {
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'none', enabled: true });
    await sync.drain(); // empty backfill
    vm.setReply(() => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } })));
    for (let i = 0; i < 50; i++) write('icmp.rtt', 'd', time.now() + i, i);
    metrics.writer.flush();
    const r1 = await sync.drain();
    expect(r1.at(-1)?.kind).toBe('retry');
    let s = sync.status();
    expect(s.queuedSamples).toBe(50);
    expect(s.lastError).toMatch(/ECONNREFUSED/);
    expect(s.nextAttemptAt).toBeGreaterThan(time.now());
    // Not due yet: drain does nothing.
    expect(await sync.drain()).toEqual([]);
    await time.advance(60_000);
    s = sync.status();
    expect(s.lagSec).toBe(60);
    vm.setReply(() => new Response(null, { status: 204 }));
    await sync.drain();
    expect(vm.points()).toHaveLength(50);
    expect(sync.status()).toMatchObject({ queuedSamples: 0, lagSec: 0, nextAttemptAt: null });
  });

  it('a misconfigured URL (unsupported path) never drops data; a refused body is dead with its reason, and can be retried', async () => {
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'none', enabled: true });
    await sync.drain();
    write('m', 'd', time.now(), 1);
    metrics.writer.flush();
    vm.setReply(() => new Response('unsupported path requested: "/x/api/v1/import"', { status: 400 }));
    await sync.drain();
    expect(sync.status()).toMatchObject({ queuedSamples: 1, deadSamples: 0 });
    expect(sync.status().lastError).toMatch(/check the URL/);

    await time.advance(3_600_000);
    vm.setReply(() => new Response('cannot read gzipped vmimport data', { status: 400 }));
    await sync.drain();
    let s = sync.status();
    expect(s).toMatchObject({ queuedSamples: 0, deadSamples: 1, deadBatches: 1 });
    expect(s.lastRejection).toMatch(/gzipped/);

    vm.setReply(() => new Response(null, { status: 204 }));
    expect(sync.retryDead()).toEqual({ batches: 1, samples: 1 });
    await sync.drain();
    s = sync.status();
    expect(s).toMatchObject({ queuedSamples: 0, deadSamples: 0 });
    expect(vm.points()).toHaveLength(1);
  });

  it('keeps back samples the server would drop silently and shows them in the status', async () => {
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'none', enabled: true });
    await sync.drain();
    write('m', 'd', time.now(), 1);
    write('m', 'd', time.now() + 5 * 86_400_000, 2);
    metrics.writer.flush();
    await sync.drain();
    const s = sync.status();
    expect(s).toMatchObject({ queuedSamples: 0, deadSamples: 1, pushedSamples: 1 });
    expect(s.lastRejection).toMatch(/1 sample\(s\) not sent: timestamp is more than 2 days in the future/);
    expect(vm.points()).toHaveLength(1);
  });

  it('pauses queueing while disabled and backfills from the pause when enabled again', async () => {
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'none', enabled: true });
    const t0 = time.now();
    write('m', 'd', t0, 1);
    metrics.writer.flush();
    await sync.drain();
    await time.advance(600_000);
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'none', enabled: false });
    write('m', 'd', time.now(), 2);
    metrics.writer.flush();
    expect(db.prepare("SELECT count(*) AS n FROM sync_batches WHERE state = 'pending'").get()).toEqual({ n: 0 });
    expect(await sync.drain()).toEqual([{ kind: 'paused', samples: 0, wireBytes: 0 }]);
    await time.advance(600_000);
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'none', enabled: true });
    write('m', 'd', time.now(), 3);
    metrics.writer.flush();
    await sync.drain();
    // The sample from before the pause is not sent again; the paused one and the new one are.
    expect(vm.points().sort()).toEqual([`m@d ${t0} 1`, `m@d ${t0 + 600_000} 2`, `m@d ${t0 + 1_200_000} 3`]);
  });

  it('keeps secrets write-only and sealed; sends them as auth headers', async () => {
    const cfg = sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'basic', username: 'tech', password: 's3cret-pw', enabled: true });
    expect(cfg).toMatchObject({ authMethod: 'basic', username: 'tech', hasPassword: true });
    expect(JSON.stringify(cfg)).not.toContain('s3cret');
    const row = db.prepare<[], { secret: Buffer }>('SELECT secret FROM sync_target').get();
    expect(row?.secret.toString('latin1')).not.toContain('s3cret');
    // Saving again without the password keeps it.
    sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'basic', username: 'tech', enabled: true });
    write('m', 'd', time.now(), 1);
    metrics.writer.flush();
    await sync.drain();
    expect(vm.requests[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('tech:s3cret-pw').toString('base64')}`);
    expect(() => sync.setConfig({ url: 'http://vm.test:8428/', authMethod: 'bearer', enabled: true })).toThrow(/token is required/);
  });
});
