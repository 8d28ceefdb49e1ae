import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DISCOVERY_HOSTS } from '../test/lab/discovery-support.ts';
import { createLab, describeLab, type Lab } from '../test/lab/index.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { fillLabScan, screenshotBothThemes } from './support/lab-scan.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';

/** The lab: a Cisco router, a Linux server, an HP printer (snmpd, community public) and a host that only answers ping. */
const HOSTS = DISCOVERY_HOSTS.filter((h) => ['router', 'linux', 'printer', 'pingonly'].includes(h.name));
/** The three hosts the technician puts under monitoring, by lab name and the sysName discovery finds. */
const MONITORED = { router: 'core-rtr1', linux: 'web01', printer: 'NPI8C1D2E' } as const;
/** The one taken down (its address leaves the lab; the others keep the lab's routes alive). */
const VICTIM = 'printer';

/**
 * The technician's journey, in Chromium against a real `wardflux serve` WITH its pollers (started
 * from this root process, so it reaches the lab): set short polling intervals, discover the lab
 * subnet, put three hosts under monitoring, watch a latency graph fill, take a host down and see
 * the alert on the dashboard, acknowledge it, see it resolve, and run an MTR across a lab router.
 * Packets go only to loopback and this lab (198.18.0.0/15; the child inherits the network guard).
 */
