import fs from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DISCOVERY_HOSTS } from '../test/lab/discovery-support.ts';
import { createLab, describeLab, type Lab } from '../test/lab/index.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { fillLabScan, screenshotBothThemes } from './support/lab-scan.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';
import { installRenderCounter, renderCount, watchRenders } from './support/react-renders.ts';

/** The lab: a Cisco router, a Linux server, an HP printer (snmpd, community public) and a host that only answers ping. */
const HOSTS = DISCOVERY_HOSTS.filter((h) => ['router', 'linux', 'printer', 'pingonly'].includes(h.name));
const EXPECTED_TYPES: Record<string, string> = { router: 'Router', linux: 'Server', printer: 'Printer', pingonly: 'Unknown' };

/**
 * A technician's discovery in Chromium against a real `wardflux serve` (started from this root
 * process, so it reaches the lab): add the site's community, type the subnet and see it counted,
 * sweep it, watch the table fill with classified hosts, add two to monitoring and find them on the
 * Devices page; export, scan again for the diff, and see the scans on the dashboard.
 */
describeLab('Discovery page in Chromium against a real headless host and the lab', () => {
  let lab: Lab;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();
  const addr = (name: string): string => lab.hosts[name]!;



  beforeAll(async () => {
    lab = await createLab({ probe: 'root', hosts: HOSTS });
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1360, height: 900 }, acceptDownloads: true }));
    page.on('console', (msg) => {
      if (msg.type() === 'warning') console.warn(`browser: ${msg.text()}`);
    });
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    await lab?.destroy();
    data.cleanup();
  });

  it('adds the v2c community "public" from Settings', async () => {
    await page.goto(`${serve.url}/#/settings`);
    await page.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('public');
    await dialog.getByLabel('SNMP version').selectOption('2c');
    await dialog.getByLabel('Community').fill('public');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'SNMP credentials' }).getByRole('cell', { name: 'public', exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('checks targets as they are typed: errors per entry, the count, and a confirmation for a large scan', async () => {
    await page.goto(`${serve.url}/#/discovery`);
    await page.getByRole('heading', { name: 'No scan open' }).waitFor();
    const form = page.getByRole('form', { name: 'New scan' });
    const targets = form.getByLabel('Targets');
    await targets.fill('198.18.0.300');
    await form.getByText('is not a valid IPv4 address', { exact: false }).waitFor();
    expect(await targets.getAttribute('aria-invalid')).toBe('true');

    // Too large: only validated, never started (and inside the lab block all the same).
    await targets.fill('198.18.0.0/15');
    const confirm = form.getByRole('checkbox', { name: /Confirm a large scan/ });
    await confirm.waitFor();
    await form.getByText('Narrow the targets, or confirm a large sweep', { exact: false }).waitFor();
    await confirm.check();
    await form.getByText(/131,0\d\d addresses/).waitFor();
    await confirm.uncheck();

    await targets.fill(lab.prefix);
    await form.getByText('254 addresses', { exact: false }).waitFor();
    await expect.poll(() => confirm.count()).toBe(0);
    await form.getByLabel('Exclusions').fill(`${lab.prefix.replace(/\.0\/24$/, '.200')}-254`);
    await form.getByText('199 addresses', { exact: false }).waitFor();
    await form.getByLabel('Exclusions').fill('');
    await form.getByText('254 addresses', { exact: false }).waitFor();
    // The stored community is offered, first in line.
    await form.getByRole('list', { name: 'Credentials, in the order they are tried' }).getByText('public (v2c)').waitFor();
    expect(errors).toEqual([]);
  });

  it('sweeps the lab /24: progress, a table that fills with classified hosts, two added to monitoring', async () => {
    // Renders counted from the page's start: the form must sit still while the scan's events arrive.
    await installRenderCounter(page);
    await page.reload();
    const form = page.getByRole('form', { name: 'New scan' });
    await fillLabScan(form, lab.prefix);
    await form.getByLabel('Rate (packets/s)').fill('2000');
    await form.getByLabel('Timeout (ms)').fill('500');
    const FORM = 'form[aria-label="New scan"]';
    const PROGRESS = '[role="progressbar"][aria-label="Scan progress"]';
    await watchRenders(page, FORM);
    await form.getByRole('button', { name: 'Start scan' }).click();

    const progress = page.getByRole('progressbar', { name: 'Scan progress' });
    await progress.waitFor();
    await watchRenders(page, PROGRESS);
    const formRendersAtStart = await renderCount(page, FORM);
    const table = page.getByRole('table', { name: 'Discovered hosts' });
    await table.getByRole('cell', { name: addr('pingonly'), exact: true }).waitFor({ timeout: 20_000 });
    await screenshot(page, 'discovery-running-light');
    await page.getByRole('region', { name: 'Scan results' }).or(page.locator('.job-panel')).first().getByText('Finished', { exact: true }).waitFor({ timeout: 30_000 });
    expect(await progress.getAttribute('aria-valuenow')).toBe('100');
    // Progress and host events re-rendered the progress bar, never the form (its fields subscribe to their own part of the store).
    expect(await renderCount(page, PROGRESS)).toBeGreaterThan(0);
    expect(await renderCount(page, FORM)).toBe(formRendersAtStart);
    expect(await page.getByRole('button', { name: 'Cancel scan' }).count()).toBe(0);

    for (const [name, type] of Object.entries(EXPECTED_TYPES)) {
      const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: addr(name), exact: true }) });
      await expect.poll(() => row.getByRole('cell').nth(3).textContent(), { timeout: 10_000 }).toBe(type);
    }
    const routerRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: addr('router'), exact: true }) });
    expect(await routerRow.textContent()).toContain('core-rtr1');
    expect(await routerRow.textContent()).toContain('Cisco');
    // Only the lab's live hosts (and this machine's own address on the lab link).
    expect(await table.getByRole('row').count()).toBe(1 + HOSTS.length + 1);

    // Filter by type.
    const filter = page.getByRole('group', { name: 'Filter by type' });
    await filter.getByRole('button', { name: /Printer/ }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(2);
    await filter.getByRole('button', { name: /All/ }).click();
    await expect.poll(() => table.getByRole('row').count()).toBe(1 + HOSTS.length + 1);

    // Why a router? The reasons are one click away.
    await routerRow.getByRole('button', { name: /confidence/ }).click();
    const details = page.getByRole('dialog');
    await details.getByRole('heading', { name: 'Why this classification' }).waitFor();
    expect(await details.getByRole('listitem').count()).toBeGreaterThan(0);
    await screenshotBothThemes(page, 'discovery-host-details');
    await details.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });
    await screenshotBothThemes(page, 'discovery-results');

    // Why SNMP said nothing (the ping-only host), and this computer (the probe address on the lab link).
    const pingRow = table.getByRole('row').filter({ has: page.getByRole('cell', { name: addr('pingonly'), exact: true }) });
    const osCell = pingRow.getByRole('cell').nth(6);
    expect(await osCell.textContent()).toMatch(/^SNMP: no answer to public/);
    expect(await osCell.getAttribute('title')).toMatch(/^SNMP: no answer to public.* \(check the community, the agent's ACL or the v3 user\)$/);
    const selfRow = table.getByRole('row').filter({ has: page.getByRole('checkbox', { name: `Select ${lab.probeAddress}`, exact: true }) });
    await selfRow.getByText('This computer', { exact: true }).waitFor();
    await pingRow.getByRole('button', { name: addr('pingonly'), exact: true }).click();
    await details.getByRole('note').getByText(/^SNMP: no answer to /).waitFor();
    await screenshotBothThemes(page, 'discovery-host-details-snmp-silent');
    await details.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });
    await selfRow.getByRole('button', { name: lab.probeAddress, exact: true }).click();
    expect(await details.getByRole('button', { name: 'Add to monitoring' }).isDisabled()).toBe(true);
    await details.getByText(/This is the computer running the scan/).waitFor();
    await screenshotBothThemes(page, 'discovery-host-details-self');
    await details.getByRole('button', { name: 'Close' }).click();
    await details.waitFor({ state: 'detached' });
    // Select all leaves this computer out.
    await table.getByRole('checkbox', { name: /^Select all/ }).check();
    expect(await selfRow.getByRole('checkbox').isChecked()).toBe(false);
    await table.getByRole('checkbox', { name: /^Clear the selection/ }).uncheck();

    await table.getByRole('checkbox', { name: `Select ${addr('router')}` }).check();
    await table.getByRole('checkbox', { name: `Select ${addr('linux')}` }).check();
    await page.getByRole('region', { name: 'Selected hosts' }).getByText('2 hosts selected').waitFor();
    await page.getByRole('button', { name: 'Add selected to monitoring' }).click();
    await page.getByText('Added 2 devices to monitoring.').waitFor();
    await routerRow.getByTitle('Monitored', { exact: true }).waitFor();
    await screenshot(page, 'discovery-added-light');

    await page.getByRole('link', { name: 'Open Devices' }).click();
    const devices = page.getByRole('table', { name: 'Devices' });
    await devices.getByRole('link', { name: 'core-rtr1' }).waitFor();
    await devices.getByRole('link', { name: 'web01' }).waitFor();
    expect(await devices.getByRole('row').count()).toBe(3);
    expect(errors).toEqual([]);
  });

  it('exports the results as CSV and JSON files', async () => {
    await page.goto(`${serve.url}/#/discovery`);
    await page.getByRole('list', { name: 'Past scans' }).getByRole('button').first().click();
    await page.getByRole('table', { name: 'Discovered hosts' }).getByRole('cell', { name: addr('router'), exact: true }).waitFor();
    for (const format of ['CSV', 'JSON'] as const) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Export ${format}` }).click()]);
      expect(download.suggestedFilename()).toMatch(new RegExp(`^wardflux-discovery-.*\\.${format.toLowerCase()}$`));
      const text = fs.readFileSync(await download.path(), 'utf8');
      expect(text).toContain(addr('router'));
      expect(text).toContain('core-rtr1');
    }
    expect(errors).toEqual([]);
  });

  it('scans again and shows what changed; the dashboard lists both scans', async () => {
    await lab.hostDown('pingonly');
    const form = page.getByRole('form', { name: 'New scan' });
    await fillLabScan(form, lab.prefix);
    await form.getByRole('button', { name: 'Start scan' }).click();
    const panel = page.locator('.job-panel');
    await panel.getByText('Finished', { exact: true }).waitFor({ timeout: 30_000 });
    const diff = page.getByRole('region', { name: 'Changes since the previous scan' });
    await diff.getByText('1 gone').waitFor();
    await diff.getByRole('button', { name: 'Show changes' }).click();
    await diff.getByText(addr('pingonly')).waitFor();
    expect(await page.getByRole('list', { name: 'Past scans' }).getByRole('listitem').count()).toBe(2);
    await screenshotBothThemes(page, 'discovery-diff');

    await page.goto(`${serve.url}/#/dashboard`);
    const recent = page.getByRole('table', { name: 'Recent discovery scans' });
    await recent.getByRole('row').nth(1).waitFor();
    expect(await recent.getByRole('row').count()).toBe(2);
    await screenshotBothThemes(page, 'dashboard-recent-scans');
    await recent.getByRole('link').first().click();
    await page.getByRole('table', { name: 'Discovered hosts' }).getByRole('cell', { name: addr('router'), exact: true }).waitFor();
    expect(errors).toEqual([]);
  });
});
