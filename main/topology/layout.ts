/**
 * The map's automatic layout: a layered tree per connected part of the graph. Its root is the
 * centre of the part's longest path between switches (the core, in a tree); each node's children (the nodes one hop further
 * from the core) sit one layer below it, devices that hang off nothing else (hosts, APs, phones)
 * packed in a small grid under their switch, so a switch with 40 hosts stays compact. Parts are
 * placed side by side, largest first; lone nodes in a grid after them. Linear in nodes + links.
 */
import type { DeviceType } from '../api/discovery.ts';

export interface LayoutNode {
  key: string;
  type: DeviceType;
  name: string;
}

export interface LayoutLink {
  a: { node: string };
  b: { node: string };
}

export interface Point {
  x: number;
  y: number;
}

export const GAP_X = 190;
export const GAP_Y = 130;

const RANK: Partial<Record<DeviceType, number>> = { firewall: 4, router: 4, 'l3-switch': 3, switch: 2, 'wireless-controller': 1, 'load-balancer': 1 };

/** Leaf-grid depths tried; the one whose drawing is closest to a screen's shape wins. */
const GRID_ROWS = [4, 6, 9, 12, 18, 27] as const;
/** Up to this many end nodes under a node sit in one row. */
const ONE_ROW = 6;
/** Width / height of a screen, what the drawing should look like. */
const TARGET_ASPECT = 1.6;

/**
 * Lays the graph out, trying a few leaf-grid depths (a switch's hosts 4 to 27 rows deep) and
 * keeping the one whose drawing is closest to a screen's shape: a row of 30 switches with 9 hosts
 * each is drawn with tall host columns, one switch with 40 hosts with a squarer grid.
 */
export function layoutTopology(nodes: readonly LayoutNode[], links: readonly LayoutLink[]): Map<string, Point> {
  let best: { pos: Map<string, Point>; score: number } | undefined;
  for (const rows of GRID_ROWS) {
    const pos = layoutWith(nodes, links, rows);
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const p of pos.values()) {
      minX = Math.min(minX, p.x);
      maxX = Math.max(maxX, p.x);
      minY = Math.min(minY, p.y);
      maxY = Math.max(maxY, p.y);
    }
    const aspect = (maxX - minX + GAP_X) / (maxY - minY + GAP_Y);
    const score = Math.abs(Math.log(aspect / TARGET_ASPECT));
    if (!best || score < best.score - 1e-9) best = { pos, score };
  }
  return best?.pos ?? new Map();
}

