import { execFileSync } from 'node:child_process';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../api/topology.ts';
import { renderMapDot } from './export-dot.ts';
import { renderMapDrawio } from './export-drawio.ts';
import { renderMapSvg } from './export-svg.ts';

const map: Pick<Topology, 'nodes' | 'links'> = {
  nodes: [
    { key: 'core', deviceId: null, name: 'core-sw1', type: 'l3-switch', kind: 'device', address: '198.18.9.1', mac: null, status: 'up', x: 300, y: 0, pinned: false },
    { key: 'acc', deviceId: null, name: 'access "2" <lab>', type: 'switch', kind: 'device', address: '198.18.9.2', mac: null, status: 'down', x: 150, y: 130, pinned: true },
    { key: 'nb:00:3a:99:00:00:01', deviceId: null, name: 'ap-lobby', type: 'wireless-ap', kind: 'neighbor', address: null, mac: '00:3a:99:00:00:01', status: null, x: 450, y: 130, pinned: false },
    { key: 'pc', deviceId: null, name: 'pc-12', type: 'workstation', kind: 'device', address: '10.20.0.12', mac: null, status: 'degraded', x: 150, y: 260, pinned: false },
  ],
  links: [
    { id: 'l1', a: { node: 'core', port: 'Te1/1/1' }, b: { node: 'acc', port: 'Gi1/0/49' }, source: 'lldp', reportedBy: 'both', vlan: null },
    { id: 'l2', a: { node: 'core', port: 'Gi1/0/3' }, b: { node: 'nb:00:3a:99:00:00:01', port: 'eth0' }, source: 'lldp', reportedBy: 'a', vlan: null },
    { id: 'l3', a: { node: 'acc', port: 'Gi1/0/12' }, b: { node: 'pc', port: null }, source: 'fdb', reportedBy: 'a', vlan: 20 },
  ],
};

describe('map exports', () => {
  it('DOT renders in Graphviz (dot -Tsvg): every node and both ports of every link in the drawing', () => {
    const dot = renderMapDot(map);
    const svg = execFileSync('dot', ['-Tsvg'], { input: dot, encoding: 'utf8' }).replace(/&#45;/g, '-');
    for (const text of ['core-sw1', 'access &quot;2&quot; &lt;lab&gt;', 'ap-lobby', 'pc-12', 'Te1/1/1', 'Gi1/0/49', 'Gi1/0/3', 'eth0', 'Gi1/0/12', 'VLAN 20']) expect(svg).toContain(text);
    expect(svg.match(/class="node"/g)).toHaveLength(4);
    expect(svg.match(/class="edge"/g)).toHaveLength(3);
  });

  it('draw.io: one vertex per node with its label, one edge per link with source and target, each port a label on its edge', () => {
    const xml = renderMapDrawio(map);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true }).parse(xml) as { mxfile: { diagram: { mxGraphModel: { root: { mxCell: Array<Record<string, string>> } } } } };
    const cells = doc.mxfile.diagram.mxGraphModel.root.mxCell;
    const vertices = cells.filter((c) => c.vertex === '1' && c.parent === '1');
    const edges = cells.filter((c) => c.edge === '1');
    expect(vertices.map((v) => v.value)).toEqual(['core-sw1\nLayer-3 switch · 198.18.9.1', 'access "2" <lab>\nSwitch · 198.18.9.2', 'ap-lobby\nAccess point · 00:3a:99:00:00:01', 'pc-12\nWorkstation · 10.20.0.12']);
    expect(vertices.every((v) => (v as unknown as { mxGeometry: Record<string, string> }).mxGeometry.width === '150')).toBe(true);
    expect(vertices[1]!.style).toContain('strokeColor=#dc2626');
    expect(vertices[2]!.style).toContain('dashed=1');
    const idOf = (name: string) => vertices.find((v) => v.value!.startsWith(name))!.id;
    expect(edges.map((e) => [e.source, e.target])).toEqual([
      [idOf('core-sw1'), idOf('access')],
      [idOf('core-sw1'), idOf('ap-lobby')],
      [idOf('access'), idOf('pc-12')],
    ]);
    const labels = (edgeId: string) => cells.filter((c) => c.parent === edgeId).map((c) => c.value);
    expect(labels(edges[0]!.id!)).toEqual(['Te1/1/1', 'Gi1/0/49']);
    expect(labels(edges[2]!.id!)).toEqual(['Gi1/0/12']);
    expect(edges[2]!.value).toBe('VLAN 20');
  });

  it('SVG: a well-formed document with each node, both ports on each link, inferred links dashed', () => {
    const svg = renderMapSvg(map, { theme: 'dark' });
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg) as { svg: { g: Array<{ class: string; line?: Record<string, string>; text?: Array<{ '#text': string }> | { '#text': string } }> } };
    const groups = doc.svg.g;
    expect(groups.filter((g) => g.class === 'node')).toHaveLength(4);
    const links = groups.filter((g) => g.class === 'link');
    expect(links.map((g) => [g.text].flat().map((t) => t?.['#text']))).toEqual([['Te1/1/1', 'Gi1/0/49'], ['Gi1/0/3', 'eth0'], ['Gi1/0/12']]);
    expect(links[2]!.line!['stroke-dasharray']).toBe('6 4');
    expect(svg).toContain('fill="#0f172a"');
  });
});
