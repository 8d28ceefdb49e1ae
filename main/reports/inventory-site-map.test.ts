import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Topology } from '../api/topology.ts';
import { renderMapSvg } from '../topology/export-svg.ts';
import { buildInventory } from './builders.ts';
import { renderHtml } from './render-html.ts';
import { renderPdf } from './render-pdf.ts';
import { inventorySnapshot } from './test-fixtures.ts';

const map: Pick<Topology, 'nodes' | 'links'> = {
  nodes: [
    { key: 'a', deviceId: null, name: 'core-sw1', type: 'switch', kind: 'device', address: '198.18.9.1', mac: null, status: 'up', x: 0, y: 0, pinned: false },
    { key: 'b', deviceId: null, name: 'access-sw2', type: 'switch', kind: 'device', address: '198.18.9.2', mac: null, status: 'down', x: 0, y: 130, pinned: false },
  ],
  links: [{ id: 'l', a: { node: 'a', port: 'Te1/1/1' }, b: { node: 'b', port: 'Gi1/0/49' }, source: 'lldp', reportedBy: 'both', vlan: null }],
};

describe('the site map in the inventory report', () => {
  it('a Site map section after the devices table, in the HTML and in the PDF (its names and ports as text)', async () => {
    const doc = buildInventory({ ...inventorySnapshot(3), siteMap: renderMapSvg(map) });
    const headings = doc.sections.map((s) => s.heading);
    expect(headings.indexOf('Site map')).toBe(headings.indexOf('Devices') + 1);
    expect(renderHtml(doc)).toMatch(/<figure><figcaption>Site map<\/figcaption><svg[^>]*>[\s\S]*Gi1\/0\/49/);
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wf-map-')), 'inventory.pdf');
    fs.writeFileSync(file, await renderPdf(doc));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const t of ['Site map', 'core-sw1', 'access-sw2', 'Te1/1/1', 'Gi1/0/49']) expect(text).toContain(t);
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  });

  it('no map (no L2 links): no section', () => {
    expect(buildInventory({ ...inventorySnapshot(3), siteMap: null }).sections.map((s) => s.heading)).not.toContain('Site map');
  });
});
