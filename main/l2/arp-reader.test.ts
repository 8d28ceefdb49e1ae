import { afterEach, describe, expect, it } from 'vitest';
import { readL2Snapshot } from './read-l2.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const arpOf = async (name: string, edit?: (lines: string[]) => string[]) => {
  served = await serveRecording(name, edit ? { edit } : {});
  return readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['arp'] });
};

describe('IP-MIB ARP readers (recordings of real routers)', () => {
  it('EdgeOS ipNetToPhysicalTable: IPv4 and IPv6 neighbours with their interfaces', async () => {
    const s = await arpOf('ubiquiti-edgeos');
    expect(s.arp.length).toBeGreaterThan(20);
    expect(s.arp.every((a) => a.source === 'ipNetToPhysical')).toBe(true);
    expect(s.arp.find((a) => a.ip === '10.10.10.2')).toMatchObject({ family: 'ipv4', mac: '00:c0:b7:5f:8c:c1', ifIndex: 22 });
    expect(s.arp.some((a) => a.family === 'ipv6')).toBe(true);
    const v6 = s.arp.find((a) => a.family === 'ipv6');
    expect(v6?.ip).toMatch(/^[0-9a-f:]+$/);
    expect(v6?.interface).not.toBeNull();
  });

  it('D-Link ipNetToMediaTable (no ipNetToPhysicalTable): 141 usable entries on the VLAN interfaces', async () => {
    const s = await arpOf('dlink-dgs-3627g');
    expect(s.arp).toHaveLength(141);
    expect(s.arp.every((a) => a.source === 'ipNetToMedia' && a.family === 'ipv4' && /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/.test(a.mac))).toBe(true);
  });

  it('an entry with a 5-arc address index is noted; an incomplete one (no MAC) dropped silently', async () => {
    const s = await arpOf('dlink-dgs-3627g', (lines) => [...lines, '1.3.6.1.2.1.4.22.1.2.3.10.0.0.1.9|4x|001122334455', '1.3.6.1.2.1.4.22.1.2.3.10.0.0.2|4x|']);
    expect(s.arp).toHaveLength(141);
    expect(s.notes).toContainEqual({ code: 'bad-row', table: 'ipNetToMediaTable', message: '1 rows had an index that is not ifIndex.a.b.c.d; skipped' });
  });
});
