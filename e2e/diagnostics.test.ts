import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { createLab, describeLab, type Lab } from '../test/lab/index.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi } from './support/browser.ts';
import { screenshotBothThemes } from './support/lab-scan.ts';

const DESKTOP = { width: 1440, height: 900 };
const PHONE = { width: 390, height: 844 };

/**
 * How far the Diagnostics panel reaches past the viewport's right edge (the app shell's own phone
 * layout is another item: only the page's content is checked here).
 */
const panelOverflow = (page: Page): Promise<number> =>
  page.getByRole('tabpanel').evaluate((el) => Math.max(el.getBoundingClientRect().right - window.innerWidth, el.scrollWidth - el.clientWidth));

/** A duration label as formatMs prints it ("0.05 ms", "1.2 ms", "550 ms"), in ms. */
const ms = (label: string): number => Number(/^([\d.]+) ms$/.exec(label.trim())?.[1] ?? Number.NaN);

/**
 * The Diagnostics page in Chromium against a real headless host: traceroute to loopback and
 * across a chain of two lab routers (one row per hop, "1 hop" / "3 hops"), and a ping of a lab
 * host next to a dead lab address (the loss is red ticks of its own; the RTT axis follows the
 * replies only). Packets go only to loopback and this test's lab (198.18.0.0/15).
 */
describeLab('Diagnostics in Chromium: traceroute rows are hops, ping loss has its own marks', () => {
  let lab: Lab;
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    lab = await createLab({ name: 'diag-ui', probe: 'root', routers: 2, hosts: [{ name: 'h' }] });
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: DESKTOP }));
  });

  beforeEach(async () => {
    await page.setViewportSize(DESKTOP);
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    await lab?.destroy();
    data.cleanup();
  });

  async function traceroute(target: string): Promise<Locator> {
    await page.goto(`${serve.url}/#/diagnostics`);
    await page.getByRole('tab', { name: 'Traceroute' }).click();
    const form = page.getByRole('form', { name: 'Traceroute' });
    await form.getByLabel('Target').fill(target);
    await form.getByLabel('Max hops').fill('8');
    await form.getByRole('button', { name: 'Start traceroute' }).click();
    await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 30_000 });
    return page.getByRole('table', { name: 'Traceroute hops' });
  }

  it('traceroute to 127.0.0.1 is one row and says "1 hop"', async () => {
    const hops = await traceroute('127.0.0.1');
    await page.getByRole('region', { name: 'Hops' }).getByText('Reached 127.0.0.1 in 1 hop.', { exact: true }).waitFor();
    expect(await hops.getByRole('row').count()).toBe(1 + 1);
    expect(await hops.getByRole('row').nth(1).getByRole('cell').nth(1).textContent()).toBe('127.0.0.1');
    await screenshotBothThemes(page, 'diagnostics-traceroute-loopback-1440');
    await page.setViewportSize(PHONE);
    await screenshotBothThemes(page, 'diagnostics-traceroute-loopback-390');
    expect(await panelOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });

  it('traceroute across two lab routers has one row per hop: the routers, then the target', async () => {
    const chain = lab.chain!;
    expect(chain.target).toMatch(/^198\.1[89]\./);
    const hops = await traceroute(chain.target);
    const path = [...chain.hops, chain.target];
    await page.getByRole('region', { name: 'Hops' }).getByText(`Reached ${chain.target} in ${path.length} hops.`, { exact: true }).waitFor();
    const rows = hops.getByRole('row');
    expect(await rows.count()).toBe(1 + path.length);
    for (const [i, address] of path.entries()) {
      expect(await rows.nth(i + 1).getByRole('cell').nth(0).textContent()).toBe(String(i + 1));
      expect(await rows.nth(i + 1).getByRole('cell').nth(1).textContent()).toBe(address);
    }
    await screenshotBothThemes(page, 'diagnostics-traceroute-chain-1440');
    expect(errors).toEqual([]);
  });

  it('a ping of a lab host and a dead lab address: loss is red ticks, the RTT axis follows the replies, the table goes by target then sequence', async () => {
    const live = lab.hosts.h!;
    const dead = `198.18.${lab.subnet}.5`;
    await page.goto(`${serve.url}/#/diagnostics`);
    await page.getByRole('tab', { name: 'Ping' }).click();
    const form = page.getByRole('form', { name: 'Ping' });
    await form.getByLabel('Targets').fill(`${live}, ${dead}`);
    await form.getByLabel('Count').fill('4');
    await form.getByLabel('Interval (s)').fill('0.3');
    await form.getByLabel('Timeout (s)').fill('0.5');
    await form.getByRole('button', { name: 'Start ping' }).click();
    await page.getByRole('status').filter({ hasText: 'Completed' }).waitFor({ timeout: 20_000 });

    await screenshotBothThemes(page, 'diagnostics-ping-loss-1440');
    const chart = page.getByRole('region', { name: 'Round-trip time' });
    await chart.getByLabel('Lost probes').getByText('4 of 8 probes lost', { exact: false }).waitFor();
    expect(await chart.locator('.loss-tick').count()).toBe(4);
    // The RTT axis is scaled to the lab host's sub-millisecond replies, not to a made-up point for the lost probes.
    const ticks = (await chart.locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()).filter((t) => t.endsWith(' ms')).map(ms);
    expect(ticks.length).toBeGreaterThan(1);
    expect(Math.max(...ticks)).toBeLessThan(20);

    const rows = page.getByRole('table', { name: 'Ping replies' }).getByRole('row');
    expect(await rows.count()).toBe(1 + 8);
    const order: string[] = [];
    for (let i = 1; i <= 8; i++) {
      const cells = rows.nth(i).getByRole('cell');
      order.push(`${await cells.nth(0).textContent()}#${await cells.nth(1).textContent()}`);
      if (i > 4) {
        expect(await cells.nth(2).textContent()).toBe('No reply');
        expect(await cells.nth(4).textContent()).toBe('—');
      }
    }
    expect(order).toEqual([0, 1, 2, 3].map((s) => `${live}#${s}`).concat([0, 1, 2, 3].map((s) => `${dead}#${s}`)));
    await page.setViewportSize(PHONE);
    await screenshotBothThemes(page, 'diagnostics-ping-loss-390');
    await chart.scrollIntoViewIfNeeded();
    await screenshotBothThemes(page, 'diagnostics-ping-loss-390-chart');
    expect(await panelOverflow(page)).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });
});
