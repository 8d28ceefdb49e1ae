/** What every drawing of the map shares: status colours, node size, labels. Fixed colours (no CSS variables: pdfkit and draw.io read plain values). */
import type { DeviceStatus } from '../api/devices.ts';
import { DEVICE_TYPE_LABELS } from '../api/device-type-labels.ts';
import type { Topology, TopologyLink, TopologyNode } from '../api/topology.ts';

export const NODE_W = 150;
export const NODE_H = 46;

export const STATUS_COLOR: Record<DeviceStatus | 'none', string> = { up: '#16a34a', down: '#dc2626', degraded: '#d97706', unknown: '#6b7280', none: '#94a3b8' };

export interface MapTheme {
  background: string;
  node: string;
  text: string;
  muted: string;
  link: string;
  inferred: string;
}

export const THEMES: Record<'light' | 'dark', MapTheme> = {
  light: { background: '#ffffff', node: '#f8fafc', text: '#111827', muted: '#4b5563', link: '#64748b', inferred: '#94a3b8' },
  dark: { background: '#0f172a', node: '#1e293b', text: '#f1f5f9', muted: '#cbd5e1', link: '#94a3b8', inferred: '#64748b' },
};

export const statusColor = (n: Pick<TopologyNode, 'status'>) => STATUS_COLOR[n.status ?? 'none'];
export const typeLabel = (n: Pick<TopologyNode, 'type'>) => DEVICE_TYPE_LABELS[n.type];
/** The node's second line: its type and address (or MAC). */
export const subLabel = (n: TopologyNode) => [typeLabel(n), n.address ?? n.mac].filter(Boolean).join(' · ');

/** 'Gi1/0/1 – Gi0/48' (a missing end as '?'). */
export const linkLabel = (l: TopologyLink) => `${l.a.port ?? '?'} – ${l.b.port ?? '?'}`;

/** The drawing's extent (nodes' centres plus their boxes), with a margin. */
export function bounds(t: Pick<Topology, 'nodes'>, margin = 40): { minX: number; minY: number; width: number; height: number } {
  if (t.nodes.length === 0) return { minX: 0, minY: 0, width: 2 * margin + NODE_W, height: 2 * margin + NODE_H };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const n of t.nodes) {
    minX = Math.min(minX, n.x - NODE_W / 2);
    minY = Math.min(minY, n.y - NODE_H / 2);
    maxX = Math.max(maxX, n.x + NODE_W / 2);
    maxY = Math.max(maxY, n.y + NODE_H / 2);
  }
  return { minX: minX - margin, minY: minY - margin, width: maxX - minX + 2 * margin, height: maxY - minY + 2 * margin };
}

const SHORT_PORTS: Array<[RegExp, string]> = [
  [/^HundredGig(abit)?E(thernet)?/i, 'Hu'],
  [/^FortyGig(abit)?E(thernet)?/i, 'Fo'],
  [/^TwentyFiveGig(abit)?E(thernet)?/i, 'Twe'],
  [/^TenGig(abit)?E(thernet)?/i, 'Te'],
  [/^GigabitEthernet/i, 'Gi'],
  [/^FastEthernet/i, 'Fa'],
  [/^Port-channel/i, 'Po'],
  [/^Ethernet(?=\d)/i, 'Eth'],
];

/** A port as a label: Cisco-style long names shortened (GigabitEthernet1/0/1 → Gi1/0/1); the full name stays in the title. */
export function shortPort(name: string): string {
  for (const [re, short] of SHORT_PORTS) if (re.test(name)) return name.replace(re, short);
  return name;
}
