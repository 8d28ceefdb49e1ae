/**
 * Zabbix and hybrid modes in Chromium against a real headless host and the real Zabbix 6.0 lab
 * stack (test/lab/zabbix-server.ts): the technician configures Zabbix in Settings, switches to
 * Zabbix mode, syncs, and finds the Zabbix hosts in the Devices table, a real problem on the
 * Alerts page (acknowledged from the UI: exactly that event is acknowledged in Zabbix), the
 * host's items and a graph on the device page; then hybrid mode merges a WARD FLUX device with the
 * Zabbix host of the same IP, and a device is pushed to Zabbix from the Devices page.
 *
 * Safety: the Zabbix hosts made here have 198.18.x.x agent interfaces but only trapper items, so
 * the Zabbix server never connects to them; the pushed device (which Zabbix polls by SNMP) is on
 * 127.0.0.x. The headless host runs with WARD_POLLERS=off: WARD FLUX polls nothing.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createZabbixClient, type ZabbixClient } from '../main/zabbix/api/client.ts';
import { ensureZabbixLab, type ZabbixLab } from '../test/lab/zabbix-server.ts';
import { sendUntil, sendValues } from '../test/lab/zabbix-sender.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { until } from '../test/support/until.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';

interface ZabbixEvent {
  eventid: string;
  acknowledged: string;
  acknowledges: Array<{ message: string }>;
}

describe('Zabbix and hybrid modes in Chromium against a real headless host and a real Zabbix 6.0', () => {
  let lab: ZabbixLab;
  let admin: ZabbixClient;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let token: string;
  let tokenId: string;
  let groupId: string;
  const data = tempDir();
  const run = `wfe2e${Date.now().toString(36)}`;
  const hostA = `${run}-zbx-a`;
  const hostB = `${run}-zbx-b`;
  const ipB = '198.18.7.11';
  const hostC = `${run}-zbx-c`;
  const ipC = '198.18.7.12';
  const events: Record<string, string> = {};

  async function sync(): Promise<void> {
    const button = page.getByRole('button', { name: 'Sync now' });
    await button.click();
    await expect.poll(() => button.isEnabled()).toBe(true);
  }

  /** The devices table filtered to this run's devices. */
  async function openDevices(): Promise<void> {
    await page.goto(`${serve.url}/#/devices`);
    await page.getByLabel('Search devices').fill(run);
    await page.getByLabel('Filter by source').selectOption('all');
  }

  async function setMode(mode: 'zabbix' | 'hybrid'): Promise<void> {
    await page.goto(`${serve.url}/#/settings`);
    const general = page.getByRole('region', { name: 'General' });
    await general.getByLabel('Monitoring mode').selectOption(mode);
    await general.getByRole('button', { name: 'Save settings' }).click();
    await general.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  }

  beforeAll(async () => {
    lab = await ensureZabbixLab();
    admin = createZabbixClient({ url: lab.url, auth: { kind: 'password', ...lab.admin } });
    await admin.authenticate();
    // An API token for Admin, made the way an administrator would, for the Settings form.
    tokenId = (await admin.call<{ tokenids: string[] }>('token.create', { name: `${run}-token`, userid: '1' })).tokenids[0]!;
    token = (await admin.call<{ token: string }[]>('token.generate', [tokenId]))[0]!.token;
    groupId = (await admin.call<{ groupids: string[] }>('hostgroup.create', { name: `${run} hosts` })).groupids[0]!;
    // Two hosts with trapper items (the server never connects to a trapper item's host) and a
    // trigger each, so both get a real problem.
    for (const [host, ip] of [
      [hostA, '198.18.7.10'],
      [hostB, ipB],
    ] as const) {
      const { hostids } = await admin.call<{ hostids: string[] }>('host.create', {
        host,
        groups: [{ groupid: groupId }],
        interfaces: [{ type: 1, main: 1, useip: 1, ip, dns: '', port: '10050' }],
      });
      await admin.call('item.create', { hostid: hostids[0], name: 'Temperature', key_: 'wf.temp', type: 2, value_type: 3, units: '°C' });
      await admin.call('item.create', { hostid: hostids[0], name: 'Status text', key_: 'wf.status', type: 2, value_type: 4 });
      await admin.call('trigger.create', { description: `Too hot on ${host}`, expression: `last(/${host}/wf.temp)>50`, priority: 4 });
    }
    // The server picks new items up from its configuration cache (CacheUpdateFrequency=2).
    await until(async () => {
      const r = await sendValues('127.0.0.1', lab.trapperPort, [hostA, hostB].flatMap((host) => [
        { host, key: 'wf.temp', value: 20 },
        { host, key: 'wf.status', value: 'warming up' },
      ]));
      return r.processed === 4 ? r : undefined;
    }, 30_000, 'the trapper to accept values');
    // 90 fires the triggers.
    const problems = await sendUntil(
      lab.trapperPort,
      [hostA, hostB].map((host) => ({ host, key: 'wf.temp', value: 90 })),
      async () => {
        const list = await admin.call<Array<{ eventid: string; name: string }>>('problem.get', { groupids: [groupId], output: ['eventid', 'name'] });
        return list.length === 2 ? list : undefined;
      },
      'both problems in Zabbix',
    );
    for (const p of problems) events[p.name] = p.eventid;

    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1366, height: 900 } }));
  }, 120_000);

  afterAll(async () => {
    // Zabbix first: what this run created must go even when a step above failed.
    if (admin) {
      const mine = await admin.call<Array<{ hostid: string }>>('host.get', { search: { host: run }, output: ['hostid'] });
      if (mine.length > 0) await admin.call('host.delete', mine.map((h) => h.hostid));
      if (groupId) await admin.call('hostgroup.delete', [groupId]);
      if (tokenId) await admin.call('token.delete', [tokenId]);
      await admin.close();
    }
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('configures Zabbix in Settings, switches to Zabbix mode and shows the Zabbix hosts with source Zabbix', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const zabbix = page.getByRole('region', { name: 'Zabbix connection' });
    await zabbix.getByLabel('Zabbix URL').fill(lab.url);
    await zabbix.getByLabel('Sign in with').selectOption('token');
    await zabbix.getByLabel('API token').fill(token);
    await zabbix.getByRole('button', { name: 'Save Zabbix settings' }).click();
    await zabbix.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    await zabbix.getByRole('button', { name: 'Test connection' }).click();
    await zabbix.getByText(`Connected to Zabbix ${lab.version} and signed in`, { exact: false }).waitFor();

    await setMode('zabbix');
    await page.getByRole('region', { name: 'Zabbix mirror' }).getByText('Zabbix mode').waitFor();
    await screenshot(page, 'zabbix-settings');

    await openDevices();
    await page.getByRole('region', { name: 'Zabbix mirror' }).waitFor();
    await sync();
    const table = page.getByRole('table', { name: 'Devices' });
    for (const host of [hostA, hostB]) {
      const row = table.getByRole('row').filter({ has: page.getByRole('link', { name: host, exact: true }) });
      await row.waitFor();
      // Status (the same badge as standalone, with Zabbix's verdict: no agent answers, so unknown), name, address, source.
      // Cells: select, status, name (the address under it on a phone), address, latency, loss, uptime, last seen, alerts, source.
      const cells = await row.getByRole('cell').allTextContents();
      expect([cells[1], cells[2]?.startsWith(host), cells[3], cells[9]]).toEqual(['Unknown', true, host === hostA ? '198.18.7.10' : ipB, 'Zabbix']);
      expect(await row.locator('.badge-ok, .badge-down, .badge-warn, .badge-muted').filter({ hasText: 'Unknown' }).locator('.badge-dot').count()).toBe(1);
    }
    await page.getByLabel('Filter by source').selectOption('wardflux');
    await page.getByText('No matching devices').waitFor();
    await page.getByLabel('Filter by source').selectOption('zabbix');
    await table.getByRole('link', { name: hostA, exact: true }).waitFor();
    await screenshot(page, 'zabbix-devices');

    await page.goto(`${serve.url}/#/dashboard`);
    await page.getByRole('list', { name: 'Devices by source' }).waitFor();
    await screenshot(page, 'zabbix-dashboard');
    expect(errors).toEqual([]);
  });

  it('shows the Zabbix problems on the Alerts page and acknowledges exactly that event in Zabbix', async () => {
    await page.goto(`${serve.url}/#/alerts`);
    const active = page.getByRole('table', { name: 'Active alerts' });
    const rowA = active.getByRole('row').filter({ hasText: `Too hot on ${hostA}` });
    await rowA.waitFor();
    expect(await rowA.getByText('Zabbix', { exact: true }).isVisible()).toBe(true);
    await active.getByRole('row').filter({ hasText: `Too hot on ${hostB}` }).waitFor();
    await page.getByLabel('Filter by source').selectOption('wardflux');
    await page.getByText('No active WARD FLUX alerts').waitFor();
    await page.getByLabel('Filter by source').selectOption('zabbix');
    await rowA.waitFor();
    await screenshot(page, 'zabbix-alerts');

    await rowA.getByRole('button', { name: /^Acknowledge/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('acknowledged in Zabbix too', { exact: false }).waitFor();
    await dialog.getByLabel('Your name').fill('Lab technician');
    await dialog.getByLabel('Comment').fill(`${run}: checking the fans`);
    await dialog.getByRole('button', { name: 'Acknowledge' }).click();
    await dialog.waitFor({ state: 'detached' });
    await rowA.getByText('Acknowledged by Lab technician').waitFor();

    const read = () =>
      admin.call<ZabbixEvent[]>('event.get', { eventids: Object.values(events), output: ['eventid', 'acknowledged'], select_acknowledges: ['message'] });
    const acked = await until(async () => {
      const list = await read();
      return list.find((e) => e.eventid === events[`Too hot on ${hostA}`])?.acknowledged === '1' ? list : undefined;
    }, 30_000, 'the acknowledgement in Zabbix');
    expect(acked.find((e) => e.eventid === events[`Too hot on ${hostA}`])!.acknowledges.map((a) => a.message)).toContainEqual(expect.stringContaining(`${run}: checking the fans`));
    expect(acked.find((e) => e.eventid === events[`Too hot on ${hostB}`])).toMatchObject({ acknowledged: '0', acknowledges: [] });
    expect(await active.getByRole('row').filter({ hasText: `Too hot on ${hostB}` }).getByRole('button', { name: /^Acknowledge/ }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("shows a Zabbix host's card, its items and a graph of a numeric item on the device page", async () => {
    await openDevices();
    await page.getByRole('link', { name: hostA, exact: true }).click();
    await page.getByRole('heading', { name: hostA }).waitFor();
    const card = page.getByRole('region', { name: 'Zabbix', exact: true });
    await card.getByText('Zabbix host (no WARD FLUX device)').waitFor();
    expect(await card.getByText('1 problem, worst High').isVisible()).toBe(true);
    const items = page.getByRole('table', { name: 'Zabbix items' });
    const temperature = items.getByRole('row').filter({ hasText: 'wf.temp' });
    await temperature.getByRole('cell', { name: '90 °C' }).waitFor();
    expect(await items.getByRole('row').filter({ hasText: 'wf.status' }).getByRole('cell', { name: 'warming up' }).isVisible()).toBe(true);

    await page.getByLabel('Search Zabbix items').fill('status');
    await temperature.waitFor({ state: 'detached' });
    await page.getByLabel('Search Zabbix items').fill('');
    await temperature.getByRole('button', { name: 'Temperature' }).click();
    // Two values (20, then 90) a moment apart: the last one is shown and the line is drawn.
    const graph = page.getByRole('region', { name: 'Zabbix: Temperature' });
    await graph.getByText('last 90').waitFor();
    expect(await graph.locator('.recharts-line path').first().getAttribute('d')).toMatch(/^M[\d.]+,[\d.]+L/);
    await page.getByRole('button', { name: '24 h' }).click();
    await expect.poll(() => page.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true');
    await graph.getByText('last 90').waitFor();
    await screenshot(page, 'zabbix-device-detail');
    expect(errors).toEqual([]);
  });

  it('hybrid: a WARD FLUX device with the IP of a Zabbix host is one row with source Both; a device pushed from the Devices page reaches Zabbix', async () => {
    await setMode('hybrid');
    await openDevices();
    await page.getByRole('button', { name: 'Add device' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill(`${run}-own-c`);
    await dialog.getByLabel('Address').fill(ipC);
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    // The same IP appears in Zabbix (an administrator adds the host there).
    await admin.call('host.create', { host: hostC, groups: [{ groupid: groupId }], interfaces: [{ type: 1, main: 1, useip: 1, ip: ipC, dns: '', port: '10050' }] });
    await sync();
    const table = page.getByRole('table', { name: 'Devices' });
    const own = table.getByRole('row').filter({ has: page.getByRole('link', { name: `${run}-own-c`, exact: true }) });
    await own.getByText('Both', { exact: true }).waitFor();
    expect(await table.getByRole('link', { name: hostC, exact: true }).count()).toBe(0);
    expect(await table.getByRole('cell', { name: ipC, exact: true }).count()).toBe(1);
    // WARD FLUX polls nothing here (WARD_POLLERS=off): its own verdict is unknown, so Zabbix's is shown, and said so.
    expect(await own.getByText('via Zabbix').isVisible()).toBe(true);

    // Push a device of WARD FLUX's own to Zabbix (loopback address: the server's SNMP polls stay on this machine).
    const pushed = `${run}-push-1`;
    await page.getByRole('button', { name: 'Add device' }).click();
    await dialog.getByLabel('Name').fill(pushed);
    await dialog.getByLabel('Address').fill('127.0.0.9');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'detached' });
    const pushedRow = table.getByRole('row').filter({ has: page.getByRole('link', { name: pushed, exact: true }) });
    expect(await pushedRow.getByText('WARD FLUX', { exact: true }).isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: `Select ${pushed}` }).click();
    await page.getByRole('region', { name: 'Selected devices' }).getByRole('button', { name: 'Push to Zabbix' }).click();
    await page.getByText('1 device queued for Zabbix', { exact: false }).waitFor();
    await screenshot(page, 'hybrid-push-queued');

    const host = await until(async () => {
      const list = await admin.call<Array<{ hostid: string; host: string; interfaces: Array<{ ip: string }> }>>('host.get', { filter: { host: [pushed] }, output: ['hostid', 'host'], selectInterfaces: ['ip'] });
      return list[0];
    }, 45_000, 'the pushed host in Zabbix');
    expect(host.interfaces.map((i) => i.ip)).toEqual(['127.0.0.9']);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await sync();
    await pushedRow.getByText('Both', { exact: true }).waitFor();
    await screenshot(page, 'hybrid-devices');

    await page.goto(`${serve.url}/#/alerts`);
    await page.getByRole('table', { name: 'Active alerts' }).getByRole('row').filter({ hasText: `Too hot on ${hostB}` }).waitFor();
    await screenshot(page, 'hybrid-alerts');

    await openDevices();
    await page.getByRole('link', { name: `${run}-own-c`, exact: true }).click();
    const card = page.getByRole('region', { name: 'Zabbix', exact: true });
    await card.getByText('Same IP address').waitFor();
    expect(await card.getByText(hostC, { exact: true }).count()).toBeGreaterThan(0);
    await page.getByText('This Zabbix host has no items.').waitFor();
    await screenshot(page, 'hybrid-device-detail');
    expect(errors).toEqual([]);
  });
});
