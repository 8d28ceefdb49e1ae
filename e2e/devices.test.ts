import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';

/**
 * A technician's first minutes with the headless host: open the UI, add a device (after a
 * mistake the form points out), reload and find it still there, edit it, delete it.
 */
describe('Devices page in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 800 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('adds a device, shows field errors, persists across reload, edits and deletes', async () => {
    await page.goto(`${serve.url}/#/devices`);
    await page.getByRole('button', { name: 'Add device' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('core-sw-01');
    await dialog.getByLabel('Address').fill('198.18.0.300');
    await dialog.getByLabel('Tags').fill('core, site-a');
    await dialog.getByRole('button', { name: 'Save' }).click();

    // The engine's validation message appears next to the Address field; nothing is saved.
    await expect.poll(() => dialog.getByText('"198.18.0.300" is not a valid IPv4 address', { exact: false }).isVisible()).toBe(true);
    await screenshot(page, 'devices-add-error-light');
    await dialog.getByLabel('Address').fill('198.18.0.30');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const table = page.getByRole('table', { name: 'Devices' });
    await table.getByRole('cell', { name: 'core-sw-01', exact: true }).waitFor();
    expect(await table.getByRole('cell', { name: '198.18.0.30', exact: true }).isVisible()).toBe(true);

    // A duplicate name is refused with the engine's words.
    await page.getByRole('button', { name: 'Add device' }).click();
    await dialog.getByLabel('Name').fill('CORE-SW-01');
    await dialog.getByLabel('Address').fill('198.18.0.31');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.getByText('Name already in use').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    await page.reload();
    await table.getByRole('cell', { name: 'core-sw-01', exact: true }).waitFor();
    await screenshot(page, 'devices-list-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'devices-list-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Standalone: the device is WARD FLUX's own, the source filter finds it, and without a Zabbix
    // server the push is disabled with the reason next to it.
    const row = table.getByRole('row').filter({ hasText: 'core-sw-01' });
    expect(await row.getByText('WARD FLUX', { exact: true }).isVisible()).toBe(true);
    await page.getByLabel('Filter by source').selectOption('zabbix');
    await page.getByText('No matching devices').waitFor();
    await page.getByLabel('Filter by source').selectOption('wardflux');
    await table.getByRole('cell', { name: 'core-sw-01', exact: true }).waitFor();
    await page.getByLabel('Filter by source').selectOption('all');
    await page.getByRole('checkbox', { name: 'Select core-sw-01' }).click();
    const push = page.getByRole('region', { name: 'Selected devices' }).getByRole('button', { name: 'Push to Zabbix' });
    expect(await push.isDisabled()).toBe(true);
    const why = page.getByText('No Zabbix server configured', { exact: false });
    await why.waitFor();
    expect(await why.getAttribute('title')).toBe('No Zabbix server is configured: set its URL and credential in Settings, Zabbix connection.');
    expect(await page.getByRole('region', { name: 'Zabbix mirror' }).count()).toBe(0);
    await screenshot(page, 'devices-standalone-push-disabled');
    await page.getByRole('button', { name: 'Clear selection' }).click();

    await page.getByRole('button', { name: 'Edit core-sw-01' }).click();
    await dialog.getByLabel('Notes').fill('Rack 4, top of rack');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await table.getByText('Rack 4, top of rack').waitFor();

    await page.getByRole('button', { name: 'Delete core-sw-01' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete' }).click();
    await table.getByRole('cell', { name: 'core-sw-01', exact: true }).waitFor({ state: 'detached' });

    // And the engine agrees: nothing left (health in full needs the page's session).
    const health = (await page.evaluate(() => fetch('/api/v1/health').then((r) => r.json()))) as { devices: number };
    expect(health.devices).toBe(0);
    expect(errors).toEqual([]);
  });

  it('shows every page without console errors', async () => {
    for (const [hash, name] of [
      ['#/dashboard', 'dashboard'],
      ['#/discovery', 'discovery'],
      ['#/alerts', 'alerts'],
      ['#/diagnostics', 'diagnostics'],
      ['#/reports', 'reports'],
      ['#/settings', 'settings'],
    ] as const) {
      await page.goto(`${serve.url}/${hash}`);
      await page.getByRole('main').waitFor();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await screenshot(page, `${name}-${scheme}`);
      }
    }
    expect(errors).toEqual([]);
  });
});
