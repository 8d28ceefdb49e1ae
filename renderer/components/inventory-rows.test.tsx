import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { InventoryRows } from './inventory-rows.tsx';

describe('inventory rows', () => {
  it('names serial, firmware and hardware revision, with a dash for what is unknown (or absent in older results)', () => {
    const html = renderToStaticMarkup(<InventoryRows facts={{ serial: 'FOC1234X0AB', firmware: '16.12.4' }} />);
    expect(html).toBe(
      '<div><dt>Serial</dt><dd class="mono">FOC1234X0AB</dd></div><div><dt>Firmware</dt><dd class="mono">16.12.4</dd></div><div><dt>HW revision</dt><dd><span class="muted">—</span></dd></div>',
    );
  });
});
