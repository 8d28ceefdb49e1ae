import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi } from './support/browser.ts';
import { screenshotBothThemes } from './support/lab-scan.ts';
import { seedUxScan, UX_HOSTS } from './support/seed-ux.ts';

/**
 * First run (issue 18 item 10): with no devices the Dashboard, Devices and Discovery show the
 * three steps (credential, sweep, add) with their buttons; Settings has a sub-navigation that
 * jumps to each section.
 */
describe('First-run path and Settings navigation in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    seedUxScan(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1440, height: 900 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('guides from the empty Dashboard, Devices and Discovery: credential, then sweep, then add', async () => {
    for (const where of ['dashboard', 'devices', 'discovery']) {
      await page.goto(`${serve.url}/#/${where}`);
      await page.getByRole('heading', { name: 'Get started: three steps to a monitored site' }).waitFor();
    }
    await page.goto(`${serve.url}/#/dashboard`);
    const guide = page.getByRole('region', { name: 'Get started: three steps to a monitored site' });
    await guide.getByText(`The last scan found ${UX_HOSTS.length} live hosts`, { exact: false }).waitFor();
    await screenshotBothThemes(page, 'ux-first-run-dashboard-1440');
    await guide.getByRole('button', { name: 'Add a credential' }).click();
    await page.waitForURL(/#\/settings\/credentials$/);
    await expect.poll(() => page.getByRole('heading', { name: 'SNMP credentials' }).first().evaluate((h) => Math.round(h.getBoundingClientRect().top))).toBeLessThan(200);

    await page.goto(`${serve.url}/#/devices`);
    await page.getByRole('link', { name: 'Sweep a subnet' }).waitFor();
    await page.getByRole('button', { name: 'Add one device' }).waitFor();
    await page.getByRole('region', { name: 'Get started: three steps to a monitored site' }).getByRole('button', { name: 'Open the scan' }).click();
    await page.getByRole('table', { name: 'Discovered hosts' }).getByRole('button', { name: UX_HOSTS[0]!.address, exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('jumps to each Settings section from its sub-navigation', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const nav = page.getByRole('navigation', { name: 'Settings sections' });
    expect(await nav.getByRole('link').allTextContents()).toEqual(['General', 'SNMP credentials', 'Notifications', 'Zabbix', 'VictoriaMetrics', 'Central', 'API tokens', 'Audit', 'Retention', 'Templates']);
    await nav.getByRole('link', { name: 'API tokens' }).click();
    await page.waitForURL(/#\/settings\/tokens$/);
    await expect.poll(() => nav.getByRole('link', { name: 'API tokens' }).getAttribute('aria-current')).toBe('location');
    await expect.poll(() => page.locator('#settings-tokens').evaluate((el) => Math.round(el.getBoundingClientRect().top))).toBeLessThan(200);
    await screenshotBothThemes(page, 'ux-settings-nav-1440');
    expect(errors).toEqual([]);
  });
});
