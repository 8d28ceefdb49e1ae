import { afterEach, describe, expect, it } from 'vitest';
import { readL2Snapshot } from './read-l2.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('BRIDGE-MIB reader (Catalyst 2960-X default bridge instance)', () => {
  it('29 MACs: 24 behind the port-channel uplink, the access points on their ports, bridge ports resolved through dot1dBasePortIfIndex', async () => {
    served = await serveRecording('cisco-2960x');
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['fdb'] });
    expect(s.fdb).toHaveLength(29);
    expect(s.fdb.every((f) => f.source === 'bridge' && f.vlan === null && f.status === 'learned')).toBe(true);
    const byPort = new Map<string, number>();
    for (const f of s.fdb) byPort.set(f.port.name, (byPort.get(f.port.name) ?? 0) + 1);
    expect(Object.fromEntries(byPort)).toEqual({ Po1: 24, 'Gi1/0/3': 1, 'Gi1/0/4': 1, 'Gi1/0/5': 1, 'Gi3/0/3': 1, 'Gi3/0/4': 1 });
    expect(s.fdb.find((f) => f.mac === '64:f6:9d:b1:e4:4c')?.port).toEqual({ ifIndex: 10103, name: 'Gi1/0/3', bridgePort: 3 });
  });

  it('a bridge port with no dot1dBasePortIfIndex row: the MAC is kept on "port <n>" and the port noted once', async () => {
    served = await serveRecording('cisco-2960x', { edit: (lines) => lines.filter((l) => !l.startsWith('1.3.6.1.2.1.17.1.4.1.2.456|')) });
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['fdb'] });
    expect(s.fdb).toHaveLength(29);
    expect(s.fdb.filter((f) => f.port.name === 'port 456' && f.port.ifIndex === null)).toHaveLength(24);
    expect(s.notes.filter((n) => n.code === 'port-unresolved')).toEqual([{ code: 'port-unresolved', table: 'dot1dTpFdbTable', message: 'bridge port 456 has no interface (no dot1dBasePortIfIndex row)' }]);
  });
});
