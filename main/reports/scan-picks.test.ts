import crypto from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { discoveryHost } from '../../test/support/discovery-host.ts';
import { testEngineOn } from '../../test/support/engine.ts';
import { tempDir } from '../../test/support/temp-dir.ts';
import { createDiscoveryStore } from '../discovery/jobs/discovery-store.ts';
import type { Engine } from '../engine.ts';
import { openDatabase } from '../store/database.ts';

const T0 = Date.UTC(2025, 2, 1);
const HOUR = 3_600_000;
const OPTIONS = { targets: ['198.18.0.0/24'], exclusions: [], methods: ['icmp' as const], credentialIds: [], ratePps: 500, timeoutMs: 1000, retries: 1, tcpPorts: [], tcpAllHosts: false, reverseDns: false };

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** Three finished scans of the same /24: A finds .1, B .1 and .2, C .2 and .3 (an hour apart). */
async function engineWithScans(): Promise<{ engine: Engine; a: string; b: string; c: string }> {
  const { dir, cleanup } = tempDir();
  cleanups.push(cleanup);
  const { db } = openDatabase(dir);
  const store = createDiscoveryStore(db);
  const ids = (['.1', '.1 .2', '.2 .3'] as const).map((hosts, i) => {
    const id = crypto.randomUUID();
    const now = T0 + i * HOUR;
    store.create({ id, options: OPTIONS, targetKey: '198.18.0.0/24', adHocCredentials: 0, owner: 'test', now, total: 256 });
    const found = hosts.split(' ').map((h) => discoveryHost({ address: `198.18.0${h}`, name: `host${h}` }));
    store.flush(id, { phase: 'done', total: 256, done: 256, alive: found.length, classified: found.length, packets: 256 }, found, now);
    store.finish(id, 'finished', 'done', null, now + 60_000);
    return id;
  });
  db.close();
  const engine = await testEngineOn(dir);
  cleanups.push(() => engine.stop());
  return { engine, a: ids[0]!, b: ids[1]!, c: ids[2]! };
}

interface DiffData {
  jobId: string;
  previousJobId: string | null;
  new: Array<{ address: string }>;
  gone: Array<{ address: string }>;
}

async function diffReport(engine: Engine, picks: { fromJobId?: string; toJobId?: string }): Promise<DiffData> {
  const gen = await engine.api.call('reports.generate', { kind: 'discovery-diff', from: T0, to: T0 + 24 * HOUR, format: 'json', ...picks });
  if (!gen.ok) throw new Error(gen.error.message);
  const meta = await engine.areas.reports.wait(gen.data.reportId);
  expect(meta.status).toBe('done');
  const dl = await engine.api.call('reports.download', { id: meta.id });
  if (!dl.ok) throw new Error(dl.error.message);
  return (JSON.parse(dl.data.content) as { data: DiffData }).data;
}

const addresses = (hosts: Array<{ address: string }>) => hosts.map((h) => h.address).sort();

describe('discovery changes: the scan picker', () => {
  it('defaults to the latest two scans of the same targets; "to" alone compares with the scan before it; both picked compares those', async () => {
    const { engine, a, b, c } = await engineWithScans();
    const latest = await diffReport(engine, {});
    expect(latest).toMatchObject({ jobId: c, previousJobId: b });
    expect(addresses(latest.new)).toEqual(['198.18.0.3']);
    expect(addresses(latest.gone)).toEqual(['198.18.0.1']);

    const toB = await diffReport(engine, { toJobId: b });
    expect(toB).toMatchObject({ jobId: b, previousJobId: a });
    expect(addresses(toB.new)).toEqual(['198.18.0.2']);

    const aToC = await diffReport(engine, { fromJobId: a, toJobId: c });
    expect(aToC).toMatchObject({ jobId: c, previousJobId: a });
    expect(addresses(aToC.new)).toEqual(['198.18.0.2', '198.18.0.3']);
    expect(addresses(aToC.gone)).toEqual(['198.18.0.1']);
  });

  it('rejects bad picks as field errors before queueing a report', async () => {
    const { engine, a, c } = await engineWithScans();
    const base = { kind: 'discovery-diff' as const, from: T0, to: T0 + 24 * HOUR, format: 'json' as const };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ fromJobId: a }, 'toJobId'],
      [{ fromJobId: c, toJobId: c }, 'fromJobId'],
      [{ fromJobId: c, toJobId: a }, 'fromJobId'],
      [{ toJobId: crypto.randomUUID() }, 'toJobId'],
      [{ toJobId: 'not-an-id' }, 'toJobId'],
    ];
    for (const [picks, field] of cases) {
      const r = await engine.api.call('reports.generate', { ...base, ...picks } as never);
      expect(r.ok, JSON.stringify(picks)).toBe(false);
      if (r.ok) continue;
      expect(r.error.code).toBe('validation');
      expect(r.error.issues?.map((i) => i.path)).toContain(field);
    }
    const wrongKind = await engine.api.call('reports.generate', { ...base, kind: 'availability', toJobId: c });
    expect(wrongKind.ok).toBe(false);
    if (!wrongKind.ok) expect(wrongKind.error.issues?.map((i) => i.path)).toContain('toJobId');
    const list = await engine.api.call('reports.list', { limit: 10 });
    expect(list.ok && list.data.items).toEqual([]);
  });
});
