/**
 * The map of a real cabled site is the cabling: a ring of four "switches" (namespaces joined by
 * veth cables, Debian's lldpd in each, CDP between sw3 and sw4, LLDP-MIB served over AgentX by
 * each switch's snmpd) plus a host that speaks LLDP and one that does not. Each switch is read by
 * the engine's L2 reader, stored as a monitored device's snapshot, and topology.get must draw one
 * link per cable with both ports by name (the ring's cycle included), the LLDP host as an
 * unmonitored neighbour on its port, and nothing for the silent host. The DOT export renders.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Topology } from '../../main/api/topology.ts';
import { createEngine, type Engine } from '../../main/engine.ts';
import { readL2Snapshot } from '../../main/l2/read-l2.ts';
import { createSessionWalker } from '../../main/l2/session-walker.ts';
import { createSnmpClient, type SnmpClient } from '../../main/snmp/index.ts';
import { renderPng } from '../../main/topology/render-png.ts';
import { tempDir } from '../support/temp-dir.ts';
import { describeLab } from './describe-lab.ts';
import { createL2Site, type L2Site, type SiteLink } from './l2-site.ts';

const SHOTS = path.resolve(import.meta.dirname, '../../test-results/screenshots');

const SWITCH_LINKS: SiteLink[] = [
  { a: 'sw1', aPort: 'p2', b: 'sw2', bPort: 'p1' },
  { a: 'sw2', aPort: 'p2', b: 'sw3', bPort: 'p1' },
  { a: 'sw3', aPort: 'p2', b: 'sw4', bPort: 'p1' },
  { a: 'sw4', aPort: 'p2', b: 'sw1', bPort: 'p1' },
];
const HOST_LINKS: SiteLink[] = [
  { a: 'h1', aPort: 'eth0', b: 'sw1', bPort: 'p3' },
  { a: 'h2', aPort: 'eth0', b: 'sw3', bPort: 'p3' },
];

describeLab('Topology: the map of an lldpd site is its cabling', () => {
  let site: L2Site;
  let client: SnmpClient;
  let engine: Engine;
  let topology: Topology;
  const data = tempDir();

  beforeAll(async () => {
    site = await createL2Site({
      name: 'ring',
      nodes: [
        { name: 'sw1', kind: 'switch' },
        { name: 'sw2', kind: 'switch' },
        { name: 'sw3', kind: 'switch', cdp: true },
        { name: 'sw4', kind: 'switch', cdp: true },
        { name: 'h1', kind: 'host', lldp: true },
        { name: 'h2', kind: 'host' },
      ],
      links: [...SWITCH_LINKS, ...HOST_LINKS],
    });
    await site.waitForNeighbours(30_000);
    client = createSnmpClient({ sockets: 1 });
    engine = await createEngine({ dataDir: data.dir, pollers: false });
    for (const sw of Object.values(site.switches)) {
      const created = await engine.api.call('devices.create', { name: sw.name, address: sw.address });
      if (!created.ok) throw new Error(created.error.message);
      const session = await client.session(sw.address, { version: '2c', community: 'public' });
      engine.areas.l2.save(created.data.id, await readL2Snapshot(createSessionWalker({ session, timeoutMs: 1000, retries: 1 }), { address: sw.address }));
    }
    const t = await engine.api.call('topology.get', {});
    if (!t.ok) throw new Error(t.error.message);
    topology = t.data;
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await engine?.stop();
    await site?.destroy();
    data.cleanup();
  });

  const names = () => new Map(topology.nodes.map((n) => [n.key, n.name]));
  const cable = (a: string, ap: string | null, b: string, bp: string | null) => [`${a}:${ap}`, `${b}:${bp}`].sort().join(' – ');

  it('one link per cable between the switches, both ends reporting, both ports by name; the ring closes', () => {
    const name = names();
    const drawn = topology.links.filter((l) => name.get(l.a.node)?.startsWith('sw') && name.get(l.b.node)?.startsWith('sw'));
    expect(drawn.map((l) => cable(name.get(l.a.node)!, l.a.port, name.get(l.b.node)!, l.b.port)).sort()).toEqual(SWITCH_LINKS.map((l) => cable(l.a, l.aPort, l.b, l.bPort)).sort());
    expect(drawn.every((l) => l.reportedBy === 'both')).toBe(true);
    // sw3–sw4 was learned by CDP in lldpd but is served in LLDP-MIB: still one link.
    expect(drawn.filter((l) => [name.get(l.a.node), name.get(l.b.node)].sort().join() === 'sw3,sw4')).toHaveLength(1);
  });

  it('the LLDP host is an unmonitored neighbour on sw1 p3 with its own port; the silent host is not on the map', () => {
    const name = names();
    const h1 = topology.nodes.find((n) => n.name === 'h1');
    expect(h1).toMatchObject({ kind: 'neighbor', deviceId: null });
    const hostLinks = topology.links.filter((l) => l.a.node === h1!.key || l.b.node === h1!.key);
    expect(hostLinks.map((l) => cable(name.get(l.a.node)!, l.a.port, name.get(l.b.node)!, l.b.port))).toEqual([cable('h1', 'eth0', 'sw1', 'p3')]);
    expect(topology.nodes.map((n) => n.name).sort()).toEqual(['h1', 'sw1', 'sw2', 'sw3', 'sw4']);
    expect(topology.links).toHaveLength(5);
  });

  it('the DOT export of the lab site renders in Graphviz with every port', async () => {
    const dot = await engine.api.call('topology.export', { format: 'dot' });
    if (!dot.ok) throw new Error(dot.error.message);
    const svg = execFileSync('dot', ['-Tsvg'], { input: dot.data.text, encoding: 'utf8' });
    expect(svg.match(/class="edge"/g)).toHaveLength(5);
    for (const port of ['p1', 'p2', 'p3', 'eth0']) expect(svg).toContain(`>${port}<`);
    // The map's own drawing, as PNG (Chromium headless), kept with the test results to look at.
    const map = await engine.api.call('topology.export', { format: 'svg' });
    if (!map.ok) throw new Error(map.error.message);
    fs.mkdirSync(SHOTS, { recursive: true });
    const png = await renderPng(map.data.text);
    fs.writeFileSync(path.join(SHOTS, 'map-lab-ring.png'), png);
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  });
});
