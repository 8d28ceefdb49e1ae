import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi } from './support/browser.ts';
import { screenshotBothThemes } from './support/lab-scan.ts';
import { seedTypedScans, TYPED_HOSTS } from './support/seed-typed-scans.ts';

/** The words each seeded device's type shows as (main/api/device-type-labels.ts). */
const LABELS: Record<string, string> = {
  'core-rtr': 'Router',
  'rack-a-pdu': 'PDU',
  'rack-b-pdu': 'PDU',
  'room-env': 'Environment sensor',
  'web-lb': 'Load balancer',
  'lobby-ata': 'VoIP gateway',
  'backup-nas': 'NAS',
  'srv1-idrac': 'Appliance',
};

/**
 * The types a technician meets in a rack besides routers and servers (PDUs, environment sensors,
 * load balancers, VoIP gateways, NAS, appliances): seeded as two past scans and the devices added
 * from the second, they show with their words and icons on the Devices page, the device page and
 * the Discovery results, and both type filters find them.
 */
describe('Device types in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    await seedTypedScans(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 800 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('lists PDUs, sensors and the other new types by their words, with an icon, and filters by type', async () => {
    await page.goto(`${serve.url}/#/devices`);
    const table = page.getByRole('table', { name: 'Devices' });
    for (const h of TYPED_HOSTS) await table.getByRole('link', { name: h.name, exact: true }).waitFor();
    for (const h of TYPED_HOSTS) {
      const badge = table.getByRole('row').filter({ has: page.getByRole('link', { name: h.name, exact: true }) }).locator('.type-badge');
      expect(await badge.textContent(), h.name).toBe(LABELS[h.name]);
      // The icon is drawn (a shape in the badge's svg), not an empty box.
      expect(await badge.locator('svg :is(path, rect, circle)').count(), h.name).toBeGreaterThan(0);
    }
    await screenshotBothThemes(page, 'devices-new-types');

    const typeFilter = page.getByLabel('Filter by type');
    const options = await typeFilter.locator('option').allTextContents();
    expect(options).toEqual(expect.arrayContaining(['PDU', 'Environment sensor', 'Load balancer', 'VoIP gateway', 'NAS', 'Appliance']));
    const names = async () => (await table.getByRole('link').allTextContents()).sort();
    await typeFilter.selectOption({ label: 'PDU' });
    await expect.poll(names).toEqual(['rack-a-pdu', 'rack-b-pdu']);
    await typeFilter.selectOption({ label: 'Environment sensor' });
    await expect.poll(names).toEqual(['room-env']);
    await typeFilter.selectOption('all');
    await expect.poll(async () => (await names()).length).toBe(TYPED_HOSTS.length);

    // The device page names the type too.
    await table.getByRole('link', { name: 'room-env', exact: true }).click();
    const identity = page.locator('dl.identity');
    await identity.waitFor();
    expect(await identity.locator('.type-badge').textContent()).toBe('Environment sensor');
    expect(errors).toEqual([]);
  });

  it('shows the new types in the scan results, its type filter and the changes since the previous scan', async () => {
    await page.goto(`${serve.url}/#/discovery`);
    await page.getByRole('list', { name: 'Past scans' }).getByRole('button').first().click();
    const table = page.getByRole('table', { name: 'Discovered hosts' });
    // A host's address is the button that opens its details (new hosts have a New badge next to it).
    const rowOf = (address: string) => table.getByRole('row').filter({ has: page.getByRole('button', { name: address, exact: true }) });
    for (const h of TYPED_HOSTS) await rowOf(h.address).waitFor();
    const rows = () => table.getByRole('row').count();
    expect(await rows()).toBe(1 + TYPED_HOSTS.length);
    for (const h of TYPED_HOSTS) expect(await rowOf(h.address).locator('.type-badge').textContent(), h.name).toBe(LABELS[h.name]);

    const filter = page.getByRole('group', { name: 'Filter by type' });
    expect(await filter.getByRole('button', { name: /^PDU 2$/ }).count()).toBe(1);
    await filter.getByRole('button', { name: /^PDU/ }).click();
    await expect.poll(rows).toBe(1 + 2);
    expect(await rowOf('198.18.7.20').isVisible()).toBe(true);
    await filter.getByRole('button', { name: /^Environment sensor/ }).click();
    await expect.poll(rows).toBe(1 + 1);
    expect(await rowOf('198.18.7.30').isVisible()).toBe(true);
    await filter.getByRole('button', { name: /^All/ }).click();
    await expect.poll(rows).toBe(1 + TYPED_HOSTS.length);
    // The page scrolls inside its main area: bring the type filter and the table into view for the pictures.
    await filter.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshotBothThemes(page, 'discovery-new-types');

    const diff = page.getByRole('region', { name: 'Changes since the previous scan' });
    await diff.getByText(`${TYPED_HOSTS.length - 1} new`).waitFor();
    await diff.getByRole('button', { name: 'Show changes' }).click();
    const pduLine = diff.getByRole('listitem').filter({ hasText: '198.18.7.20' });
    await pduLine.waitFor();
    expect(await pduLine.textContent()).toContain('PDU');
    expect(await diff.getByRole('listitem').filter({ hasText: '198.18.7.30' }).textContent()).toContain('Environment sensor');
    expect(errors).toEqual([]);
  });
});
