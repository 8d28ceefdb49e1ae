import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../main/engine.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, SCREENSHOT_DIR, screenshot } from './support/browser.ts';

/**
 * Interface utilisation on the device page, in Chromium against a real headless host: a switch
 * with three ports measured for two hours (what the if-mib template writes): an uplink that is up
 * at 1 Gbit/s, a port that went down (its old utilisation must not show), and a port whose speed
 * the agent does not report (no utilisation, not 0 %).
 */
async function seed(dataDir: string, now = Date.now()): Promise<string> {
  const engine = await createEngine({ dataDir });
  try {
    const r = await engine.api.call('devices.create', { name: 'access-sw-07', address: '198.18.0.70', tags: ['site-a'] });
    if (!r.ok) throw new Error(r.error.message);
    const device = r.data.id;
    const w = engine.areas.metrics.writer;
    for (let ts = now - 2 * 3600_000; ts <= now; ts += 60_000) {
      const wave = Math.sin(ts / 9e5);
      // Gi1/0/1: up, 1 Gbit/s, 30-70 % in and ~15 % out.
      const up = { device, interface: 'Gi1/0/1', index: '1', alias: 'uplink to core' };
      w.writeNamed('if_oper_status', up, ts, 1);
      w.writeNamed('if_speed_bps', up, ts, 1e9);
      w.writeNamed('if_in_bps', up, ts, (500 + 200 * wave) * 1e6);
      w.writeNamed('if_out_bps', up, ts, (150 + 30 * wave) * 1e6);
      w.writeNamed('if_in_util_pct', up, ts, 50 + 20 * wave);
      w.writeNamed('if_out_util_pct', up, ts, 15 + 3 * wave);
      // Gi1/0/2: up for the first hour, then down (utilisation stopped when it went down).
      const wasUp = ts < now - 3600_000;
      const gone = { device, interface: 'Gi1/0/2', index: '2' };
      w.writeNamed('if_oper_status', gone, ts, wasUp ? 1 : 2);
      w.writeNamed('if_speed_bps', gone, ts, 1e8);
      w.writeNamed('if_in_bps', gone, ts, wasUp ? 40e6 : 0);
      w.writeNamed('if_out_bps', gone, ts, wasUp ? 8e6 : 0);
      if (wasUp) {
        w.writeNamed('if_in_util_pct', gone, ts, 40);
        w.writeNamed('if_out_util_pct', gone, ts, 8);
      }
      // Gi1/0/3: up, traffic, no speed known (ifHighSpeed and ifSpeed 0).
      const unknown = { device, interface: 'Gi1/0/3', index: '3' };
      w.writeNamed('if_oper_status', unknown, ts, 1);
      w.writeNamed('if_speed_bps', unknown, ts, 0);
      w.writeNamed('if_in_bps', unknown, ts, 3e6);
      w.writeNamed('if_out_bps', unknown, ts, 1e6);
      w.writeNamed('ping_rtt_ms', { device }, ts, 1.2 + wave * 0.3);
      if ((ts - now) % (30 * 60_000) === 0) w.flush();
    }
    w.flush();
    return device;
  } finally {
    await engine.stop();
  }
}

describe('Interface utilisation on the device page', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let deviceId: string;
  const data = tempDir();

  beforeAll(async () => {
    deviceId = await seed(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 900 } }));
  });
  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('shows speed and utilisation in/out for the port that is up with a speed, none for a down port or one without a speed; a utilisation graph with the link speed', async () => {
    await page.goto(`${serve.url}/#/devices/${deviceId}`);
    const table = page.getByRole('table', { name: 'Interfaces' });
    await table.getByRole('cell', { name: 'Gi1/0/1', exact: true }).waitFor();
    const cells = async (name: string) => (await table.getByRole('row').filter({ hasText: name }).getByRole('cell').allTextContents()).map((c) => c.trim());
    const headers = (await table.getByRole('columnheader').allTextContents()).map((c) => c.trim().replace(/[▲▼]/g, ''));
    expect(headers).toEqual(['Interface', 'Status', 'Admin', 'Alias', 'Speed', 'In', 'Out', 'Utilisation in/out', 'Errors in/out', 'Updated', 'Graph']);
    const uplink = await cells('Gi1/0/1');
    expect(uplink[4]).toBe('1.0 Gbit/s');
    expect(uplink[7]).toMatch(/^\d+\.\d % \/ \d+\.\d %$/);
    const down = await cells('Gi1/0/2');
    expect(down[1]).toBe('Down');
    expect(down[7]).toBe('—');
    const noSpeed = await cells('Gi1/0/3');
    expect(noSpeed[4]).toBe('—');
    expect(noSpeed[7]).toBe('—');
    const graph = page.getByRole('region', { name: 'Gi1/0/1 (uplink to core) utilisation · 1.0 Gbit/s link' });
    await graph.locator('.recharts-line').first().waitFor();
    await page.getByRole('region', { name: 'Gi1/0/1 (uplink to core) traffic · 1.0 Gbit/s link' }).waitFor();
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `device-utilisation-${scheme}`);
      // The page scrolls inside its layout: the interface table on its own as well.
      await table.scrollIntoViewIfNeeded();
      await page.locator('section', { has: table }).screenshot({ path: path.join(SCREENSHOT_DIR, `device-utilisation-table-${scheme}.png`) });
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });
});
