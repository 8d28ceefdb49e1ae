import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Device } from '../api/devices.ts';
import { createManualTime } from '../lib/async/timers.ts';
import { silentLogger } from '../lib/logger.ts';
import { startFakeAgent, type FakeAgent } from '../snmp/testing/fake-agent.ts';
import { loadSnmprecFile } from '../snmp/testing/snmprec-text.ts';
import { createL2, type L2Area } from './l2-area.ts';
import { createL2Handlers } from './l2-handlers.ts';
import { createL2Refresher } from './l2-refresher.ts';
import { L2_FIXTURES } from './testing/recording.ts';
import { databaseWithDevices } from './testing/snapshots.ts';

const SW = '11111111-1111-4111-8111-111111111111';
const CRED = '99999999-9999-4999-8999-999999999999';

let agent: FakeAgent | undefined;
let area: L2Area | undefined;
afterEach(async () => {
  await area?.service.stop();
  await agent?.close();
  agent = area = undefined;
});

function device(address: string, extra: Partial<Device> = {}): Device {
  return { id: SW, name: 'core-sw1', address, credentialIds: [CRED], enabled: true, type: 'switch', tags: [], notes: '', createdAt: 0, updatedAt: 0, ...extra } as Device;
}

async function setup(extra: Partial<Device> = {}) {
  agent = await startFakeAgent(loadSnmprecFile(path.join(L2_FIXTURES, 'cisco-2960x.snmprec')));
  const time = createManualTime();
  const d = device(`127.0.0.1:${agent.port}`, extra);
  const db = databaseWithDevices({ [SW]: 'core-sw1' });
  area = createL2({ db, clock: time, timers: time, logger: silentLogger(), devices: { get: () => d, list: () => [d] }, credential: (id) => ({ id, version: '2c', community: 'public' }), refresher: false, timeoutMs: 200 });
  const handlers = createL2Handlers({ l2: area, deviceName: (id) => (id === SW ? 'core-sw1' : undefined), vendorOf: async () => (mac: string) => (mac.startsWith('64:f6:9d') ? 'Cisco Systems' : undefined) });
  return { area, handlers, time, db };
}

const ctx = { transport: 'in-process' } as never;

describe('the L2 area and its procedures', () => {
  it('l2.refresh reads a monitored device with its credential and stores it; the procedures answer from the store', async () => {
    const { handlers } = await setup();
    const read = await handlers['l2.refresh']({ deviceId: SW }, ctx);
    expect(read).toMatchObject({ deviceId: SW, deviceName: 'core-sw1' });
    expect(read.snapshot.neighbors).toHaveLength(7);
    const [n] = await handlers['l2.neighbors']({ deviceId: SW }, ctx);
    expect(n?.rows.map((r) => r.sysName)).toContain('acme-fr-s-001');
    const [f] = await handlers['l2.fdb']({}, ctx);
    // The per-VLAN instances (community public@1, public@99) do not answer here: the default instance is read.
    expect(f?.rows).toHaveLength(29);
    expect(f?.notes.map((x) => x.code)).toEqual(['vlan-context-failed']);
    const [v] = await handlers['l2.vlans']({ deviceId: SW }, ctx);
    expect(v?.rows.map((x) => x.id)).toEqual([1, 99, 1002, 1003, 1004, 1005]);
    expect(v?.ports.length).toBeGreaterThan(100);
    const [a] = await handlers['l2.arp']({}, ctx);
    expect(a?.rows.map((x) => x.ip)).toEqual(['10.54.64.1', '10.54.64.9']);
    const w = await handlers['l2.whereis']({ query: '64:f6:9d:b1:e4:4c' }, ctx);
    expect(w).toMatchObject({ vendor: 'Cisco Systems', best: { deviceName: 'core-sw1', port: { name: 'Gi1/0/3' } } });
    expect((await handlers['l2.snapshots']({}, ctx))[0]?.snapshot.address).toBe(`127.0.0.1:${agent?.port}`);
  });

  it('l2.scanSnapshots: what a discovery job read, by address', async () => {
    const { area: a, handlers, db } = await setup();
    db.prepare("INSERT INTO discovery_jobs (id, status, options, target_key, created_at) VALUES ('44444444-4444-4444-8444-444444444444', 'finished', '{}', 'k', 0)").run();
    const read = await handlers['l2.refresh']({ deviceId: SW }, ctx);
    expect(handlers['l2.scanSnapshots']({ jobId: '44444444-4444-4444-8444-444444444444' }, ctx)).toEqual([]);
    a.store.saveScan('44444444-4444-4444-8444-444444444444', '198.18.9.1', read.snapshot);
    expect((handlers['l2.scanSnapshots']({ jobId: '44444444-4444-4444-8444-444444444444' }, ctx) as { address: string }[]).map((x) => x.address)).toEqual(['198.18.9.1']);
  });

  it('a device without SNMP credentials: a validation error that says what to do; an unknown device: not found', async () => {
    const { handlers } = await setup({ credentialIds: [] });
    await expect(Promise.resolve().then(() => handlers['l2.refresh']({ deviceId: SW }, ctx))).rejects.toThrow('core-sw1 has no SNMP credential: add one to read its neighbours and tables.');
    expect(() => handlers['l2.neighbors']({ deviceId: '22222222-2222-4222-8222-222222222222' }, ctx)).toThrow(/No device with id/);
  });
});

describe('the L2 refresher', () => {
  it('reads due devices oldest first, two at a time, re-reads after the interval, and retries a failure only after the interval', async () => {
    const time = createManualTime(0);
    const lastRead = new Map<string, number | null>([['a', null], ['b', 100], ['c', 50]]);
    const reads: string[] = [];
    let failB = true;
    const r = createL2Refresher({
      clock: time,
      timers: time,
      logger: silentLogger(),
      intervalMs: 15 * 60_000,
      tickMs: 60_000,
      due: () => [...lastRead].map(([deviceId, at]) => ({ deviceId, lastRead: at })),
      read: async (id) => {
        reads.push(id);
        if (id === 'b' && failB) throw new Error('timeout');
        lastRead.set(id, time.now());
      },
    });
    await time.advance(15 * 60_000 + 100);
    await r.tick();
    expect(reads).toEqual(['a', 'c']);
    await r.tick();
    expect(reads).toEqual(['a', 'c', 'b']);
    await r.tick();
    expect(reads).toEqual(['a', 'c', 'b']);
    failB = false;
    await time.advance(15 * 60_000);
    await r.tick();
    // b failed at ~15 min, a and c were read then: after another interval, b (oldest) and a.
    expect(reads.slice(3)).toEqual(['b', 'a']);
  });
});
