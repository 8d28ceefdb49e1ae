/**
 * The map as a standalone SVG (the CLI's .svg, the PDF report, the PNG's source): links with both
 * ports written near their ends, nodes as boxes with the name, type and address, the status as the
 * box's border and a dot. Fixed colours and one font family (pdfmake maps it to its Roboto).
 */
import type { Topology, TopologyLink, TopologyNode } from '../api/topology.ts';
import { escapeXml } from '../reports/render-svg.ts';
import { bounds, linkLabel, NODE_H, NODE_W, shortPort, statusColor, subLabel, THEMES } from './map-style.ts';

const FONT = 'Roboto, Helvetica, Arial, sans-serif';

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** Where a port label goes: just outside `a`'s box on the line toward `b` (12 px past the box edge, at most 45 % of the way). */
export function labelPoint(a: { x: number; y: number }, b: { x: number; y: number }): { x: number; y: number } {
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / len;
  const uy = (b.y - a.y) / len;
  const edge = Math.min(ux === 0 ? Infinity : NODE_W / 2 / Math.abs(ux), uy === 0 ? Infinity : NODE_H / 2 / Math.abs(uy));
  const d = Math.min(edge + 12, len * 0.45);
  return { x: a.x + ux * d, y: a.y + uy * d + 3 };
}

function link(l: TopologyLink, byKey: Map<string, TopologyNode>, theme: (typeof THEMES)['light']): string {
  const a = byKey.get(l.a.node);
  const b = byKey.get(l.b.node);
  if (!a || !b) return '';
  const dash = l.source === 'fdb' ? ' stroke-dasharray="6 4"' : '';
  const stroke = l.source === 'fdb' ? theme.inferred : theme.link;
  // Each port on a small plate of the background colour, so the line does not cross the text (no stroke halo: pdfkit draws a text's stroke over its fill).
  const label = (p: string | null, at: { x: number; y: number }) => {
    if (p === null) return '';
    const text = truncate(shortPort(p), 18);
    const w = text.length * 5.2 + 6;
    return `<rect x="${(at.x - w / 2).toFixed(1)}" y="${(at.y - 9).toFixed(1)}" width="${w.toFixed(1)}" height="12" rx="2" fill="${theme.background}"/><text x="${at.x.toFixed(1)}" y="${at.y.toFixed(1)}" font-size="9" fill="${theme.muted}" text-anchor="middle">${escapeXml(text)}</text>`;
  };
  // A host's link has one port (the switch's): written by the host, where it is not crowded by the switch's other ports.
  const labels = l.b.port === null && l.a.port !== null ? label(l.a.port, labelPoint(b, a)) : label(l.a.port, labelPoint(a, b)) + label(l.b.port, labelPoint(b, a));
  return `<g class="link"><title>${escapeXml(`${a.name} ${l.a.port ?? '?'} – ${b.name} ${l.b.port ?? '?'}`)}</title><line x1="${a.x}" y1="${a.y}" x2="${b.x}" y2="${b.y}" stroke="${stroke}" stroke-width="1.5"${dash}/>${labels}</g>`;
}

function node(n: TopologyNode, theme: (typeof THEMES)['light']): string {
  const x = n.x - NODE_W / 2;
  const y = n.y - NODE_H / 2;
  const color = statusColor(n);
  return (
    `<g class="node" data-key="${escapeXml(n.key)}"><title>${escapeXml(`${n.name} (${subLabel(n)})`)}</title>` +
    `<rect x="${x}" y="${y}" width="${NODE_W}" height="${NODE_H}" rx="8" fill="${theme.node}" stroke="${color}" stroke-width="2"${n.kind === 'device' ? '' : ' stroke-dasharray="4 3"'}/>` +
    `<circle cx="${x + 12}" cy="${y + 15}" r="4" fill="${color}"/>` +
    `<text x="${x + 22}" y="${y + 19}" font-size="12" font-weight="600" fill="${theme.text}">${escapeXml(truncate(n.name, 17))}</text>` +
    `<text x="${x + 10}" y="${y + 36}" font-size="9.5" fill="${theme.muted}">${escapeXml(truncate(subLabel(n), 27))}</text></g>`
  );
}

export function renderMapSvg(t: Pick<Topology, 'nodes' | 'links'>, options: { theme?: 'light' | 'dark'; title?: string } = {}): string {
  const theme = THEMES[options.theme ?? 'light'];
  const box = bounds(t);
  const byKey = new Map(t.nodes.map((n) => [n.key, n]));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${box.minX} ${box.minY} ${box.width} ${box.height}" width="${Math.ceil(box.width)}" height="${Math.ceil(box.height)}" font-family="${FONT}">`,
    `<title>${escapeXml(options.title ?? 'Site map')}</title>`,
    `<rect x="${box.minX}" y="${box.minY}" width="${box.width}" height="${box.height}" fill="${theme.background}"/>`,
    ...t.links.map((l) => link(l, byKey, theme)),
    ...t.nodes.map((n) => node(n, theme)),
    '</svg>',
  ];
  return parts.join('\n');
}

export { linkLabel };
