import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../main/engine.ts';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot, SCREENSHOT_DIR } from './support/browser.ts';

/**
 * The Settings page against a real headless host: data retention survives a reload, a
 * VictoriaMetrics target that refuses connections (port 9 on loopback) is reported in words, and a
 * built-in template is duplicated and its copy edited as JSON (a bad edit shows what is wrong).
 * Only loopback addresses are used.
 */
/** An hour of samples of a device-less series, so the sync has history to push (and fail to). No device is polled. */
async function seedSamples(dataDir: string, now = Date.now()): Promise<void> {
  const engine = await createEngine({ dataDir });
  try {
    for (let ts = now - 3600_000; ts <= now; ts += 60_000) engine.areas.metrics.writer.writeNamed('ping_rtt_ms', { device: 'lab-seed' }, ts, 3 + Math.sin(ts / 6e5));
    engine.areas.metrics.writer.flush();
  } finally {
    await engine.stop();
  }
}

describe('Settings page in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    await seedSamples(data.dir);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 860 } }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('saves the data retention and finds it after a reload; an out-of-range value is shown next to its field', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const form = page.getByRole('form', { name: 'Data retention' });
    await form.getByLabel('Raw samples (days)').fill('120');
    await form.getByRole('button', { name: 'Save retention' }).click();
    await form.getByText('Raw samples are kept at most 90 days').waitFor();

    await form.getByLabel('Raw samples (days)').fill('21');
    await form.getByLabel('5-minute rollups (days)').fill('120');
    await form.getByLabel('1-hour rollups (days)').fill('900');
    await form.getByRole('button', { name: 'Save retention' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    await page.reload();
    const again = page.getByRole('form', { name: 'Data retention' });
    await again.getByLabel('Raw samples (days)').waitFor();
    await expect.poll(() => again.getByLabel('Raw samples (days)').inputValue()).toBe('21');
    expect(await again.getByLabel('5-minute rollups (days)').inputValue()).toBe('120');
    expect(await again.getByLabel('1-hour rollups (days)').inputValue()).toBe('900');
    expect(errors).toEqual([]);
  });

  it('saves a VictoriaMetrics target that refuses connections and says so in words', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const form = page.getByRole('form', { name: 'VictoriaMetrics sync' });
    await form.getByLabel('VictoriaMetrics URL').fill('not a url');
    await form.getByRole('button', { name: 'Save sync settings' }).click();
    await form.getByText('Not a URL', { exact: false }).waitFor();

    await form.getByLabel('VictoriaMetrics URL').fill('http://127.0.0.1:9');
    await form.getByLabel('Authentication').selectOption('bearer');
    await expect.poll(() => form.getByText('not set').count()).toBeGreaterThan(0);
    await form.getByLabel('Bearer token').fill('secret-token-123');
    await form.getByLabel('Site label').fill('site-a');
    await form.getByLabel('Technician label').fill('Ana');
    await form.getByRole('button', { name: 'Save sync settings' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();
    // The token is write-only: the field is empty again and the badge says it is stored.
    expect(await form.getByLabel('Bearer token').inputValue()).toBe('');
    await form.getByText('set', { exact: true }).waitFor();

    await form.getByRole('button', { name: 'Test connection' }).click();
    const result = form.getByRole('status').filter({ hasText: 'VictoriaMetrics did not accept a test push' });
    await result.waitFor({ timeout: 15_000 });
    const words = (await result.textContent()) ?? '';
    expect(words.length).toBeGreaterThan('VictoriaMetrics did not accept a test push: '.length + 3);

    // The history waits in the queue; the push to the closed port fails and the status says why.
    const status = page.getByRole('region', { name: 'Sync status' });
    await status.getByText('Queued samples').waitFor();
    expect(await status.getByText('No VictoriaMetrics target yet').count()).toBe(0);
    await expect
      .poll(
        async () => {
          await status.getByRole('button', { name: 'Refresh status' }).click();
          return status.getByText('Failing', { exact: true }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    const lastError = /Last error(.*)$/.exec((await status.textContent()) ?? '')?.[1] ?? '';
    expect(lastError).not.toMatch(/^None/);
    expect(lastError).toMatch(/[a-z]{4,} [a-z]{2,}/i);
    expect(await status.getByText('history still to push', { exact: false }).count()).toBe(1);

    await page.reload();
    const again = page.getByRole('form', { name: 'VictoriaMetrics sync' });
    await expect.poll(() => again.getByLabel('VictoriaMetrics URL').inputValue()).toBe('http://127.0.0.1:9/');
    expect(await again.getByLabel('Site label').inputValue()).toBe('site-a');
    expect(await again.getByLabel('Authentication').inputValue()).toBe('bearer');
    expect(errors).toEqual([]);
  });

  it('saves the central server with a write-only token', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const form = page.getByRole('form', { name: 'Central server' });
    await form.getByLabel('Central URL').fill('ftp://127.0.0.1/');
    await form.getByRole('button', { name: 'Save central server' }).click();
    await form.getByText('The URL must start with http:// or https://').waitFor();
    await form.getByLabel('Central URL').fill('http://127.0.0.1:9/');
    await form.getByLabel('Central API token').fill('central-token-456');
    await form.getByRole('button', { name: 'Save central server' }).click();
    await form.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    expect(await form.getByLabel('Central API token').inputValue()).toBe('');
    await form.getByText('set', { exact: true }).waitFor();
    expect(errors).toEqual([]);
  });

  it('duplicates a built-in template, edits the copy as JSON, and shows what is wrong with a bad edit', async () => {
    await page.goto(`${serve.url}/#/settings`);
    const table = page.getByRole('table', { name: 'Monitoring templates' });
    await table.getByRole('button', { name: 'Duplicate Generic SNMP (MIB-II)' }).click();

    // The copy opens in the editor straight away.
    let dialog = page.getByRole('dialog');
    await dialog.getByLabel('Template JSON').waitFor();
    const json = JSON.parse(await dialog.getByLabel('Template JSON').inputValue()) as { name: string; items: unknown[] };
    expect(json.name).toBe('Generic SNMP (MIB-II) (copy)');

    // Text that does not parse never reaches the engine.
    await dialog.getByLabel('Template JSON').fill('{ "name": "Broken", ');
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await dialog.getByText('Not valid JSON', { exact: false }).waitFor();
    expect(await dialog.getByLabel('Template JSON').getAttribute('aria-invalid')).toBe('true');

    // Valid JSON the engine rejects: its issues are listed with their paths.
    await dialog.getByLabel('Template JSON').fill(JSON.stringify({ ...json, name: 'Site A switches', items: [{ key: 'Bad Key', name: 'x', oid: '1.3.6.1.2.1.1.3.0', mib: 'SNMPv2-MIB::sysUpTime', valueType: 'gauge' }] }, null, 2));
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await dialog.getByText('items.0.key', { exact: false }).waitFor();
    await screenshot(page, 'settings-template-editor-error-light');

    await dialog.getByLabel('Template JSON').fill(JSON.stringify({ ...json, name: 'Site A switches' }, null, 2));
    await dialog.getByRole('button', { name: 'Save template' }).click();
    await dialog.waitFor({ state: 'detached' });
    await table.getByRole('cell', { name: 'Site A switches', exact: true }).waitFor();
    expect(await table.getByRole('button', { name: 'Edit template Generic SNMP (MIB-II)' }).count()).toBe(0);

    // The user's template opens again with what was saved; built-ins have no Edit.
    await table.getByRole('button', { name: 'Edit template Site A switches' }).click();
    dialog = page.getByRole('dialog');
    expect((JSON.parse(await dialog.getByLabel('Template JSON').inputValue()) as { name: string }).name).toBe('Site A switches');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('shows the Settings page in both themes', async () => {
    await page.goto(`${serve.url}/#/settings`);
    await page.getByRole('region', { name: 'Sync status' }).getByText('Queued samples').waitFor();
    await page.getByRole('table', { name: 'Monitoring templates' }).waitFor();
    await page.waitForTimeout(300);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await screenshot(page, `settings-${scheme}`);
      // The page scrolls inside <main>: each new section gets its own picture.
      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      for (const [name, file] of [
        ['VictoriaMetrics sync', 'sync'],
        ['Central server', 'central'],
        ['Data retention', 'retention'],
        ['Monitoring templates', 'templates'],
      ] as const) {
        await page.getByRole('region', { name, exact: true }).screenshot({ path: path.join(SCREENSHOT_DIR, `settings-${file}-${scheme}.png`) });
      }
    }
    await page.emulateMedia({ colorScheme: 'light' });
    expect(errors).toEqual([]);
  });
});
