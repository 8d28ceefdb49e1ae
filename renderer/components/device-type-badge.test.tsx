import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DEVICE_TYPES, TYPE_LABELS } from '../lib/discovery.ts';
import { DeviceTypeBadge, DeviceTypeIcon } from './device-type-badge.tsx';

// DEVICE_TYPES is the keys of TYPE_LABELS, which `satisfies` the contract's DEVICE_TYPE_LABELS
// (every DeviceType, with the same words): so these loops cover every type the engine can send.
const SHAPE = /<(path|rect|circle|ellipse)\b/;

describe('device type icons and badges', () => {
  it('includes the types a technician needs besides the classic ones', () => {
    expect(DEVICE_TYPES).toEqual(expect.arrayContaining(['pdu', 'sensor', 'load-balancer', 'voip-gateway', 'nas', 'appliance']));
  });

  it('draws an icon of its own for every type, in the shared line style', () => {
    const drawings = new Map<string, string>();
    for (const type of DEVICE_TYPES) {
      const svg = renderToStaticMarkup(<DeviceTypeIcon type={type} />);
      expect(svg, type).toMatch(SHAPE);
      expect(svg, type).toContain('viewBox="0 0 24 24"');
      expect(svg, type).toContain('stroke="currentColor"');
      const twin = drawings.get(svg);
      expect(twin, `${type} is drawn as ${twin}`).toBeUndefined();
      drawings.set(svg, type);
    }
  });

  it('names every type in words (no two alike) with a colour family', () => {
    expect(new Set(DEVICE_TYPES.map((t) => TYPE_LABELS[t])).size).toBe(DEVICE_TYPES.length);
    for (const type of DEVICE_TYPES) {
      const html = renderToStaticMarkup(<DeviceTypeBadge type={type} />);
      expect(html, type).toContain(`>${TYPE_LABELS[type]}</span>`);
      expect(html, type).toMatch(/class="badge type-badge type-(network|compute|endpoint|unknown)"/);
      expect(html, type).toMatch(SHAPE);
    }
  });

  it('puts the new types in families: load balancer and VoIP gateway carry traffic, NAS keeps data, the rest are endpoints', () => {
    const tone = (type: (typeof DEVICE_TYPES)[number]) => /type-(\w+)"/.exec(renderToStaticMarkup(<DeviceTypeBadge type={type} />))?.[1];
    expect((['load-balancer', 'voip-gateway'] as const).map(tone)).toEqual(['network', 'network']);
    expect(tone('nas')).toBe('compute');
    expect((['pdu', 'sensor', 'appliance'] as const).map(tone)).toEqual(['endpoint', 'endpoint', 'endpoint']);
    expect(renderToStaticMarkup(<DeviceTypeBadge type="pdu" />)).toContain('>PDU</span>');
    expect(renderToStaticMarkup(<DeviceTypeBadge type="sensor" />)).toContain('>Environment sensor</span>');
  });
});
