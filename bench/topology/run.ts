/**
 * Topology benchmark (manual: `node bench/topology/run.ts [--switches N] [--hosts H]`).
 *
 * A synthetic flat site (main/topology/testing/synthetic-site.ts): N switches in a tree, every
 * cable reported by LLDP on both ends, H monitored hosts per switch on edge ports, and every
 * switch's forwarding table holding every host of the site (N × N × H rows), the core's ARP table
 * every host. Times buildTopology and the layout (median of 3), and the three exports.
 * Target: 200 switches build + layout in < 5 s. Exits non-zero when missed.
 */
import { parseArgs } from 'node:util';
import { buildTopology } from '../../main/topology/build-topology.ts';
import { renderMapDot } from '../../main/topology/export-dot.ts';
import { renderMapDrawio } from '../../main/topology/export-drawio.ts';
import { renderMapSvg } from '../../main/topology/export-svg.ts';
import { layoutTopology } from '../../main/topology/layout.ts';
import { syntheticSite } from '../../main/topology/testing/synthetic-site.ts';

const { values } = parseArgs({ options: { switches: { type: 'string', default: '200' }, hosts: { type: 'string', default: '10' } } });
const switches = Number(values.switches);
const hosts = Number(values.hosts);
const site = syntheticSite(switches, hosts);
const rows = site.sources.reduce((n, s) => n + s.snapshot.fdb.length + s.snapshot.neighbors.length + s.snapshot.arp.length, 0);

const times: number[] = [];
let last: ReturnType<typeof buildTopology> | undefined;
let positions: ReturnType<typeof layoutTopology> | undefined;
for (let i = 0; i < 3; i++) {
  const t0 = performance.now();
  last = buildTopology(site.devices, site.sources);
  positions = layoutTopology(last.nodes, last.links);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const median = times[1]!;
const t = { nodes: last!.nodes.map((n) => ({ ...n, ...positions!.get(n.key)!, pinned: false })), links: last!.links };
const e0 = performance.now();
const svg = renderMapSvg(t);
const dot = renderMapDot(t);
const drawio = renderMapDrawio(t);
const exportMs = performance.now() - e0;

console.log(`site: ${switches} switches, ${hosts} hosts each, ${rows.toLocaleString('en')} table rows`);
console.log(`graph: ${last!.nodes.length} nodes, ${last!.links.length} links, work ${last!.work.toLocaleString('en')}`);
console.log(`build + layout: median ${median.toFixed(0)} ms of 3 (${times.map((x) => x.toFixed(0)).join(', ')}); target < 5000 ms`);
console.log(`exports: ${exportMs.toFixed(0)} ms (SVG ${(svg.length / 1024).toFixed(0)} KiB, DOT ${(dot.length / 1024).toFixed(0)} KiB, draw.io ${(drawio.length / 1024).toFixed(0)} KiB)`);
if (median >= 5000) {
  console.error('FAIL: topology build over 5 s');
  process.exit(1);
}
