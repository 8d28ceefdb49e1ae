/**
 * The map as Graphviz DOT: an undirected graph, one node per device or neighbour (label: name,
 * type and address; colour: status), one edge per link with both ports as tail and head labels
 * (FDB-inferred links dashed). Positions are left to Graphviz (`dot -Tsvg map.dot`).
 */
import type { Topology } from '../api/topology.ts';
import { statusColor, subLabel } from './map-style.ts';

/** A DOT double-quoted string. */
export function dotString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\r?\n/g, '\\n')}"`;
}

export function renderMapDot(t: Pick<Topology, 'nodes' | 'links'>, name = 'site'): string {
  const lines = [
    `graph ${dotString(name)} {`,
    '  graph [rankdir=TB, overlap=false, splines=true, nodesep=0.4, ranksep=0.9, fontname="Helvetica"];',
    '  node [shape=box, style="rounded,filled", fillcolor="#f8fafc", fontname="Helvetica", fontsize=10, penwidth=2];',
    '  edge [fontname="Helvetica", fontsize=8, color="#64748b", labelfontsize=8, labelfontcolor="#4b5563"];',
  ];
  for (const n of t.nodes) {
    lines.push(`  ${dotString(n.key)} [label=${dotString(`${n.name}\n${subLabel(n)}`)}, color=${dotString(statusColor(n))}${n.kind === 'device' ? '' : ', style="rounded,filled,dashed"'}];`);
  }
  for (const l of t.links) {
    const attrs = [`taillabel=${dotString(l.a.port ?? '')}`, `headlabel=${dotString(l.b.port ?? '')}`];
    if (l.vlan !== null) attrs.push(`label=${dotString(`VLAN ${l.vlan}`)}`);
    if (l.source === 'fdb') attrs.push('style=dashed');
    lines.push(`  ${dotString(l.a.node)} -- ${dotString(l.b.node)} [${attrs.join(', ')}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
