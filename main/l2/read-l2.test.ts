import { afterEach, describe, expect, it } from 'vitest';
import { L2Snapshot } from '../api/l2.ts';
import { readL2Snapshot } from './read-l2.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('readL2Snapshot', () => {
  it('a whole switch: interfaces, neighbours, FDB, VLANs and ARP in one snapshot that fits the contract', async () => {
    served = await serveRecording('dlink-dgs-3627g');
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', now: () => 1_700_000_000_000 });
    expect(L2Snapshot.parse(s)).toEqual(s);
    expect(s).toMatchObject({ address: '127.0.0.1', readAt: 1_700_000_000_000 });
    expect([s.interfaces.length, s.neighbors.length, s.vlans.length, s.arp.length]).toEqual([41, 17, 8, 141]);
    expect(s.fdb.length).toBeGreaterThan(100);
    expect(s.stats.requests).toBe(served.agent.requests.length);
    expect(s.stats.varbinds).toBeGreaterThan(700);
  });

  it('an agent that goes silent part way: the tables read before are kept, each later table noted as failed, no throw', async () => {
    served = await serveRecording('dlink-dgs-3627g', { timeoutMs: 100 });
    const agent = served.agent;
    let answered = 0;
    agent.mutate = (buf) => {
      if (++answered >= 12) agent.mode = 'silent';
      return buf;
    };
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1' });
    expect(s.interfaces.length).toBe(41);
    expect(s.arp).toEqual([]);
    const failed = s.notes.filter((n) => n.code === 'read-failed');
    expect(failed.length).toBeGreaterThan(3);
    expect(failed.map((n) => n.table)).toContain('ipNetToMediaTable');
    expect(failed[0]?.message).toMatch(/no SNMP response/);
  });

  it('bounded: past the request budget every walk stops with a note; a table past the value limit is truncated with a note', async () => {
    served = await serveRecording('dlink-dgs-3627g', { maxRequests: 6 });
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', maxVarbinds: 10 });
    expect(served.agent.requests.length).toBe(6);
    expect(s.notes).toContainEqual(expect.objectContaining({ code: 'truncated', table: 'ifXTable', message: 'read stopped after 10 values' }));
    expect(s.notes).toContainEqual(expect.objectContaining({ code: 'read-failed', message: expect.stringContaining('budget of 6 requests') }));
  });

  it('a device with no L2 MIBs (a router): ARP only, the missing tables noted as absent', async () => {
    served = await serveRecording('ubiquiti-edgeos');
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1' });
    expect(s.neighbors).toEqual([]);
    expect(s.fdb).toEqual([]);
    expect(s.notes.map((n) => n.code)).toEqual(['absent', 'absent']);
    expect(s.arp.length).toBeGreaterThan(0);
  });
});
