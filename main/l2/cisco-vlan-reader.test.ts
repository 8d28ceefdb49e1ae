import { afterEach, describe, expect, it } from 'vitest';
import { readL2Snapshot } from './read-l2.ts';
import { vlanCredential } from './session-walker.ts';
import { serveRecording, type ServedRecording } from './testing/recording.ts';

let served: ServedRecording | undefined;
afterEach(async () => {
  await served?.close();
  served = undefined;
});

describe('Cisco VLANs without Q-BRIDGE (Catalyst 2960-X recording)', () => {
  it('VTP VLANs with their names and states; access ports from vmVlan', async () => {
    served = await serveRecording('cisco-2960x');
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['vlans'] });
    expect(s.vlans.map((v) => `${v.id} ${v.name} ${v.status}`)).toEqual(['1 default operational', '99 VLAN0099 operational', '1002 fddi-default operational', '1003 trcrf-default operational', '1004 fddinet-default operational', '1005 trbrf-default operational']);
    expect(s.vlans.every((v) => v.source === 'cisco-vtp')).toBe(true);
    expect(s.portVlans.find((p) => p.port.name === 'Gi1/0/1')).toEqual({ port: { ifIndex: 10101, name: 'Gi1/0/1', bridgePort: null }, pvid: 525, mode: 'access', tagged: [], untagged: [525] });
    // The access points' ports (Gi1/0/3-5) are trunks: no vmVlan row.
    expect(s.portVlans.find((p) => p.port.name === 'Gi1/0/3')).toBeUndefined();
    expect(s.portVlans.filter((p) => p.pvid === 527)).toHaveLength(44);
  });

  it('the forwarding table is read per VLAN with community@vlan: VLAN 1 answers, VLAN 99 does not (noted); 1002-1005 are not asked', async () => {
    served = await serveRecording('cisco-2960x', { vlans: { 1: 'cisco-2960x' }, timeoutMs: 300 });
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['fdb'] });
    expect(s.fdb).toHaveLength(29);
    expect(s.fdb.every((f) => f.vlan === 1 && f.source === 'bridge-vlan')).toBe(true);
    expect(s.fdb.find((f) => f.mac === '64:f6:9d:b1:e4:4c')?.port.name).toBe('Gi1/0/3');
    expect(s.notes).toContainEqual(expect.objectContaining({ code: 'vlan-context-failed', table: 'dot1dTpFdbTable', message: expect.stringMatching(/^VLAN 99: /) }));
    const communities = served.agent.requests.map((r) => r.community);
    expect(new Set(communities)).toEqual(new Set(['public', 'public@99']));
    expect(communities.some((c) => /@100[2-5]$/.test(c))).toBe(false);
  });

  it('when the first VLAN\'s instance does not answer, no other VLAN is tried and the default instance is read instead', async () => {
    served = await serveRecording('cisco-2960x', { vlans: {}, timeoutMs: 300 });
    const s = await readL2Snapshot(served.walker, { address: '127.0.0.1', parts: ['fdb'] });
    expect(s.fdb).toHaveLength(29);
    expect(s.fdb.every((f) => f.vlan === null && f.source === 'bridge')).toBe(true);
    expect(s.notes.filter((n) => n.code === 'vlan-context-failed').map((n) => n.message)).toEqual([expect.stringMatching(/^VLAN 1: .*the per-VLAN forwarding tables were not read$/)]);
    expect(served.agent.requests.some((r) => r.community === 'public@99')).toBe(false);
  });

  it('community@vlan for v1/v2c, context vlan-N for v3', () => {
    expect(vlanCredential({ version: '2c', community: 'secret' }, 20)).toEqual({ version: '2c', community: 'secret@20' });
    expect(vlanCredential({ version: '3', username: 'u', securityLevel: 'noAuthNoPriv' }, 20)).toEqual({ version: '3', username: 'u', securityLevel: 'noAuthNoPriv', contextName: 'vlan-20' });
  });
});
