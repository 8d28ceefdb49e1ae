import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../main/engine.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi } from './support/browser.ts';
import { screenshotBothThemes } from './support/lab-scan.ts';
import { seedUxScan, UX_HOSTS } from './support/seed-ux.ts';

const COMMUNITY = 'e2e-typed-community-7f3a';

/**
 * The Discovery form as a technician meets it (issue 18 item 5): Start waits for valid targets
 * and the problems show once; a fixed field drops the engine's old message; a community can be
 * typed for one scan (it reaches the agent's side as "this scan #1" and is stored nowhere); the
 * targets and the credential pick survive a reload; the results table has MAC and RTT and its
 * Confidence column stays in view at 1440 px.
 */
describe('Discovery form in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    seedUxScan(data.dir);
    const engine = await createEngine({ dataDir: data.dir });
    try {
      for (const name of ['alpha-ro', 'beta-ro']) {
        const r = await engine.api.call('credentials.create', { name, version: '2c', community: `${name}-secret` });
        if (!r.ok) throw new Error(r.error.message);
      }
    } finally {
      await engine.stop();
    }
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1440, height: 900 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('keeps Start disabled while the targets are empty or invalid, with one error per bad entry', async () => {
    await page.goto(`${serve.url}/#/discovery`);
    const form = page.getByRole('form', { name: 'New scan' });
    const start = form.getByRole('button', { name: 'Start scan' });
    await form.getByText('Type the targets to scan first.').waitFor();
    expect(await start.isDisabled()).toBe(true);

    await form.getByLabel('Targets').fill('198.18.0.300');
    await form.getByText('is not a valid IPv4 address', { exact: false }).waitFor();
    await expect.poll(() => start.isDisabled()).toBe(true);
    await form.getByText('Fix the targets first', { exact: false }).waitFor();
    // Pressing Enter in another field does not start it either: the one message stays one.
    await form.getByLabel('Timeout (ms)').press('Enter');
    expect(await form.getByText('is not a valid IPv4 address', { exact: false }).count()).toBe(1);

    await form.getByLabel('Targets').fill('127.0.0.1');
    await form.getByText('ready to scan', { exact: false }).waitFor();
    await expect.poll(() => start.isDisabled()).toBe(false);
    expect(errors).toEqual([]);
  });

  it('drops the engine’s message and the red border once the field is changed', async () => {
    const form = page.getByRole('form', { name: 'New scan' });
    const rate = form.getByLabel('Rate (packets/s)');
    await rate.fill('20000');
    await form.getByRole('button', { name: 'Start scan' }).click();
    await form.getByText('Rate must be at most 10000 packets per second').waitFor();
    expect(await rate.getAttribute('aria-invalid')).toBe('true');
    await rate.fill('500');
    await expect.poll(() => form.getByText('Rate must be at most 10000 packets per second').count()).toBe(0);
    expect(await rate.getAttribute('aria-invalid')).toBeNull();
    expect(await form.locator('.field-invalid').count()).toBe(0);
  });

  it('remembers the targets and the credential pick across a reload, and never the typed community', async () => {
    const form = page.getByRole('form', { name: 'New scan' });
    const order = form.getByRole('list', { name: 'Credentials, in the order they are tried' });
    await order.getByText('alpha-ro (v2c)').waitFor();
    await form.getByRole('button', { name: 'Do not try alpha-ro (v2c)' }).click();
    await form.getByLabel('Community for this scan only').fill(COMMUNITY);
    const adaptive = form.getByRole('checkbox', { name: 'Faster while hosts answer' });
    expect(await adaptive.isChecked()).toBe(true);
    await adaptive.uncheck();
    await page.reload();
    await form.getByText('ready to scan', { exact: false }).waitFor();
    expect(await adaptive.isChecked()).toBe(false);
    await adaptive.check();
    expect(await form.getByLabel('Targets').inputValue()).toBe('127.0.0.1');
    expect(await order.getByRole('listitem').allTextContents()).toEqual([expect.stringContaining('beta-ro (v2c)')]);
    expect(await form.getByLabel('Community for this scan only').inputValue()).toBe('');
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('127.0.0.1');
    expect(stored).not.toContain(COMMUNITY);
  });

  it('scans with a community typed for this scan only: tried as "this scan #1", stored nowhere', async () => {
    const form = page.getByRole('form', { name: 'New scan' });
    await form.getByLabel('Community for this scan only').fill(COMMUNITY);
    await form.getByRole('button', { name: 'Start scan' }).click();
    await page.locator('.job-panel').getByText('Finished', { exact: true }).waitFor({ timeout: 30_000 });
    await page.locator('.job-panel').getByText('500 pps (adaptive)', { exact: false }).waitFor();
    const row = page.getByRole('table', { name: 'Discovered hosts' }).getByRole('row').filter({ hasText: '127.0.0.1' });
    await expect.poll(() => row.textContent(), { timeout: 10_000 }).toContain('this scan #1 (v2c)');
    // Nothing shown carries it (the job's header, the past scans, the results): only the field holds it.
    const shown = await page.evaluate(() => document.body.innerText);
    expect(shown).not.toContain(COMMUNITY);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).not.toContain(COMMUNITY);
    expect(errors).toEqual([]);
  });

  it('shows MAC and RTT in the results, and the Confidence column inside the table at 1440 px', async () => {
    await page.getByRole('list', { name: 'Past scans' }).getByRole('button', { name: /198\.18\.9\.0\/24/ }).click();
    const table = page.getByRole('table', { name: 'Discovered hosts' });
    for (const h of UX_HOSTS) {
      const row = table.getByRole('row').filter({ has: page.getByRole('button', { name: h.address, exact: true }) });
      await row.waitFor();
      const text = await row.textContent();
      expect(text).toContain(h.mac);
      expect(text).toContain(h.rttMs < 1 ? `${h.rttMs.toFixed(2)} ms` : h.rttMs < 10 ? `${h.rttMs.toFixed(1)} ms` : `${h.rttMs} ms`);
    }
    const headers = await table.locator('thead th').allTextContents();
    expect(headers).toEqual(expect.arrayContaining(['MAC', 'RTT', 'Confidence']));
    const box = await page.locator('.results-table').boundingBox();
    const conf = await table.getByRole('button', { name: /confidence: why/ }).first().boundingBox();
    expect(box && conf).toBeTruthy();
    expect(conf!.x + conf!.width).toBeLessThanOrEqual(box!.x + box!.width);
    expect(conf!.x).toBeGreaterThanOrEqual(box!.x);
    await screenshotBothThemes(page, 'ux-discovery-results-1440');
    expect(errors).toEqual([]);
  });
});
