/**
 * Neighbours that really exist: a chain of four "switches" (namespaces, veth cables) plus two
 * hosts, Debian's lldpd in every switch sending LLDP (and CDP between sw3 and sw4, where lldpd
 * keeps the neighbour as learned by CDP), its SNMP subagent attached to the switch's snmpd over AgentX. The neighbours WARD FLUX
 * reads from each switch's LLDP-MIB (the engine's reader, and `wardflux neighbors`) must be the
 * cabling the test built, ports by name.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { L2Snapshot } from '../../main/api/l2.ts';
import { readL2Snapshot } from '../../main/l2/read-l2.ts';
import { createSessionWalker } from '../../main/l2/session-walker.ts';
import { createSnmpClient, type SnmpClient } from '../../main/snmp/index.ts';
import { runCliInProcess } from '../support/run-cli.ts';
import { describeLab } from './describe-lab.ts';
import { createL2Site, type L2Site, type SiteLink } from './l2-site.ts';

const LINKS: SiteLink[] = [
  { a: 'sw1', aPort: 'p2', b: 'sw2', bPort: 'p1' },
  { a: 'sw2', aPort: 'p2', b: 'sw3', bPort: 'p1' },
  { a: 'sw3', aPort: 'p2', b: 'sw4', bPort: 'p1' },
  { a: 'h1', aPort: 'eth0', b: 'sw1', bPort: 'p3' },
  { a: 'h2', aPort: 'eth0', b: 'sw4', bPort: 'p3' },
];

describeLab('L2: LLDP and CDP neighbours from lldpd over AgentX', () => {
  let site: L2Site;
  let client: SnmpClient;
  const snapshots = new Map<string, L2Snapshot>();

  beforeAll(async () => {
    site = await createL2Site({
      name: 'chain',
      nodes: [
        { name: 'sw1', kind: 'switch' },
        { name: 'sw2', kind: 'switch' },
        { name: 'sw3', kind: 'switch', cdp: true },
        { name: 'sw4', kind: 'switch', cdp: true },
        { name: 'h1', kind: 'host', lldp: true },
        { name: 'h2', kind: 'host' },
      ],
      links: LINKS,
    });
    await site.waitForNeighbours(30_000);
    client = createSnmpClient({ sockets: 1 });
    for (const sw of Object.values(site.switches)) {
      const session = await client.session(sw.address, { version: '2c', community: 'public' });
      snapshots.set(sw.name, await readL2Snapshot(createSessionWalker({ session, timeoutMs: 1000, retries: 1 }), { address: sw.address, parts: ['neighbors'] }));
    }
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await site?.destroy();
  });

  it('every cable between lldpd speakers is seen from both ends, with both ports by name, and nothing else', () => {
    const seen = new Set<string>();
    for (const [name, s] of snapshots) for (const n of s.neighbors) seen.add(`${name}:${n.localPort.name} -> ${n.sysName}:${n.portId}`);
    const expected = new Set<string>();
    for (const l of LINKS) {
      if (l.b !== 'h2' && l.a !== 'h2') {
        if (site.switches[l.a]) expected.add(`${l.a}:${l.aPort} -> ${l.b}:${l.bPort}`);
        if (site.switches[l.b]) expected.add(`${l.b}:${l.bPort} -> ${l.a}:${l.aPort}`);
      }
    }
    expect([...seen].sort().join('\n')).toBe([...expected].sort().join('\n'));
  });

  it('local ports resolve to the switch\'s own interfaces (ifIndex and ifName), remote switches state bridge and a management address', () => {
    const sw2 = snapshots.get('sw2')!;
    for (const n of sw2.neighbors) {
      const iface = sw2.interfaces.find((i) => i.ifIndex === n.localPort.ifIndex);
      expect(iface?.name).toBe(n.localPort.name);
    }
    const toSw1 = sw2.neighbors.find((n) => n.sysName === 'sw1');
    expect(toSw1).toMatchObject({ capabilities: ['bridge'], managementAddresses: [site.switches.sw1!.address], sysDescr: 'WARD FLUX lab switch sw1' });
  });

  it('the CDP link (sw3-sw4) is a neighbour on both ends too (lldpd learned it by CDP and serves it in LLDP-MIB)', async () => {
    expect(snapshots.get('sw3')!.neighbors.find((n) => n.localPort.name === 'p2')).toMatchObject({ sysName: 'sw4', portId: 'p1' });
    expect(snapshots.get('sw4')!.neighbors.map((n) => `${n.localPort.name} ${n.sysName}`)).toEqual(['p1 sw3']);
    const r = await site.execIn('sw3', 'lldpcli', ['-u', `${site.tempDir}/sw3/lldpd.sock`, 'show', 'neighbors', 'ports', 'p2']);
    expect(r.stdout).toMatch(/via: CDPv\d/);
  });

  it('a host\'s LLDP without a management address is kept, with the oddity noted; a host without LLDP is no neighbour', () => {
    const sw1 = snapshots.get('sw1')!;
    expect(sw1.neighbors.find((n) => n.localPort.name === 'p3')).toMatchObject({ sysName: 'h1', portId: 'eth0', managementAddresses: [] });
    expect(sw1.notes).toContainEqual({ code: 'neighbor-without-address', table: 'lldpRemManAddrTable', message: 'LLDP neighbour h1 on p3 has no management address' });
    expect(snapshots.get('sw4')!.neighbors.some((n) => n.localPort.name === 'p3')).toBe(false);
  });

  it('wardflux neighbors against a lab switch: one line per neighbour, ports by name', async () => {
    const r = await runCliInProcess(['neighbors', '-r', '1', '-t', '1', site.switches.sw2!.address]);
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.slice(1).map((l) => l.split(/\s+/).slice(0, 4).join(' ')).sort()).toEqual(['p1 lldp sw1 p2', 'p2 lldp sw3 p1']);
  });

  it('every daemon the site started is running and is stopped by its PID on destroy', () => {
    const pids = site.daemonPids();
    expect(pids.length).toBe(4 * 2 + 1);
    for (const pid of pids) expect(() => process.kill(pid, 0)).not.toThrow();
  });
});
