import { afterEach, describe, expect, it } from 'vitest';
import { readL2Snapshot } from './read-l2.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

const read = async (name: string, parts: ('fdb' | 'vlans')[], edit?: (lines: string[]) => string[]) => {
  served = await serveRecording(name, edit ? { edit } : {});
  return readL2Snapshot(served.walker, { address: '127.0.0.1', parts });
};

describe('Q-BRIDGE-MIB reader (recordings of real switches)', () => {
  it('Arista EOS: 138 MACs in seven VLANs (FDB ids mapped through dot1qVlanFdbId), on interfaces by bridge port', async () => {
    const s = await read('arista-eos', ['fdb']);
    expect(s.fdb).toHaveLength(138);
    const perVlan: Record<string, number> = {};
    for (const f of s.fdb) perVlan[String(f.vlan)] = (perVlan[String(f.vlan)] ?? 0) + 1;
    expect(perVlan).toEqual({ '10': 36, '11': 34, '13': 17, '30': 12, '31': 20, '32': 10, '103': 9 });
    expect(s.fdb[0]).toEqual({ mac: '00:01:5c:3b:ee:01', vlan: 10, port: { ifIndex: 48, name: 'Ethernet48', bridgePort: 48 }, status: 'learned', source: 'q-bridge' });
    expect(s.notes.filter((n) => n.code !== 'absent')).toEqual([]);
  });

  it('Arista EOS: VLAN names, the ports of each VLAN from dot1qVlanCurrentTable (no static sets served), PVIDs and trunks', async () => {
    const s = await read('arista-eos', ['vlans']);
    expect(s.vlans.map((v) => `${v.id} ${v.name}`)).toEqual(['1 default', '9 \\Inet_FTTH_Estudio\\', '10 \\Red_Backbone\\', '11 \\LAN_COR\\', '13 \\Red_Gestion\\', '30 \\LAN_Oficina\\', '31 \\RED_Estudio\\', '32 \\Multicast_Emision\\', '103 \\NFS_Storage\\']);
    expect(s.vlans.find((v) => v.id === 10)).toMatchObject({ source: 'q-bridge', ports: ['Ethernet46', 'Ethernet47', 'Ethernet48'], untaggedPorts: [] });
    const e48 = s.portVlans.find((p) => p.port.name === 'Ethernet48');
    expect(e48).toMatchObject({ pvid: 1, mode: 'trunk' });
    expect(e48?.tagged).toContain(10);
    expect(s.portVlans.find((p) => p.port.name === 'Ethernet1')?.pvid).toBe(31);
  });

  it('D-Link DGS-3627G: static VLAN 1002 untagged on the access ports, PVID 1002', async () => {
    const s = await read('dlink-dgs-3627g', ['vlans', 'fdb']);
    const v = s.vlans.find((x) => x.id === 1002);
    expect(v?.ports.slice(0, 3)).toEqual(['1/1', '1/2', '1/3']);
    expect(v?.untaggedPorts).toContain('1/1');
    expect(s.portVlans.find((p) => p.port.name === '1/1')).toMatchObject({ pvid: 1002, untagged: expect.arrayContaining([1002]) });
    expect(s.fdb.length).toBeGreaterThan(100);
  });

  it('one MAC learned on 40 ports (a loop): every row kept, one note names the MAC', async () => {
    const loop = Array.from({ length: 40 }, (_, i) => `1.3.6.1.2.1.17.7.1.2.2.1.2.${i + 2000}.2.0.0.0.0.1|2|${(i % 48) + 1}`);
    const s = await read('arista-eos', ['fdb'], (lines) => [...lines, ...loop]);
    expect(s.fdb.filter((f) => f.mac === '02:00:00:00:00:01')).toHaveLength(40);
    expect(s.notes).toContainEqual({ code: 'mac-on-many-ports', table: 'fdb', message: '02:00:00:00:00:01 is learned on 40 ports (a loop, a hub or a broken table?)' });
  });

  it('rows with a short index or no port are skipped and counted in one note', async () => {
    const s = await read('arista-eos', ['fdb'], (lines) => [...lines, '1.3.6.1.2.1.17.7.1.2.2.1.2.10.1.2.3|2|5', '1.3.6.1.2.1.17.7.1.2.2.1.3.10.2.0.0.0.0.9|2|3']);
    expect(s.fdb).toHaveLength(138);
    expect(s.notes).toContainEqual({ code: 'bad-row', table: 'dot1qTpFdbTable', message: '2 rows without an FdbId.MAC index or a port; skipped' });
  });
});
