import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi } from './support/browser.ts';
import { screenshotBothThemes } from './support/lab-scan.ts';
import { seedUxDevices } from './support/seed-ux.ts';

/**
 * The Devices list carries the key numbers per row (issue 18 item 6): latency and loss over the
 * loss window, uptime, last seen and open alerts, each sortable; the Notes of a discovered device
 * say where it came from without the scan's id.
 */
describe('Devices list columns in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    await seedUxDevices(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1440, height: 900 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  const cells = async (name: string): Promise<Record<string, string>> => {
    const table = page.getByRole('table', { name: 'Devices' });
    const headers = (await table.locator('thead th').allTextContents()).map((h) => h.replace(/[▲▼]/g, '').trim());
    const row = table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    const values = await row.locator('td').allInnerTexts();
    return Object.fromEntries(headers.map((h, i) => [h, (values[i] ?? '').trim()]));
  };

  it('shows latency, loss (5 min), uptime, last seen and open alerts per row', async () => {
    await page.goto(`${serve.url}/#/devices`);
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('link', { name: 'core-sw', exact: true }).waitFor();
    await expect.poll(async () => (await cells('core-sw'))['Loss 5 min']).toBe('25.0 %');
    expect(await cells('core-sw')).toMatchObject({ Latency: '42 ms', Alerts: '1' });
    expect(await cells('edge-rtr')).toMatchObject({ Latency: '0.84 ms', 'Loss 5 min': '0 %', Uptime: '3 d 4 h', Alerts: '—' });
    expect(await cells('files')).toMatchObject({ Latency: '—', 'Loss 5 min': '—', Uptime: '—' });
    // The notes say what the note says, not the scan's id.
    const notes = (await cells('edge-rtr')).Notes!;
    expect(notes).toContain('Added from discovery (router, Cisco, ISR4331)');
    expect(notes).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    await screenshotBothThemes(page, 'ux-devices-columns-1440');
    expect(errors).toEqual([]);
  });

  it('sorts by each number, devices without a figure last', async () => {
    const table = page.getByRole('table', { name: 'Devices' });
    const names = () => table.locator('tbody tr:not(.spacer) .cell-name a').allTextContents();
    await table.getByRole('button', { name: 'Latency' }).click();
    await expect.poll(names).toEqual(['edge-rtr', 'core-sw', 'files']);
    await table.getByRole('button', { name: 'Latency' }).click();
    await expect.poll(names).toEqual(['core-sw', 'edge-rtr', 'files']);
    await table.getByRole('button', { name: 'Loss 5 min' }).click();
    await expect.poll(names).toEqual(['edge-rtr', 'core-sw', 'files']);
    await table.getByRole('button', { name: 'Alerts' }).click();
    await table.getByRole('button', { name: 'Alerts' }).click();
    await expect.poll(names).toEqual(['core-sw', 'edge-rtr', 'files']);
    await table.getByRole('button', { name: 'Uptime' }).click();
    await expect.poll(async () => (await names())[0]).toBe('edge-rtr');
    expect(errors).toEqual([]);
  });
});