describeLab("A technician's journey in Chromium against a real headless host and the lab", () => {
  let lab: Lab;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();
  const addr = (name: string): string => lab.hosts[name]!;



  const deviceRow = (table: Locator, name: string): Locator => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

  beforeAll(async () => {
    lab = await createLab({ name: 'journey', probe: 'root', routers: 1, hosts: HOSTS });
    // The e2e project turns pollers off for its made-up devices; this host polls the lab for real.
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1360, height: 900 }, env: { WARD_POLLERS: 'on' } }));
    page.on('console', (msg) => {
      if (msg.type() === 'warning') console.warn(`browser: ${msg.text()}`);
    });
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    await lab?.destroy();
    data.cleanup();
  });

  it('sets short polling intervals and adds the community "public" from Settings', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const general = page.getByRole('region', { name: 'General' });
    await general.getByLabel('ICMP interval (s)').fill('5');
    await general.getByLabel('SNMP interval (s)').fill('10');
    await general.getByRole('button', { name: 'Save settings' }).click();
    await general.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await general.getByLabel('ICMP interval (s)').inputValue()).toBe('5');

    await page.getByRole('button', { name: 'Add credential' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('public');
    await dialog.getByLabel('SNMP version').selectOption('2c');
    await dialog.getByLabel('Community').fill('public');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.getByRole('table', { name: 'SNMP credentials' }).getByRole('cell', { name: 'public', exact: true }).waitFor();
    await screenshot(page, 'journey-1-settings-light');
    expect(errors).toEqual([]);
  });

  it('discovers the lab subnet and adds three hosts to monitoring', async () => {
    await page.goto(`${serve.url}/#/discovery`);
    const form = page.getByRole('form', { name: 'New scan' });
    await fillLabScan(form, lab.prefix);
    await form.getByLabel('Rate (packets/s)').fill('2000');
    await form.getByLabel('Timeout (ms)').fill('500');
    await form.getByRole('button', { name: 'Start scan' }).click();

    const table = page.getByRole('table', { name: 'Discovered hosts' });
    await page.locator('.job-panel').getByText('Finished', { exact: true }).waitFor({ timeout: 30_000 });
    for (const h of HOSTS) await table.getByRole('cell', { name: addr(h.name), exact: true }).waitFor({ timeout: 10_000 });
    for (const [name, sysName] of Object.entries(MONITORED)) {
      const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: addr(name), exact: true }) });
      await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain(sysName);
      await table.getByRole('checkbox', { name: `Select ${addr(name)}` }).check();
    }
    await page.getByRole('region', { name: 'Selected hosts' }).getByText('3 hosts selected').waitFor();
    await screenshotBothThemes(page, 'journey-2-discovery');
    await page.getByRole('button', { name: 'Add selected to monitoring' }).click();
    await page.getByText('Added 3 devices to monitoring.').waitFor();

    await page.getByRole('link', { name: 'Open Devices' }).click();
    const devices = page.getByRole('table', { name: 'Devices' });
    for (const sysName of Object.values(MONITORED)) await devices.getByRole('link', { name: sysName, exact: true }).waitFor();
    // The header, the three added, and the engine's own device (WARD FLUX, always listed).
    expect(await devices.getByRole('row').count()).toBe(1 + Object.keys(MONITORED).length + 1);
    // The pollers run: the first ICMP checks mark all three up.
    for (const sysName of Object.values(MONITORED)) {
      await deviceRow(devices, sysName).getByText('Up', { exact: true }).waitFor({ timeout: 20_000 });
    }
    await screenshot(page, 'journey-3-devices-light');
    expect(errors).toEqual([]);
  });

  it("fills the router's graphs: latency and loss from ICMP, interfaces and uptime from SNMP", async () => {
    await page.getByRole('table', { name: 'Devices' }).getByRole('link', { name: MONITORED.router, exact: true }).click();
    await page.getByRole('heading', { name: MONITORED.router }).waitFor();
    const latency = page.getByRole('region', { name: 'Latency' });
    // Two checks at 5 s: the last value label and a drawn line.
    await expect.poll(() => latency.locator('.chart-last').textContent().catch(() => ''), { timeout: 25_000 }).toMatch(/^last \d+(\.\d+)? ms$/);
    await latency.locator('.recharts-line path').first().waitFor({ timeout: 15_000 });
    // The windowed loss (5 min) has a figure once its window holds 10 probes: 4 checks of 3.
    const loss = page.getByRole('region', { name: 'Loss (5 min)' }).locator('.chart-last');
    await expect.poll(() => loss.textContent().catch(() => ''), { timeout: 40_000 }).toBe('last 0 %');
    // SNMP (10 s interval) fills the interfaces: a traffic rate needs two polls of the counters.
    const ifName = new RegExp(`^wfl${lab.subnet}l$`);
    await page.getByRole('table', { name: 'Interfaces' }).getByRole('cell', { name: ifName }).waitFor({ timeout: 30_000 });
    await page.getByRole('region', { name: new RegExp(`^wfl${lab.subnet}l traffic( · .+ link)?$`) }).locator('.recharts-line path').first().waitFor({ timeout: 30_000 });
    const uptime = page.locator('.identity > div').filter({ has: page.locator('dt', { hasText: 'Uptime' }) }).locator('dd');
    await expect.poll(() => uptime.textContent(), { timeout: 15_000 }).not.toBe('—');
    await screenshotBothThemes(page, 'journey-4-device-graphs');
    // The page scrolls inside the app's main area: bring the interfaces into view for a second look.
    await page.getByRole('table', { name: 'Interfaces' }).scrollIntoViewIfNeeded();
    await page.mouse.move(0, 0); // no chart tooltip under a resting cursor
    await screenshot(page, 'journey-4-device-interfaces-light');
    await page.getByRole('heading', { name: MONITORED.router }).scrollIntoViewIfNeeded();
    expect(errors).toEqual([]);
  });

  it('shows the host going down on the dashboard, with an active "Device down" alert', async () => {
    await page.goto(`${serve.url}/#/dashboard`);
    const tiles = page.getByRole('list', { name: 'Devices by state' });
    const tile = (label: string): Locator => tiles.getByRole('listitem').filter({ hasText: label });
    // Up: the three hosts and the engine's own device.
    await expect.poll(() => tile('Up').locator('.tile-value').textContent(), { timeout: 15_000 }).toBe('4');

    await lab.hostDown(VICTIM);
    // Down after 2 failed checks at 5 s.
    await expect.poll(() => tile('Down').locator('.tile-value').textContent(), { timeout: 30_000 }).toBe('1');
    expect(await tile('Up').locator('.tile-value').textContent()).toBe('3');
    const latest = page.getByRole('table', { name: 'Latest alerts' });
    // The host's down alert (a packet-loss alert of the same host may fire beside it while the
    // window of its last probes still holds answers).
    const DOWN = /does not answer ping|Device down/;
    const alertRow = latest.getByRole('row').filter({ hasText: MONITORED[VICTIM] }).filter({ hasText: DOWN });
    await alertRow.waitFor({ timeout: 15_000 });
    expect(await alertRow.textContent()).toContain('Critical');
    expect(await alertRow.textContent()).toMatch(DOWN);
    const critical = page.getByRole('list', { name: 'Active alerts by severity' }).getByRole('listitem').filter({ hasText: 'Critical' });
    expect(await critical.locator('.tile-value').textContent()).toBe('1');
    await screenshot(page, 'journey-5-dashboard-down-light');
    expect(errors).toEqual([]);
  });

  it('acknowledges the alert on the Alerts page, and sees it resolve when the host is back', async () => {
    await page.goto(`${serve.url}/#/alerts`);
    const active = page.getByRole('table', { name: 'Active alerts' });
    const row = active.getByRole('row').filter({ hasText: MONITORED[VICTIM] }).filter({ hasText: /does not answer ping|Device down/ });
    await row.getByText('Firing', { exact: true }).waitFor();
    await row.getByRole('button', { name: new RegExp(`^Acknowledge .* on ${MONITORED[VICTIM]}$`) }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Your name').fill('Ana (field tech)');
    await dialog.getByLabel('Comment').fill('Printer unplugged, checking the switch port');
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Acknowledged by Ana (field tech)').waitFor();
    expect(await row.getByRole('button', { name: /^Acknowledge / }).count()).toBe(0);
    await screenshot(page, 'journey-6-alert-acknowledged-light');

    await lab.hostUp(VICTIM);
    // Up after one good check: the alert leaves the active list for the history.
    await expect.poll(() => row.count(), { timeout: 25_000 }).toBe(0);
    await page.getByRole('tab', { name: 'History' }).click();
    await page.getByRole('table', { name: 'Alert history' }).getByRole('row').filter({ hasText: MONITORED[VICTIM] }).first().waitFor();
    expect(errors).toEqual([]);
  });

  it('runs an MTR across the lab router from the Diagnostics page', async () => {
    const chain = lab.chain!;
    expect(chain.target).toMatch(/^198\.1[89]\./);
    await page.goto(`${serve.url}/#/diagnostics`);
    await page.getByRole('tab', { name: 'MTR' }).click();
    await page.getByRole('heading', { name: 'No MTR run yet' }).waitFor();
    const form = page.getByRole('form', { name: 'MTR' });
    await form.getByLabel('Target').fill(chain.target);
    await form.getByLabel('Rounds').fill('3');
    await form.getByLabel('Max hops').fill('5');
    expect(await form.getByLabel('Target').inputValue()).toBe(chain.target);
    await form.getByRole('button', { name: 'Start MTR' }).click();
    await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    const hops = page.getByRole('table', { name: 'MTR results' });
    const hopRow = (n: number): Locator => hops.getByRole('row').nth(n);
    expect(await hopRow(1).getByRole('cell').nth(1).textContent()).toBe(chain.hops[0]);
    expect(await hopRow(2).getByRole('cell').nth(1).textContent()).toBe(chain.target);
    expect(await hops.getByRole('row').count()).toBe(1 + chain.hops.length + 1);
    await page.getByRole('region', { name: 'MTR hops' }).getByText(`3 rounds, reaches ${chain.target}`).waitFor();
    await screenshot(page, 'journey-7-mtr-light');
    expect(errors).toEqual([]);
  });
});
