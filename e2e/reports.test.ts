import fs from 'node:fs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServeProcess } from '../test/support/serve-process.ts';
import { tempDir } from '../test/support/temp-dir.ts';
import { closeUi, openUi, screenshot } from './support/browser.ts';
import { seedDevices } from './support/seed.ts';

/** The Reports page: generate an inventory as HTML, watch it finish, preview it, download it, delete it. */
describe('Reports page in Chromium against a real headless host', () => {
  let serve: ServeProcess;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  const data = tempDir();

  beforeAll(async () => {
    await seedDevices(data.dir, 6);
    ({ serve, browser, page, errors } = await openUi(data.dir, { viewport: { width: 1280, height: 900 }, acceptDownloads: true }));
  });

  afterAll(async () => {
    await closeUi({ serve, browser });
    data.cleanup();
  });

  it('generates an inventory HTML report, previews it in a sandboxed frame and downloads it', async () => {
    await page.goto(`${serve.url}/#/reports`);
    const form = page.getByRole('form', { name: 'Generate a report' });
    await form.getByLabel('Report').selectOption('inventory');
    await form.getByLabel('Period').selectOption('7d');
    await form.getByLabel('Format').selectOption('html');
    await form.getByRole('button', { name: 'Generate' }).click();

    // The finished report opens in the preview: a sandboxed frame with the report's own HTML.
    const frameEl = page.getByTitle('Report preview');
    await frameEl.waitFor();
    expect(await frameEl.getAttribute('sandbox')).toBe('');
    const frame = page.frameLocator('iframe[title="Report preview"]');
    await frame.getByRole('heading', { name: 'Site inventory report' }).waitFor();
    expect(await frame.getByRole('cell', { name: 'dev-00000', exact: true }).isVisible()).toBe(true);
    const history = page.getByRole('table', { name: 'Generated reports' });
    await history.getByText('Ready').waitFor();
    await screenshot(page, 'reports-preview-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await screenshot(page, 'reports-preview-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await history.getByRole('button', { name: /^Download Site inventory report \(HTML\)/ }).click();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(1);
    const download = downloads[0]!;
    expect(download.suggestedFilename()).toMatch(/^inventory-.*\.html$/);
    const file = await download.path();
    const html = fs.readFileSync(file, 'utf8');
    expect(html).toContain('Site inventory report');
    expect(html).toContain('dev-00005');

    // A PDF too: generated in the background, listed, downloadable as a binary file.
    await form.getByLabel('Format').selectOption('pdf');
    await form.getByRole('button', { name: 'Generate' }).click();
    await expect.poll(() => history.getByRole('button', { name: /^Download Site inventory report \(PDF\)/ }).isEnabled(), { timeout: 20_000 }).toBe(true);
    await history.getByRole('button', { name: /^Download Site inventory report \(PDF\)/ }).click();
    await expect.poll(() => downloads.length, { timeout: 15_000 }).toBe(2);
    const pdf = downloads[1]!;
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(fs.readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');

    // Bad input: the engine's words next to the field.
    await form.getByLabel('Period').selectOption('custom');
    await form.getByLabel('From').fill('2025-03-10T00:00');
    await form.getByLabel('To').fill('2025-03-01T00:00');
    await form.getByRole('button', { name: 'Generate' }).click();
    await form.getByText('The end of the period must be after its start').waitFor();
    await screenshot(page, 'reports-history-light');

    // No central configured: Upload is disabled and the page says why.
    const upload = history.getByRole('button', { name: /^Upload Site inventory report/ }).first();
    expect(await upload.isDisabled()).toBe(true);
    expect(await page.locator('#report-upload-unavailable').textContent()).toContain('No central server is configured');

    // Delete is the row's bin button and asks first: Cancel keeps the report, Delete removes it.
    const before = await history.getByRole('row').count();
    await history.getByRole('button', { name: /^Delete Site inventory report/ }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Delete report?' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(await history.getByRole('row').count()).toBe(before);
    await history.getByRole('button', { name: /^Delete Site inventory report/ }).first().click();
    await screenshot(page, 'reports-delete-confirm');
    await dialog.getByRole('button', { name: 'Delete' }).click();
    await expect.poll(() => history.getByRole('row').count()).toBe(before - 1);

    // Discovery changes: the scan pickers appear for that kind only.
    await form.getByLabel('Report').selectOption('discovery-diff');
    expect(await form.getByLabel('Scan', { exact: true }).isVisible()).toBe(true);
    expect(await form.getByLabel('Compared with').isVisible()).toBe(true);
    await form.getByLabel('Report').selectOption('inventory');
    expect(await form.getByLabel('Compared with').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
