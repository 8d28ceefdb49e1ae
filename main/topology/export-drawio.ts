/**
 * The map as a draw.io file (mxGraph XML, uncompressed so it stays editable and diffable): one
 * vertex mxCell per node (its name, type and address as the label, the status as its border),
 * one edge mxCell per link (source and target set, so moving a box in draw.io drags its links)
 * with each end's port as an edge label placed near that end. Positions are the map's.
 */
import type { Topology } from '../api/topology.ts';
import { escapeXml } from '../reports/render-svg.ts';
import { bounds, NODE_H, NODE_W, statusColor, subLabel } from './map-style.ts';

/** An XML attribute value; newlines kept as &#10; (draw.io's line break in a plain label). */
const attr = (s: string) => escapeXml(s).replace(/\r?\n/g, '&#10;');

export function renderMapDrawio(t: Pick<Topology, 'nodes' | 'links'>, name = 'Site map', modified = new Date(0)): string {
  const box = bounds(t);
  const ids = new Map(t.nodes.map((n, i) => [n.key, `n${i + 1}`]));
  const cells: string[] = ['<mxCell id="0"/>', '<mxCell id="1" parent="0"/>'];
  for (const n of t.nodes) {
    const style = `rounded=1;whiteSpace=wrap;html=0;arcSize=16;fillColor=#f8fafc;strokeColor=${statusColor(n)};strokeWidth=2;fontColor=#111827;fontSize=11;${n.kind === 'device' ? '' : 'dashed=1;'}`;
    cells.push(
      `<mxCell id="${ids.get(n.key)}" value="${attr(`${n.name}\n${subLabel(n)}`)}" style="${style}" vertex="1" parent="1">` +
        `<mxGeometry x="${(n.x - NODE_W / 2 - box.minX).toFixed(0)}" y="${(n.y - NODE_H / 2 - box.minY).toFixed(0)}" width="${NODE_W}" height="${NODE_H}" as="geometry"/></mxCell>`,
    );
  }
  t.links.forEach((l, i) => {
    const source = ids.get(l.a.node);
    const target = ids.get(l.b.node);
    if (!source || !target) return;
    const id = `e${i + 1}`;
    const style = `endArrow=none;startArrow=none;html=0;strokeColor=#64748b;strokeWidth=1.5;${l.source === 'fdb' ? 'dashed=1;' : ''}`;
    cells.push(`<mxCell id="${id}" value="${l.vlan === null ? '' : `VLAN ${l.vlan}`}" style="${style}" edge="1" parent="1" source="${source}" target="${target}"><mxGeometry relative="1" as="geometry"/></mxCell>`);
    const end = (port: string | null, x: number, suffix: string) =>
      port === null
        ? ''
        : `<mxCell id="${id}${suffix}" value="${attr(port)}" style="edgeLabel;html=0;fontSize=9;fontColor=#4b5563;labelBackgroundColor=#ffffff;resizable=0;" vertex="1" connectable="0" parent="${id}"><mxGeometry x="${x}" relative="1" as="geometry"><mxPoint as="offset"/></mxGeometry></mxCell>`;
    cells.push(end(l.a.port, -0.7, 'a'), end(l.b.port, 0.7, 'b'));
  });
  return [
    `<mxfile host="WARD FLUX" modified="${modified.toISOString()}" type="device">`,
    `<diagram id="wardflux-map" name="${attr(name)}">`,
    `<mxGraphModel dx="${Math.ceil(box.width)}" dy="${Math.ceil(box.height)}" grid="1" gridSize="10" guides="1" tooltips="1" connect="1" arrows="0" fold="1" page="0" pageScale="1" math="0" shadow="0">`,
    '<root>',
    ...cells.filter(Boolean),
    '</root>',
    '</mxGraphModel>',
    '</diagram>',
    '</mxfile>',
    '',
  ].join('\n');
}
