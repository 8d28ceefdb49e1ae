import { describe, expect, it } from 'vitest';
import { buildTopology } from './build-topology.ts';
import { GAP_X, layoutTopology } from './layout.ts';
import { NODE_H, NODE_W } from './map-style.ts';
import { switchId, syntheticSite } from './testing/synthetic-site.ts';

describe('automatic layout', () => {
  it('300 nodes: no two boxes overlap, the core on top, each switch above the switches below it', () => {
    const site = syntheticSite(30, 9);
    const t = buildTopology(site.devices, site.sources);
    expect(t.nodes).toHaveLength(300);
    const pos = layoutTopology(t.nodes, t.links);
    expect(pos.size).toBe(300);
    const boxes = [...pos.values()].sort((a, b) => a.x - b.x || a.y - b.y);
    // Sweep by x: only boxes within one box width can overlap.
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length && boxes[j]!.x - boxes[i]!.x < NODE_W; j++) {
        expect(Math.abs(boxes[j]!.y - boxes[i]!.y) >= NODE_H || Math.abs(boxes[j]!.x - boxes[i]!.x) >= NODE_W).toBe(true);
      }
    }
    // The root is the centre of the switch tree (sw0 or sw1 here: 21-5-1-0-4-20 is its longest path), so four layers of switches at most.
    const top = t.nodes.find((n) => pos.get(n.key)!.y === Math.min(...boxes.map((b) => b.y)))!;
    expect([switchId(0), switchId(1)]).toContain(top.key);
    expect(new Set(t.nodes.filter((n) => n.type === 'switch').map((n) => pos.get(n.key)!.y)).size).toBeLessThanOrEqual(4);
    for (const l of t.links.filter((x) => x.source === 'lldp')) expect(pos.get(l.a.node)!.y).not.toBe(pos.get(l.b.node)!.y);
    // Readable at 100+ nodes: the drawing is not a single row (width and height both grow).
    const xs = boxes.map((b) => b.x);
    const ys = boxes.map((b) => b.y);
    expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan((300 * GAP_X) / 4);
    expect(Math.max(...ys) - Math.min(...ys)).toBeGreaterThan(2 * NODE_H);
  });

  it('lone nodes go in a grid beside the linked ones; the layout is the same for the same input', () => {
    const nodes = [
      { key: 'a', name: 'a', type: 'switch' as const },
      { key: 'b', name: 'b', type: 'server' as const },
      { key: 'c', name: 'c', type: 'printer' as const },
    ];
    const links = [{ a: { node: 'a' }, b: { node: 'b' } }];
    const p = layoutTopology(nodes, links);
    expect(p.get('a')!.y).toBeLessThan(p.get('b')!.y);
    expect(p.get('c')!.x).toBeGreaterThan(Math.max(p.get('a')!.x, p.get('b')!.x));
    expect([...layoutTopology(nodes, links)]).toEqual([...p]);
  });
});