function layoutWith(nodes: readonly LayoutNode[], links: readonly LayoutLink[], gridRows: number): Map<string, Point> {
  const adj = new Map<string, Set<string>>(nodes.map((n) => [n.key, new Set()]));
  for (const l of links) {
    if (l.a.node === l.b.node) continue;
    adj.get(l.a.node)?.add(l.b.node);
    adj.get(l.b.node)?.add(l.a.node);
  }
  const info = new Map(nodes.map((n) => [n.key, n]));
  const score = (k: string) => (adj.get(k)?.size ?? 0) + (RANK[info.get(k)?.type ?? 'unknown'] ?? 0) * 0.5;
  const byName = (a: string, b: string) => (info.get(a)?.name ?? a).localeCompare(info.get(b)?.name ?? b, undefined, { numeric: true });

  /** Farthest node from `from` over the part's inner nodes (those with more than one neighbour), with the BFS parents. */
  const farthest = (from: string, inner: (k: string) => boolean) => {
    const parent = new Map<string, string | null>([[from, null]]);
    const queue = [from];
    for (let i = 0; i < queue.length; i++) {
      for (const m of adj.get(queue[i]!)!) {
        if (!inner(m) || parent.has(m)) continue;
        parent.set(m, queue[i]!);
        queue.push(m);
      }
    }
    return { end: queue.at(-1)!, parent };
  };
  /**
   * The part's root: the middle of its longest path between inner nodes (infrastructure, or more
   * than one neighbour: the core of a tree of switches, whatever hangs off the edges); of two
   * middles the higher kind (router/firewall, L3 switch, switch), then the better-connected.
   */
  const centre = (members: readonly string[]): string => {
    const innerSet = new Set(members.filter((m) => adj.get(m)!.size > 1 || (RANK[info.get(m)?.type ?? 'unknown'] ?? 0) > 0));
    if (innerSet.size === 0) return members.reduce((r, m) => (score(m) > score(r) ? m : r));
    const inner = (k: string) => innerSet.has(k);
    let start = members.find(inner)!;
    for (const m of innerSet) if (score(m) > score(start)) start = m;
    const a = farthest(start, inner).end;
    const { end: b, parent } = farthest(a, inner);
    const path: string[] = [];
    for (let k: string | null | undefined = b; k; k = parent.get(k)) path.push(k);
    const mid = path[Math.floor((path.length - 1) / 2)]!;
    const mid2 = path[Math.ceil((path.length - 1) / 2)]!;
    const rank = (k: string) => RANK[info.get(k)?.type ?? 'unknown'] ?? 0;
    return rank(mid2) > rank(mid) || (rank(mid2) === rank(mid) && score(mid2) > score(mid)) ? mid2 : mid;
  };

  // Connected parts, each as a BFS tree from its root.
  const done = new Set<string>();
  const parts: { root: string; children: Map<string, string[]>; size: number }[] = [];
  const lone: string[] = [];
  for (const n of nodes) {
    if (done.has(n.key)) continue;
    if ((adj.get(n.key)?.size ?? 0) === 0) {
      done.add(n.key);
      lone.push(n.key);
      continue;
    }
    // Gather the part, then pick its root.
    const members: string[] = [n.key];
    done.add(n.key);
    for (let i = 0; i < members.length; i++) {
      for (const m of adj.get(members[i]!)!) {
        if (!done.has(m)) {
          done.add(m);
          members.push(m);
        }
      }
    }
    const root = centre(members);
    const children = new Map<string, string[]>();
    const seen = new Set([root]);
    const queue = [root];
    for (let i = 0; i < queue.length; i++) {
      const k = queue[i]!;
      const kids = [...adj.get(k)!].filter((m) => !seen.has(m)).sort(byName);
      for (const m of kids) {
        seen.add(m);
        queue.push(m);
      }
      children.set(k, kids);
    }
    parts.push({ root, children, size: members.length });
  }
  parts.sort((a, b) => b.size - a.size);

  const pos = new Map<string, Point>();
  /** An end node (a host, an AP, a phone): nothing below it and no other link; it goes in its parent's grid. A switch closing a ring is not one. */
  const isLeaf = (part: (typeof parts)[number], k: string) => (part.children.get(k)?.length ?? 0) === 0 && (adj.get(k)?.size ?? 0) <= 1;
  /**
   * Columns of a leaf grid: a few end nodes in one row (no line crosses a box), more up to
   * `gridRows` rows deep (a switch's hosts hang below it like a bus).
   */
  const gridCols = (leaves: number) => (leaves <= ONE_ROW ? leaves : Math.ceil(leaves / gridRows));
  /** Places one part with its left edge at column `left`; returns its width in columns. */
  const place = (part: (typeof parts)[number], left: number): number => {
    // Pre-order without recursion (a chain of 200 switches is deep).
    const order: string[] = [];
    const stack = [part.root];
    while (stack.length > 0) {
      const k = stack.pop()!;
      order.push(k);
      for (const c of part.children.get(k) ?? []) if (!isLeaf(part, c)) stack.push(c);
    }
    // Widths bottom-up: a node spans its leaf grid plus its branches.
    const width = new Map<string, number>();
    for (let i = order.length - 1; i >= 0; i--) {
      const k = order[i]!;
      const kids = part.children.get(k) ?? [];
      let w = gridCols(kids.filter((c) => isLeaf(part, c)).length);
      for (const c of kids) if (!isLeaf(part, c)) w += width.get(c)!;
      width.set(k, Math.max(1, w));
    }
    // Top-down: each node centred over its span; its leaves in a grid on the left of the span, then its branches.
    const span = new Map<string, { left: number; depth: number }>([[part.root, { left, depth: 0 }]]);
    for (const k of order) {
      const { left: l, depth } = span.get(k)!;
      pos.set(k, { x: (l + width.get(k)! / 2) * GAP_X, y: depth * GAP_Y });
      const kids = part.children.get(k) ?? [];
      const leaves = kids.filter((c) => isLeaf(part, c));
      const cols = gridCols(leaves.length);
      leaves.forEach((c, i) => {
        const row = Math.floor(i / cols);
        const inRow = Math.min(cols, leaves.length - row * cols);
        pos.set(c, { x: (l + (i % cols) + 0.5 + (cols - inRow) / 2) * GAP_X, y: (depth + 1 + row * 0.75) * GAP_Y });
      });
      let cursor = l + cols;
      for (const c of kids) {
        if (isLeaf(part, c)) continue;
        span.set(c, { left: cursor, depth: depth + 1 });
        cursor += width.get(c)!;
      }
    }
    return width.get(part.root)!;
  };

  let left = 0;
  for (const part of parts) left += place(part, left) + 0.5;
  const loneCols = Math.max(4, Math.ceil(Math.sqrt(lone.length)));
  lone.sort(byName).forEach((k, i) => {
    pos.set(k, { x: (left + (i % loneCols) + 0.5) * GAP_X, y: Math.floor(i / loneCols) * GAP_Y * 0.75 });
  });
  return pos;
}
