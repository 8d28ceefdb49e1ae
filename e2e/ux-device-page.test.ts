import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encInt, encOid, tlv } from '../main/snmp/testing/ber.ts';
import { type FakeAgent, startFakeAgent } from '../main/snmp/testing/fake-agent.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { until } from '../test/support/until.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';
import { type DevicePageSeed, seedDevicePage } from './support/seed-device-page.ts';

/**
 * The device page (issue 18 item 4) and the credential test (item 10), in Chromium against a real
 * headless host: graphs of the busiest up interfaces (not the first by ifIndex, which are down),
 * a picker for any other, axes with units and nice ticks, several time labels, min/avg/max/95th
 * under each graph, a tooltip that names the series, a quiet link drawn as a line at 0, the
 * interface table's admin status, alias, filter and sort, a device without interfaces saying so,
 * Diagnose with the address filled in; Settings > Credentials > Test against an agent on loopback.
 */
describe('Device page and credential test in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let seed: DevicePageSeed;
  let agent: FakeAgent;
  const data = tempDir();

  beforeAll(async () => {
    seed = await seedDevicePage(data.dir);
    agent = await startFakeAgent(
      new Map([
        ['1.3.6.1.2.1.1.1.0', tlv(0x04, Buffer.from('Linux lab-host 6.1.0 x86_64'))],
        ['1.3.6.1.2.1.1.2.0', encOid('1.3.6.1.4.1.8072.3.2.10')],
        ['1.3.6.1.2.1.1.3.0', encInt(0x43, 360_000)],
        ['1.3.6.1.2.1.1.5.0', tlv(0x04, Buffer.from('lab-host'))],
      ]),
      'site-ro',
    );
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1440, height: 900 } }));
  });
  afterAll(async () => {
    await closeUi({ serve, browser });
    await agent?.close();
    data.cleanup();
  });

  const chart = (title: string | RegExp): Locator => page.getByRole('region', { name: title });
  const texts = async (l: Locator): Promise<string[]> => (await l.allTextContents()).map((t) => t.trim());

  it('graphs the busiest up interfaces by default, with bit/s axes, nice latency ticks, several time labels and a summary', async () => {
    await page.goto(`${serve.url}/#/devices/${seed.switchId}`);
    await chart(/^Gi1\/0\/8 \(uplink to core\) traffic/).locator('.recharts-line').first().waitFor();
    const trafficTitles = (await page.locator('section.chart-card h3').allTextContents()).filter((t) => t.includes(' traffic'));
    expect(trafficTitles.map((t) => t.split(' ')[0])).toEqual(['Gi1/0/8', 'Gi1/0/9', 'Gi1/0/7', 'Gi1/0/10']);
    expect(await page.getByRole('group', { name: 'Graphed interfaces' }).textContent()).toContain('Busiest up interfaces');

    // Traffic: every y label in bit/s with one SI prefix.
    const uplink = chart(/^Gi1\/0\/8 \(uplink to core\) traffic/);
    const yTraffic = await texts(uplink.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'));
    expect(yTraffic.length).toBeGreaterThanOrEqual(3);
    for (const t of yTraffic) expect(t).toMatch(/^\d+ Mbit\/s$/);

    // Latency of 0.02-0.04 ms: evenly spaced ticks with the same decimals.
    const latency = chart('Latency');
    const yLatency = await texts(latency.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value'));
    expect(yLatency.length).toBeGreaterThanOrEqual(3);
    for (const t of yLatency) expect(t).toMatch(/^\d\.\d\d ms$/);
    const values = yLatency.map((t) => Number.parseFloat(t));
    const steps = values.slice(1).map((v, i) => Math.round((v - values[i]!) * 1000));
    expect(new Set(steps).size).toBe(1);

    // More than one time label on the x axis, each a clock time.
    const xLabels = await texts(latency.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value'));
    expect(xLabels.length).toBeGreaterThanOrEqual(3);
    expect(new Set(xLabels).size).toBe(xLabels.length);

    // Summary under the graph.
    const summary = latency.getByRole('table', { name: 'Latency summary' });
    expect(await texts(summary.getByRole('columnheader'))).toEqual(['Series', 'Min', 'Avg', 'Max', '95th']);
    const row = await texts(summary.getByRole('row').nth(1).getByRole('cell'));
    expect(row).toHaveLength(4);
    for (const c of row) expect(c).toMatch(/ ms$/);
    const uplinkStats = uplink.getByRole('table', { name: /summary$/ });
    expect(await texts(uplinkStats.getByRole('rowheader'))).toEqual(['● In', '● Out']);
    expect((await texts(uplinkStats.getByRole('row').nth(1).getByRole('cell')))[2]).toMatch(/^4\d\d Mbit\/s$/);
  });

  it('the tooltip names the series and its min–max (not "total min–max / total")', async () => {
    const box = await chart('Latency').locator('.chart-box').boundingBox();
    if (!box) throw new Error('no latency chart');
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2);
    const tip = chart('Latency').locator('.chart-tooltip');
    await tip.waitFor();
    const text = (await tip.textContent()) ?? '';
    expect(text).toMatch(/Latency: 0\.0\d ms \(min 0\.0\d ms, max 0\.0\d ms\)/);
    expect(text).not.toContain('total');
    await page.mouse.move(0, 0);
  });

  it('any interface can be picked by alias; a quiet link is a line at 0, not a gap', async () => {
    const search = page.getByRole('combobox', { name: 'Graph an interface' });
    await search.fill('quiet');
    await page.getByRole('listbox', { name: 'Interfaces to graph' }).getByRole('button', { name: /Gi1\/0\/12/ }).click();
    const quiet = chart(/^Gi1\/0\/12 \(quiet spare\) traffic/);
    // A flat line has no height: attached, not "visible" to Playwright.
    await quiet.locator('.recharts-line-curve').first().waitFor({ state: 'attached' });
    const d = (await quiet.locator('.recharts-line-curve').first().getAttribute('d')) ?? '';
    // One path across the whole hour (a point a minute), no break.
    expect(d.split('L').length).toBeGreaterThan(50);
    expect(d.match(/M/g)).toHaveLength(1);
    expect(await texts(quiet.getByRole('table', { name: /summary$/ }).getByRole('row').nth(1).getByRole('cell'))).toEqual(['0 bit/s', '0 bit/s', '0 bit/s', '0 bit/s']);
    expect(await page.getByRole('group', { name: 'Graphed interfaces' }).textContent()).toContain('Graphed:');
    await page.getByRole('button', { name: 'Stop graphing Gi1/0/12' }).click();
    await until(async () => (await quiet.count()) === 0, 5000, 'the quiet port graph to go');
    // Graph from the table; back to the busiest.
    const table = page.getByRole('table', { name: 'Interfaces' });
    const toggle = table.getByRole('row').filter({ has: page.getByRole('cell', { name: 'Gi1/0/1', exact: true }) }).getByRole('button', { name: 'Graph' });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await toggle.click();
    await chart(/^Gi1\/0\/1 traffic/).waitFor();
    expect(await toggle.getAttribute('aria-pressed')).toBe('true');
    await page.getByRole('button', { name: 'Busiest', exact: true }).click();
    await until(async () => (await chart(/^Gi1\/0\/1 traffic/).count()) === 0, 5000, 'back to the busiest');
    expect(errors).toEqual([]);
  });

  it('the interface table has admin status and alias, filters by name or alias and sorts', async () => {
    const table = page.getByRole('table', { name: 'Interfaces' });
    expect((await texts(table.getByRole('columnheader'))).map((h) => h.replace(/[▲▼]/g, ''))).toEqual(['Interface', 'Status', 'Admin', 'Alias', 'Speed', 'In', 'Out', 'Utilisation in/out', 'Errors in/out', 'Updated', 'Graph']);
    const cells = async (name: string) => texts(table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) }).getByRole('cell'));
    expect((await cells('Gi1/0/1')).slice(1, 4)).toEqual(['Down', 'Shut down', '—']);
    expect((await cells('Gi1/0/8')).slice(1, 5)).toEqual(['Up', 'Up', 'uplink to core', '1.0 Gbit/s']);
    const filter = page.getByRole('searchbox', { name: 'Filter interfaces' });
    await filter.fill('lobby');
    await until(async () => (await table.getByRole('row').count()) === 2, 5000, 'the filter');
    expect((await cells('Gi1/0/9'))[3]).toBe('ap-lobby');
    await filter.fill('');
    await table.getByRole('button', { name: 'In', exact: true }).click();
    await until(async () => (await table.getByRole('columnheader', { name: 'In', exact: true }).getAttribute('aria-sort')) === 'descending', 5000, 'sort by In');
    const first = async () => (await texts(table.getByRole('row').nth(1).getByRole('cell')))[0];
    expect(await first()).toBe('Gi1/0/8');
    await table.getByRole('button', { name: 'In', exact: true }).click();
    await until(async () => (await first()) !== 'Gi1/0/8', 5000, 'sort flipped');
    expect(await first()).toMatch(/^Gi1\/0\/(1|2|3|4|5|6|12)$/);
  });

  it('looks right at 1440 and 390 px in both themes', async () => {
    for (const width of [1440, 390]) {
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      await page.goto(`${serve.url}/#/devices`);
      await page.goto(`${serve.url}/#/devices/${seed.switchId}`);
      await chart(/^Gi1\/0\/8 \(uplink to core\) traffic/).locator('.recharts-line').first().waitFor();
      // The page scrolls inside its layout: a viewport as tall as the content shows all of it.
      const tall = await page.evaluate(() => document.getElementById('main-content')!.scrollHeight);
      await page.setViewportSize({ width, height: Math.min(tall + 120, 6000) });
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForFunction(() => document.querySelectorAll('.recharts-line').length > 0);
        await screenshot(page, `device-page-${width}-${scheme}`);
      }
      await page.setViewportSize({ width, height: width === 390 ? 844 : 900 });
      if (width === 390) {
        // The page's own content (the main scroll container) does not scroll sideways: the wide
        // interface table scrolls inside its card.
        const overflow = await page.evaluate(() => {
          const main = document.getElementById('main-content')!;
          return main.scrollWidth - main.clientWidth;
        });
        expect(overflow).toBeLessThanOrEqual(0);
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('a device whose agent returned no interfaces says so', async () => {
    await page.goto(`${serve.url}/#/devices/${seed.quietId}`);
    await page.getByText('The agent answers SNMP but returned no interfaces').waitFor();
    expect(await page.getByRole('table', { name: 'Interfaces' }).count()).toBe(0);
  });

  it('Diagnose opens Diagnostics with the device address filled in', async () => {
    await page.goto(`${serve.url}/#/devices/${seed.switchId}`);
    await page.getByRole('link', { name: 'Diagnose' }).click();
    await page.getByRole('form', { name: 'Ping' }).waitFor();
    expect(page.url()).toContain('#/diagnostics?target=198.18.0.70');
    expect(await page.getByRole('form', { name: 'Ping' }).getByRole('textbox').first().inputValue()).toBe('198.18.0.70');
    await page.getByRole('tab', { name: 'Traceroute' }).click();
    expect(await page.getByRole('form', { name: 'Traceroute' }).getByRole('textbox').first().inputValue()).toBe('198.18.0.70');
  });

  it('Settings > Credentials > Test answers with what the agent said, or why not', async () => {
    await page.goto(`${serve.url}/#/settings/credentials`);
    await page.getByRole('button', { name: 'Test site ro against a host' }).click();
    const dialog = page.getByRole('dialog', { name: 'Test site ro against a host' });
    await dialog.getByLabel('Address').fill(`127.0.0.1:${agent.port}`);
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    const result = dialog.getByRole('status', { name: 'Test result' });
    await result.waitFor();
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('The agent answered.');
    expect(text).toMatch(/lab-host answered SNMP v2c in [\d.]+ ms/);
    expect(text).toContain('Linux lab-host 6.1.0 x86_64');
    expect(text).toContain('1.3.6.1.4.1.8072.3.2.10');
    await screenshot(page, 'credential-test-ok');
    agent.mode = 'silent';
    await dialog.getByRole('button', { name: 'Test', exact: true }).click();
    await dialog.getByText('No answer.').waitFor({ timeout: 15_000 });
    expect(await result.textContent()).toContain('wrong community');
    agent.mode = 'normal';
    await dialog.getByRole('button', { name: 'Close' }).click();
    expect(errors).toEqual([]);
  });
});
