import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';
import { type SeededDevice, seedDevicesWithMetrics } from './support/seed-metrics.ts';

/**
 * The pages a technician uses all day, in Chromium against a real headless host: a device with a
 * day of graphs, a ping from the Diagnostics page, an alert rule, and every page in both themes.
 */
describe('Pages in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let devices: SeededDevice[];
  const data = tempDir();

  beforeAll(async () => {
    devices = await seedDevicesWithMetrics(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 860 } }));
    page.on('console', (msg) => {
      if (msg.type() === 'warning') console.warn(`browser: ${msg.text()}`);
    });
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('pings 127.0.0.1 from the Diagnostics page: a field error first, then replies stream in and a summary follows', async () => {
    await page.goto(`${serve.url}/#/diagnostics`);
    const form = page.getByRole('form', { name: 'Ping' });
    await form.getByLabel('Targets').fill('192.0.2.300');
    await form.getByRole('button', { name: 'Start ping' }).click();
    await form.getByText('"192.0.2.300" is not a valid IPv4 address', { exact: false }).waitFor();

    await form.getByLabel('Targets').fill('127.0.0.1');
    await form.getByLabel('Count').fill('4');
    await form.getByLabel('Interval (s)').fill('0.3');
    await form.getByRole('button', { name: 'Start ping' }).click();
    const replies = page.getByRole('table', { name: 'Ping replies' });
    await replies.getByRole('cell', { name: 'Reply', exact: true }).first().waitFor();
    const summary = page.getByRole('table', { name: 'Ping summary' });
    await summary.waitFor();
    expect(await replies.getByRole('cell', { name: 'Reply', exact: true }).count()).toBe(4);
    expect(await summary.getByRole('row').nth(1).getByRole('cell').nth(2).textContent()).toBe('4');
    await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor();
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `diagnostics-ping-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('creates an alert rule (after a field error) and lists it', async () => {
    await page.goto(`${serve.url}/#/alerts`);
    await page.getByRole('tab', { name: 'Rules' }).click();
    await page.getByRole('button', { name: 'New rule' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Save rule' }).click();
    await dialog.getByText('Name is required').waitFor();
    await dialog.getByLabel('Rule name').fill('High latency on core');
    await dialog.getByLabel('Limit', { exact: true }).fill('150');
    await dialog.getByLabel('Severity').selectOption('critical');
    await screenshot(page, 'alerts-rule-dialog-light');
    await dialog.getByRole('button', { name: 'Save rule' }).click();
    await dialog.waitFor({ state: 'detached' });
    const rules = page.getByRole('table', { name: 'Alert rules' });
    await rules.getByRole('cell', { name: 'High latency on core', exact: true }).waitFor();
    expect(await rules.getByText('ping_rtt_ms above 150 for 60 s').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('shows a device with its graphs, interfaces and time ranges', async () => {
    const device = devices[0]!;
    await page.goto(`${serve.url}/#/devices`);
    await page.getByRole('link', { name: device.name }).click();
    await page.getByRole('heading', { name: device.name }).waitFor();
    await page.getByRole('region', { name: 'Latency' }).locator('.recharts-line').first().waitFor();
    await page.getByRole('table', { name: 'Interfaces' }).getByRole('cell', { name: 'ge-0/0/0' }).waitFor();
    await page.getByRole('button', { name: '24 h' }).click();
    await page.getByRole('region', { name: 'Latency' }).locator('.recharts-line').first().waitFor();
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `device-detail-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });

  it('shows every page in both themes without console errors', async () => {
    const pages: Array<[string, string]> = [
      ['#/dashboard', 'dashboard'],
      ['#/devices', 'devices'],
      ['#/discovery', 'discovery'],
      ['#/alerts', 'alerts'],
      ['#/reports', 'reports'],
      ['#/settings', 'settings'],
    ];
    for (const [hash, name] of pages) {
      await page.goto(`${serve.url}/${hash}`);
      await page.getByRole('main').waitFor();
      await page.waitForTimeout(400);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `page-${name}-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.goto(`${serve.url}/#/alerts`);
    for (const tab of ['Maintenance', 'Deliveries'] as const) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(200);
      await screenshot(page, `alerts-${tab.toLowerCase()}-light`);
    }
    expect(errors).toEqual([]);
  });
});
